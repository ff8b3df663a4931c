export * from './indicator';
export * from './indicators';
export * from './property-scoring';
