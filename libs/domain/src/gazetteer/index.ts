export * from './places.data';
export * from './township-resolver';
export * from './outside-district';
