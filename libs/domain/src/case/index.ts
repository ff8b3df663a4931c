export * from './case.state';
export * from './case.evolve';
