import {
  chinaWorkingCalendar,
  ClockKind,
  DEFAULT_LIMITS,
  dueDates,
  DueDates,
  effectiveMatterClass,
  LimitClass,
  TimeLimit,
  TimeLimits,
  Urgency,
} from '@lianzhi/domain';

/**
 * The clocks of one assignment on the Chinese working calendar. A limit the
 * matrix sets for one matter type (in hours) overrides the default of its
 * class, unless the call's urgency asks for faster clocks; otherwise the
 * district's policy by urgency and class applies.
 */
export function dueDatesFor(
  issuedAt: Date,
  urgency: Urgency,
  limitClass: LimitClass,
  limits?: TimeLimits,
): DueDates {
  const defaults = DEFAULT_LIMITS[limitClass];
  const overrides: Partial<Record<ClockKind, TimeLimit>> = {};
  // An urgent call runs on the faster clocks of its urgency, whatever the matter.
  const ownPace = effectiveMatterClass(urgency, limitClass) === limitClass;
  if (ownPace && limits && limits.acknowledgeHours !== defaults.acknowledgeHours) {
    overrides.acknowledge = hours(limits.acknowledgeHours);
  }
  if (ownPace && limits && limits.resolveHours !== defaults.resolveHours) {
    overrides.resolve = hours(limits.resolveHours);
  }

  return dueDates({
    issuedAt,
    urgency,
    matterClass: limitClass,
    calendar: chinaWorkingCalendar,
    overrides,
  });
}

function hours(amount: number): TimeLimit {
  return { amount, unit: 'calendar-hours' };
}
