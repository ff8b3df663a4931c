import { AssignmentStatus } from '@lianzhi/domain';

/** 4 and 5 of five are satisfied; 1 to 3 send the case back for 重办. */
export function isSatisfied(satisfaction: number): boolean {
  return satisfaction >= 4;
}

/** Assignments a unit no longer holds do not wait for 回访. */
const LEFT: readonly AssignmentStatus[] = ['returned', 'transferred', 'closed'];

export function stillHeld(status: AssignmentStatus): boolean {
  return !LEFT.includes(status);
}

/** 回访 needs at least one unit still on the case, and every one of them resolved. */
export function readyForFollowUp(statuses: readonly AssignmentStatus[]): boolean {
  const held = statuses.filter(stillHeld);
  return held.length > 0 && held.every((s) => s === 'resolved');
}
