import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '@lianzhi/domain';
import { hasForbiddenCharacters } from '../create-complaint/text-rules';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const MAX_KEY_LENGTH = 200;

export interface StoredResponse<T> {
  readonly status: number;
  readonly body: T;
}

/** What a claim on a key found: a fresh key, or the answer given before. */
export type Claim<T> =
  | { readonly fresh: true }
  | { readonly fresh: false; readonly response: StoredResponse<T> };

/**
 * A retried request with the same `Idempotency-Key` gets the first answer;
 * the same key with another body is refused. The claim is an insert inside
 * the caller's transaction, so two concurrent retries serialise on the key
 * and only one of them writes.
 */
@Injectable()
export class IdempotencyKeys {
  static check(key: string | undefined): string | undefined {
    if (key === undefined) return undefined;
    if (
      key.length === 0 ||
      key.length > MAX_KEY_LENGTH ||
      hasForbiddenCharacters(key)
    ) {
      throw new DomainError(
        'VALIDATION.IDEMPOTENCY_KEY',
        `the key must be 1 to ${MAX_KEY_LENGTH} printable characters`,
        IDEMPOTENCY_HEADER,
      );
    }
    return key;
  }

  async claim<T>(
    manager: EntityManager,
    key: string,
    requestHash: string,
  ): Promise<Claim<T>> {
    const inserted = await manager.query(
      `insert into intake.idempotency_keys (key, request_hash)
       values ($1, $2) on conflict (key) do nothing returning key`,
      [key, requestHash],
    );
    if (inserted.length > 0) return { fresh: true };

    const [row] = await manager.query(
      `select request_hash, status, response
         from intake.idempotency_keys where key = $1`,
      [key],
    );
    if (row.request_hash !== requestHash) {
      throw new DomainError(
        'IDEMPOTENCY.KEY_REUSED',
        'this Idempotency-Key was used for a different request',
        IDEMPOTENCY_HEADER,
      );
    }
    return {
      fresh: false,
      response: { status: row.status, body: row.response as T },
    };
  }

  async record<T>(
    manager: EntityManager,
    key: string,
    response: StoredResponse<T>,
  ): Promise<void> {
    await manager.query(
      `update intake.idempotency_keys set status = $2, response = $3
        where key = $1`,
      [key, response.status, JSON.stringify(response.body)],
    );
  }
}

/** The same request, whatever the order of its keys, hashes the same. */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
