import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { Actor, isDomainError } from '@lianzhi/domain';
import { CreateComplaintDto } from '../create-complaint/create-complaint.dto';
import { CreateComplaintHandler } from '../create-complaint/create-complaint.handler';
import {
  ImportedComplaint,
  isUnreadable,
  ParsedRecord,
  toComplaint,
} from './complaint-source';

export type SubmitOutcome =
  | { readonly kind: 'accepted'; readonly repeat: boolean }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'rejected'; readonly reason: string };

/** Where imported complaints go: the HTTP API or the use case in-process. */
export interface ComplaintSink {
  submit(complaint: ImportedComplaint): Promise<SubmitOutcome>;
}

export interface ImportSummary {
  read: number;
  accepted: number;
  /** Accepted, and similar to an open case (重复投诉 candidates). */
  repeats: number;
  /** Already imported under the same source id: nothing applied. */
  duplicates: number;
  rejected: number;
  /** Rejections counted by reason (error code and field). */
  reasons: Record<string, number>;
  /** The first rejected records, to find them in the file. */
  examples: { line: number; id?: string; reason: string }[];
}

const EXAMPLES = 20;

export async function importComplaints(
  records: readonly ParsedRecord[],
  sink: ComplaintSink,
  options: { concurrency?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    read: records.length,
    accepted: 0,
    repeats: 0,
    duplicates: 0,
    rejected: 0,
    reasons: {},
    examples: [],
  };
  const reject = (line: number, reason: string, id?: string) => {
    summary.rejected += 1;
    const kind = reason.split(':')[0];
    summary.reasons[kind] = (summary.reasons[kind] ?? 0) + 1;
    if (summary.examples.length < EXAMPLES) summary.examples.push({ line, id, reason });
  };

  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < records.length) {
      const record = records[next];
      next += 1;
      const mapped = isUnreadable(record) ? record : toComplaint(record);
      if (isUnreadable(mapped)) {
        reject(mapped.line, `unreadable: ${mapped.reason}`);
      } else {
        const outcome = await sink.submit(mapped);
        if (outcome.kind === 'accepted') {
          summary.accepted += 1;
          if (outcome.repeat) summary.repeats += 1;
        } else if (outcome.kind === 'duplicate') {
          summary.duplicates += 1;
        } else {
          reject(record.line, outcome.reason, mapped.key);
        }
      }
      done += 1;
      options.onProgress?.(done, records.length);
    }
  };

  const workers = Math.max(1, options.concurrency ?? 8);
  await Promise.all(Array.from({ length: workers }, worker));
  return summary;
}

/** Calls the use case directly, with the same validation as the HTTP API. */
export class DirectSink implements ComplaintSink {
  constructor(
    private readonly handler: CreateComplaintHandler,
    private readonly actor: Actor = { kind: 'system', id: 'bulk-import' },
  ) {}

  async submit({ key, body }: ImportedComplaint): Promise<SubmitOutcome> {
    const dto = plainToInstance(CreateComplaintDto, body);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    const first = firstViolation(errors);
    if (first) return { kind: 'rejected', reason: first };

    try {
      const outcome = await this.handler.execute(dto, this.actor, key);
      if (outcome.replayed) return { kind: 'duplicate' };
      return { kind: 'accepted', repeat: outcome.response.body.repeatCandidates.length > 0 };
    } catch (error) {
      if (isDomainError(error)) {
        return { kind: 'rejected', reason: `${error.code} ${error.field ?? ''}: ${error.message}` };
      }
      throw error;
    }
  }
}

/** Posts to a running intake service with a bearer token. */
export class HttpSink implements ComplaintSink {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async submit({ key, body }: ImportedComplaint): Promise<SubmitOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      let res: Response;
      try {
        res = await fetch(new URL('/complaints', this.baseUrl), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${this.token}`,
            'idempotency-key': key,
          },
          body: JSON.stringify(body),
        });
      } catch (error) {
        if (attempt < 5) {
          await pause(attempt);
          continue;
        }
        return { kind: 'rejected', reason: `UNAVAILABLE: ${(error as Error).message}` };
      }

      const answer = (await res.json().catch(() => ({}))) as {
        code?: string;
        field?: string;
        detail?: string;
        repeatCandidates?: unknown[];
      };
      if (res.status === 201) {
        if (res.headers.get('idempotent-replayed') === 'true') return { kind: 'duplicate' };
        return { kind: 'accepted', repeat: (answer.repeatCandidates ?? []).length > 0 };
      }
      if ((res.status >= 500 || res.status === 429) && attempt < 5) {
        await pause(attempt);
        continue;
      }
      return {
        kind: 'rejected',
        reason: `${answer.code ?? `HTTP.${res.status}`} ${answer.field ?? ''}: ${answer.detail ?? ''}`,
      };
    }
  }
}

function firstViolation(errors: ValidationError[], parent = ''): string | undefined {
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const [name, detail] = Object.entries(error.constraints ?? {})[0] ?? [];
    if (name) {
      const code = `VALIDATION.${name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
      return `${code} ${field}: ${detail}`;
    }
    const nested = firstViolation(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

function pause(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
}
