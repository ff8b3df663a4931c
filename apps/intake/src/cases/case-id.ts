import { DomainError } from '@lianzhi/domain';

const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are UUIDs; anything else is the caller's mistake, not a 500. */
export function checkUuid(value: string, field: string): string {
  if (!UUID.test(value)) {
    throw new DomainError('VALIDATION.IS_UUID', `${field} must be a UUID`, field);
  }
  return value.toLowerCase();
}
