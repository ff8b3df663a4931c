export * from './errors/domain-error';
export * from './units/units';
export * from './events';
export * from './calendar';
