export * from './errors/domain-error';
export * from './units/units';
export * from './events';
export * from './calendar';
export * from './access';
export * from './time-limits';
export * from './assignment';
export * from './case';
