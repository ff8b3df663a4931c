import {
  ComplaintReceived,
  DomainError,
  URGENCIES,
  Urgency,
} from '@lianzhi/domain';
import { NewCase } from '../dispatch/case-store';

/**
 * The routing inputs of a ComplaintReceived. The envelope is checked by the
 * consumer; this checks the data routing relies on, so a malformed complaint
 * is dead-lettered with the field at fault instead of retried forever.
 */
export function readComplaint(event: ComplaintReceived): NewCase {
  const data = (event.data ?? {}) as Partial<ComplaintReceived['data']>;

  const description = requireText(data.description, 'data.description');
  const caseNumber = requireText(data.caseNumber, 'data.caseNumber');
  if (!data.address || typeof data.address.text !== 'string') {
    throw invalid('the address text is missing', 'data.address.text');
  }
  const urgency = (data.urgency ?? 'normal') as Urgency;
  if (!URGENCIES.includes(urgency)) {
    throw invalid(`unknown urgency ${String(data.urgency)}`, 'data.urgency');
  }
  const receivedAt = data.receivedAt ?? event.occurredAt;
  if (Number.isNaN(Date.parse(receivedAt))) {
    throw invalid('receivedAt is not an instant', 'data.receivedAt');
  }

  return {
    caseId: event.caseId,
    caseNumber,
    description,
    address: data.address,
    category: optionalText(data.category),
    urgency,
    townshipHint: optionalText(data.address.township),
    confidential: data.confidential === true,
    callerRef: optionalText(data.callerRef),
    propertyCompany: optionalText(data.propertyCompany),
    receivedAt: new Date(receivedAt).toISOString(),
  };
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(`${field} is missing`, field);
  }
  return value;
}

function optionalText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function invalid(message: string, field: string): DomainError {
  return new DomainError('EVENT.INVALID', message, field);
}
