/** Who did something: a person in a role, the resident, or the system's clock. */
export interface Actor {
  readonly kind: 'user' | 'resident' | 'system';
  readonly id: string;
  readonly role?: string;
  readonly unit?: string;
  readonly township?: string;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system' };

/**
 * Every fact about a case travels in this envelope, keyed by `caseId` on
 * Kafka. `id` is unique per fact: consumers apply each id at most once.
 */
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly version: number;
  readonly id: string;
  readonly caseId: string;
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly data: TData;
  /** The event that caused this one, when there is one. */
  readonly causationId?: string;
}
