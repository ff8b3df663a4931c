import { Actor, Principal } from '@lianzhi/domain';

/** Who did it, as events record it: never a caller's name or phone. */
export function actorOf(principal: Principal): Actor {
  return {
    kind: 'user',
    id: principal.sub,
    role: principal.role,
    ...(principal.unit ? { unit: principal.unit } : {}),
    ...(principal.township ? { township: principal.township } : {}),
  };
}

/** A resident reaching intake through a public channel (Open311). */
export const RESIDENT_ACTOR: Actor = { kind: 'resident', id: 'open311' };
