import { Tag, Tooltip } from 'antd';
import { formatDuration, formatTime, LIGHT_COLORS, LIGHT_LABELS, trafficLight } from './format';

/** The 红黄灯 of a deadline with the time left or overdue. */
export function DeadlineLight({
  dueAt,
  startedAt,
}: {
  dueAt?: string | null;
  startedAt?: string | null;
}) {
  const light = trafficLight(dueAt, startedAt);
  if (light === 'none') return <Tag>无时限</Tag>;
  const left = Date.parse(dueAt as string) - Date.now();
  const text = left < 0 ? `超期 ${formatDuration(left)}` : `剩余 ${formatDuration(left)}`;
  return (
    <Tooltip title={`${LIGHT_LABELS[light]}，期限 ${formatTime(dueAt)}`}>
      <Tag color={LIGHT_COLORS[light]} data-light={light}>
        {light === 'red' ? '红灯' : light === 'yellow' ? '黄灯' : '绿灯'} · {text}
      </Tag>
    </Tooltip>
  );
}
