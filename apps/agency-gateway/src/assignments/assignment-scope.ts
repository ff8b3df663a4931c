import { Actor, DomainError, Principal } from '@lianzhi/domain';

/** Who may see an assignment: its unit, its township, or the district. */
export function mayRead(
  principal: Principal,
  assignment: { unit: string; township: string | null },
): boolean {
  switch (principal.role) {
    case 'liaison':
      return !!principal.unit && principal.unit === assignment.unit;
    case 'township':
      return !!principal.township && principal.township === assignment.township;
    case 'dispatcher':
    case 'supervisor':
      return true;
    default:
      return false;
  }
}

/**
 * Scoped roles get the same answer for an assignment of another unit and for
 * one that does not exist, so an id reveals nothing about other units' work.
 */
export function notVisible(principal: Principal): DomainError {
  if (principal.role === 'dispatcher' || principal.role === 'supervisor') {
    return new DomainError('ASSIGNMENT.NOT_FOUND', 'no such assignment');
  }
  return new DomainError(
    'ASSIGNMENT.WRONG_UNIT',
    'this assignment is not one of your unit’s',
    'assignmentId',
  );
}

/** The liaison's unit, which every unit action needs. */
export function unitOf(principal: Principal): string {
  if (!principal.unit) {
    throw new DomainError(
      'AUTH.FORBIDDEN',
      'the signed-in liaison is bound to no unit',
    );
  }
  return principal.unit;
}

export function actorOf(principal: Principal): Actor {
  return {
    kind: 'user',
    id: principal.sub,
    role: principal.role,
    ...(principal.unit ? { unit: principal.unit } : {}),
    ...(principal.township ? { township: principal.township } : {}),
  };
}
