import { Tabs } from 'antd';
import { ComplaintForm } from './ComplaintForm';
import { FollowUpForm } from './FollowUpForm';
import { ProgressLookup } from './ProgressLookup';

/** 话务受理台: take the call, check progress, call back. */
export function ConsolePage() {
  return (
    <Tabs
      destroyInactiveTabPane={false}
      items={[
        { key: 'intake', label: '诉求受理', children: <ComplaintForm /> },
        { key: 'progress', label: '进度查询', children: <ProgressLookup /> },
        { key: 'follow-up', label: '回访', children: <FollowUpForm /> },
      ]}
    />
  );
}
