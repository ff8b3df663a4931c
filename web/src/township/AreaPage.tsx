import { Tabs } from 'antd';
import type { Principal } from '../api/client';
import { DashboardView } from '../dashboard/DashboardView';
import { JointMeetings } from '../dashboard/JointMeetings';
import { MonthlyReport } from '../dashboard/MonthlyReport';
import { AssignmentTable } from '../inbox/InboxPage';
import { JointPanel } from '../inbox/JointPanel';
import { townshipName } from '../labels';

/** 镇街工作台: the coordinator's own area only. */
export function AreaPage({ principal }: { principal: Principal }) {
  const name = townshipName(principal.township);
  return (
    <Tabs
      destroyInactiveTabPane
      items={[
        {
          key: 'dashboard',
          label: '本辖区指标',
          children: <DashboardView scope={`township:${principal.township ?? ''}`} title={`${name}执法联动指标`} />,
        },
        { key: 'cases', label: '辖区案件', children: <AssignmentTable scopeLabel={name} showUnit /> },
        { key: 'joint', label: '联合执法', children: <JointPanel principal={principal} /> },
        { key: 'meetings', label: '联席会议', children: <JointMeetings township={principal.township} /> },
        { key: 'report', label: '月度报告', children: <MonthlyReport /> },
      ]}
    />
  );
}
