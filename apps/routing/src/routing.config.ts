/** Settings of the routing service beyond the platform's. */
export interface RoutingConfig {
  /** Bounces (退单 or 转办) before a case goes to arbitration (审定). */
  readonly maxHops: number;
}

export const ROUTING_CONFIG = Symbol('ROUTING_CONFIG');

export function readRoutingConfig(env: NodeJS.ProcessEnv): RoutingConfig {
  const maxHops = Number(env.ROUTING_MAX_HOPS ?? 3);
  if (!Number.isInteger(maxHops) || maxHops < 1) {
    throw new Error('ROUTING_MAX_HOPS must be a whole number of at least 1');
  }
  return { maxHops };
}
