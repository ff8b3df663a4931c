export * from './matrix-entry';
export * from './time-limits';
export * from './responsibility-matrix.data';
export * from './matrix-version';
