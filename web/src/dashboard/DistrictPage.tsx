import { Tabs } from 'antd';
import type { Principal } from '../api/client';
import { AssignmentTable } from '../inbox/InboxPage';
import { Arbitration } from './Arbitration';
import { DashboardView } from './DashboardView';
import { DispatchQueue } from './DispatchQueue';
import { Extensions } from './Extensions';
import { JointMeetings } from './JointMeetings';
import { MatrixVersions } from './MatrixVersions';
import { MonthlyReport } from './MonthlyReport';

/** 区指挥调度中心: district dispatch and supervision. */
export function DistrictPage({ principal }: { principal: Principal }) {
  const dispatches = principal.role === 'dispatcher' || principal.role === 'supervisor';
  const supervises = principal.role === 'supervisor' || principal.role === 'admin';
  return (
    <Tabs
      destroyInactiveTabPane
      items={[
        { key: 'dashboard', label: '指标看板', children: <DashboardView scope="district" title="全区执法联动指标" /> },
        ...(dispatches
          ? [
              { key: 'cases', label: '全区案件', children: <AssignmentTable scopeLabel="全区" showUnit /> },
              { key: 'dispatch', label: '人工派单', children: <DispatchQueue /> },
              { key: 'arbitration', label: '退单审定', children: <Arbitration /> },
              { key: 'extensions', label: '延期审批', children: <Extensions /> },
            ]
          : []),
        { key: 'meetings', label: '联席会议', children: <JointMeetings /> },
        { key: 'report', label: '月度报告', children: <MonthlyReport /> },
        ...(supervises ? [{ key: 'matrix', label: '职责清单', children: <MatrixVersions /> }] : []),
      ]}
    />
  );
}
