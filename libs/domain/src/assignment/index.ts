export * from './assignment.state';
export * from './assignment.commands';
export * from './assignment.decider';
export * from './assignment.evolve';
