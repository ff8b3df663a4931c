export * from './china-holidays.data';
export * from './shanghai-time';
export * from './working-calendar';
