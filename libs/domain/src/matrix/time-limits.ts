import { Urgency } from '../events/catalogue';
import { LimitClass, TimeLimits } from './matrix-entry';

/** Defaults from mission.md §5, overridable per matter type. */
export const DEFAULT_LIMITS: Record<LimitClass, TimeLimits> = {
  emergency: { dispatchHours: 1, acknowledgeHours: 1, resolveHours: 2 },
  utility: { dispatchHours: 2, acknowledgeHours: 1, resolveHours: 24 },
  general: { dispatchHours: 24, acknowledgeHours: 1, resolveHours: 168 },
  complex: { dispatchHours: 24, acknowledgeHours: 1, resolveHours: 360 },
};

export const URGENCY_OF_CLASS: Record<LimitClass, Urgency> = {
  emergency: 'critical',
  utility: 'urgent',
  general: 'normal',
  complex: 'normal',
};
