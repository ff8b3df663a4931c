export * from './decide-routing';
