import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** Instants are stored in UTC and shown in the district's time. */
export const ZONE = 'Asia/Shanghai';

export function formatTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = dayjs(value);
  return d.isValid() ? d.tz(ZONE).format('YYYY-MM-DD HH:mm') : String(value);
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(1)}%`;
}

/** 2 天 3 小时, 45 分钟: the time left (or overdue) as a person says it. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} 天 ${hours} 小时`;
  if (hours > 0) return `${hours} 小时 ${rest} 分钟`;
  return `${rest} 分钟`;
}

export type Light = 'red' | 'yellow' | 'green' | 'none';

/**
 * 红黄灯: red once the deadline has passed, yellow when less than a fifth of
 * the allowed time is left, green otherwise.
 */
export function trafficLight(
  dueAt: string | null | undefined,
  startedAt: string | null | undefined,
  now = Date.now(),
): Light {
  if (!dueAt) return 'none';
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return 'none';
  if (due <= now) return 'red';
  const start = startedAt ? Date.parse(startedAt) : NaN;
  const total = Number.isNaN(start) ? NaN : due - start;
  if (!(total > 0)) return 'green';
  return (due - now) / total < 0.2 ? 'yellow' : 'green';
}

export const LIGHT_LABELS: Record<Light, string> = {
  red: '红灯 已超期',
  yellow: '黄灯 临期',
  green: '绿灯 正常',
  none: '无时限',
};

export const LIGHT_COLORS: Record<Light, string> = {
  red: '#cf1322',
  yellow: '#d48806',
  green: '#389e0d',
  none: '#8c8c8c',
};

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) {
    return crypto.randomUUID();
  }
  return `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
