import { DomainEvent } from '@lianzhi/domain';

/** What a resident can see of where their case stands. */
export type ProgressStatus =
  | 'received'
  | 'routed'
  | 'in-progress'
  | 'resolved'
  | 'closed'
  | 'reopened';

export const STATUS_LABELS: Record<ProgressStatus, string> = {
  received: '已受理',
  routed: '已派单',
  'in-progress': '办理中',
  resolved: '已办结',
  closed: '已结案',
  reopened: '重办中',
};

export type StepKind =
  | 'received'
  | 'queued'
  | 'routed'
  | 'joint'
  | 'transferred'
  | 'returned'
  | 'acknowledged'
  | 'resolved'
  | 'followed-up'
  | 'closed'
  | 'reopened';

/**
 * One public step of a case. It names units (by code) and times, never
 * reasons, results, legal notes or anything about the caller.
 */
export interface ProgressStep {
  readonly eventId: string;
  readonly step: StepKind;
  readonly label: string;
  readonly at: string;
  readonly units?: string[];
  /** The unit a step takes work away from (转办, 退单). */
  readonly fromUnit?: string;
}

/** The public step an event makes, or null for what the public does not see. */
export function stepOf(event: DomainEvent): ProgressStep | null {
  const base = { eventId: event.id, at: event.occurredAt };
  switch (event.type) {
    case 'CaseQueuedForManualDispatch':
      return { ...base, step: 'queued', label: '待派单' };
    case 'CaseRouted':
      if (event.data.assignments.length === 0) return null;
      return {
        ...base,
        step: 'routed',
        label: '已派单',
        units: unique(event.data.assignments.map((a) => a.unit)),
      };
    case 'JointEnforcementOpened':
      return { ...base, step: 'joint', label: '联合执法', units: event.data.units };
    case 'AssignmentTransferred':
      return {
        ...base,
        step: 'transferred',
        label: '已转办',
        units: [event.data.toUnit],
        fromUnit: event.data.unit,
      };
    case 'AssignmentReturned':
      return { ...base, step: 'returned', label: '重新派单中', fromUnit: event.data.unit };
    case 'AssignmentAcknowledged':
      return { ...base, step: 'acknowledged', label: '已签收', units: [event.data.unit] };
    case 'AssignmentResolved':
      return { ...base, step: 'resolved', label: '已办结', units: [event.data.unit] };
    case 'FollowUpRecorded':
      return { ...base, step: 'followed-up', label: '已回访' };
    case 'CaseClosed':
      return { ...base, step: 'closed', label: '已结案' };
    case 'CaseReopened':
      return { ...base, step: 'reopened', label: '重办', units: event.data.units };
    default:
      return null;
  }
}

/**
 * Adds a step once, keeping steps in time order whatever order the events
 * arrived in (routing and gateway facts come from different topics).
 */
export function addStep(steps: readonly ProgressStep[], next: ProgressStep): ProgressStep[] {
  if (steps.some((s) => s.eventId === next.eventId)) return [...steps];
  return [...steps, next].sort((a, b) => a.at.localeCompare(b.at));
}

/** The status the steps lead to, folded in time order. */
export function statusOf(steps: readonly ProgressStep[]): ProgressStatus {
  let status: ProgressStatus = 'received';
  const assigned = new Set<string>();
  const resolved = new Set<string>();

  for (const step of steps) {
    if (status === 'closed' && step.step !== 'reopened') continue;
    const units = step.units ?? [];
    switch (step.step) {
      case 'routed':
        units.forEach((u) => assigned.add(u));
        if (status === 'received' || status === 'reopened') status = 'routed';
        break;
      case 'transferred':
      case 'returned':
        if (step.fromUnit) assigned.delete(step.fromUnit);
        units.forEach((u) => assigned.add(u));
        break;
      case 'acknowledged':
        units.forEach((u) => assigned.add(u));
        status = 'in-progress';
        break;
      case 'resolved':
        units.forEach((u) => resolved.add(u));
        status = [...assigned].every((u) => resolved.has(u)) ? 'resolved' : 'in-progress';
        break;
      case 'closed':
        status = 'closed';
        break;
      case 'reopened':
        units.forEach((u) => resolved.delete(u));
        status = 'reopened';
        break;
      default:
        break;
    }
  }
  return status;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
