import { Urgency } from '../events/catalogue';

/**
 * The class of matter a clock is set for. Emergencies are risks to life or
 * property; utilities are water, power, gas and heating; complex matters need
 * investigation or several units.
 */
export type MatterClass = 'emergency' | 'utility' | 'general' | 'complex';
export const MATTER_CLASSES: readonly MatterClass[] = [
  'emergency',
  'utility',
  'general',
  'complex',
];

/**
 * How a limit is counted. Calendar hours never stop; working hours and
 * working days count only office time on the Chinese working calendar.
 */
export type TimeLimitUnit = 'calendar-hours' | 'working-hours' | 'working-days';

export interface TimeLimit {
  readonly amount: number;
  readonly unit: TimeLimitUnit;
}

/** The three clocks of an assignment: 派单, 签收, 反馈/办结. */
export type ClockKind = 'dispatch' | 'acknowledge' | 'resolve';

export type TimeLimitPolicy = Readonly<
  Record<ClockKind, Readonly<Record<MatterClass, TimeLimit>>>
>;

const calendarHours = (amount: number): TimeLimit => ({
  amount,
  unit: 'calendar-hours',
});
const workingHours = (amount: number): TimeLimit => ({
  amount,
  unit: 'working-hours',
});
const workingDays = (amount: number): TimeLimit => ({
  amount,
  unit: 'working-days',
});

/**
 * Defaults from Chinese practice. Emergencies and utilities run on calendar
 * hours because a burst main or a trapped resident does not wait for Monday.
 * General and complex matters run on working time: the units' liaisons work
 * office hours, and "7 days" in the 12345 rules means 7 working days.
 * Dispatch is the district centre's own job, staffed round the clock, so its
 * clock is always calendar hours.
 */
export const DEFAULT_TIME_LIMITS: TimeLimitPolicy = {
  dispatch: {
    emergency: calendarHours(1),
    utility: calendarHours(2),
    general: calendarHours(24),
    complex: calendarHours(24),
  },
  acknowledge: {
    emergency: calendarHours(1),
    utility: calendarHours(1),
    general: workingHours(1),
    complex: workingHours(1),
  },
  resolve: {
    emergency: calendarHours(2),
    utility: calendarHours(24),
    general: workingDays(7),
    complex: workingDays(15),
  },
};

/**
 * The class whose limits apply. 特急 always runs on emergency limits; 紧急
 * never runs slower than a utility; 一般 keeps the matter's own class.
 */
export function effectiveMatterClass(
  urgency: Urgency,
  matterClass: MatterClass,
): MatterClass {
  if (urgency === 'critical' || matterClass === 'emergency') {
    return 'emergency';
  }

  if (urgency === 'urgent') {
    return 'utility';
  }

  return matterClass;
}
