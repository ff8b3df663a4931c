import { DomainError } from '../errors/domain-error';
import { DomainEvent, EVENT_VERSIONS } from './catalogue';

const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads an event off the wire. Anything that is not a known contract is a
 * poison message: it throws `EVENT.INVALID` so the consumer can dead-letter it.
 */
export function parseEvent(raw: string | Buffer | null | undefined): DomainEvent {
  if (raw === null || raw === undefined) {
    throw invalid('the message has no value', 'value');
  }

  let value: unknown;
  try {
    value = JSON.parse(raw.toString());
  } catch {
    throw invalid('the message is not JSON', 'value');
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('the message is not an object', 'value');
  }

  const event = value as Record<string, unknown>;
  const known = EVENT_VERSIONS[event.type as keyof typeof EVENT_VERSIONS];
  if (known === undefined) {
    throw invalid(`unknown event type ${String(event.type)}`, 'type');
  }
  if (event.version !== known) {
    throw invalid(`unsupported version ${String(event.version)}`, 'version');
  }
  for (const field of ['id', 'caseId', 'occurredAt'] as const) {
    if (typeof event[field] !== 'string' || event[field] === '') {
      throw invalid(`${field} is missing`, field);
    }
  }
  if (!UUID.test(event.id as string)) {
    throw invalid('id is not a UUID', 'id');
  }
  if (!ISO_INSTANT.test(event.occurredAt as string)) {
    throw invalid('occurredAt is not an ISO instant', 'occurredAt');
  }
  if (typeof event.actor !== 'object' || event.actor === null) {
    throw invalid('actor is missing', 'actor');
  }
  if (typeof event.data !== 'object' || event.data === null) {
    throw invalid('data is missing', 'data');
  }

  return value as DomainEvent;
}

function invalid(message: string, field: string): DomainError {
  return new DomainError('EVENT.INVALID', message, field);
}
