export * from './envelope';
export * from './catalogue';
export * from './topics';
export * from './parse-event';
