export * from './places.data';
export * from './township-resolver';
