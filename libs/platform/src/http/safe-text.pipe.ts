import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '@lianzhi/domain';

/** C0 controls other than tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const MAX_DEPTH = 32;

/**
 * Guards every service against input PostgreSQL or the validators cannot
 * take: NUL and other control characters anywhere in a body, query or path
 * (PostgreSQL rejects NUL in text, which would otherwise surface later as a
 * 500 or as an event no consumer can store), and bodies nested deeper than
 * any form sends. Runs before class-validator; names the field at fault.
 */
@Injectable()
export class SafeTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const root = metadata.data ?? (metadata.type === 'body' ? '' : metadata.type);
    inspect(value, root, 0);
    return value;
  }
}

function inspect(value: unknown, path: string, depth: number): void {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) {
      throw new DomainError(
        'VALIDATION.NO_CONTROL_CHARACTERS',
        `${path || 'body'} must not contain control characters`,
        path || 'body',
      );
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;

  if (depth >= MAX_DEPTH) {
    throw new DomainError(
      'VALIDATION.TOO_DEEP',
      `${path || 'body'} is nested more than ${MAX_DEPTH} levels deep`,
      path || 'body',
    );
  }
  for (const [key, child] of Object.entries(value)) {
    if (CONTROL.test(key)) {
      throw new DomainError('VALIDATION.NO_CONTROL_CHARACTERS', 'a field name contains control characters', path || 'body');
    }
    const childPath = path ? `${path}.${key}` : key;
    inspect(child, childPath, depth + 1);
  }
}
