import { Actor, Principal } from '@lianzhi/domain';

/** Decisions routing takes by itself, from the matrix. */
export const ROUTING_ACTOR: Actor = { kind: 'system', id: 'routing' };

/** A decision taken by a person of the district office. */
export function actorOf(user: Principal): Actor {
  return {
    kind: 'user',
    id: user.sub,
    role: user.role,
    ...(user.unit ? { unit: user.unit } : {}),
    ...(user.township ? { township: user.township } : {}),
  };
}
