export * from './time-limit.policy';
export * from './due-dates';
