import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@lianzhi/platform';
import {
  addressKey,
  bigrams,
  jaccard,
  SAME_MATTER_THRESHOLD,
} from './similarity';

export interface SimilarCasesQuery {
  readonly township?: string;
  readonly category?: string;
  readonly text?: string;
  readonly address?: string;
}

export type RepeatReason =
  | 'same-township-and-category'
  | 'similar-text-same-address';

export interface RepeatCandidate {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly receivedAt: string;
  readonly category?: string;
  readonly township?: string;
  readonly address: string;
  readonly score: number;
  readonly reason: RepeatReason;
  readonly repeatCount: number;
}

interface CaseRow {
  id: string;
  case_number: string;
  received_at: Date;
  category: string | null;
  township: string | null;
  address: { text: string };
  description: string;
  repeat_count: number;
}

interface SignalRow extends CaseRow {
  /** The township-and-category pair or the address key the row was found by. */
  signal: string;
}

interface Waiting {
  readonly query: SimilarCasesQuery;
  readonly resolve: (candidates: RepeatCandidate[]) => void;
  readonly reject: (error: unknown) => void;
}

const WINDOW_DAYS = Number(process.env.REPEAT_WINDOW_DAYS ?? 30);
const MAX_CANDIDATES = 10;
const ROWS_PER_SIGNAL = 30;
/** Bigram sets of recent cases: a case's text never changes once received. */
const CACHED_CASES = 5000;

/**
 * 重复投诉: open cases that look like the same matter. Two signals: the same
 * township and matter type within the window, or alike text at the same
 * address. The operator decides; nothing is merged automatically.
 */
@Injectable()
export class SimilarCases {
  private readonly grams = new Map<string, Set<string>>();
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Lookups that arrive in the same turn of the event loop share one query;
   * under load that halves the round trips per complaint.
   */
  find(query: SimilarCasesQuery): Promise<RepeatCandidate[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ query, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.waiting.splice(0, this.waiting.length);
    // \u0001 cannot occur in either part: text with control characters is
    // refused before it gets here.
    const pairs = batch
      .map((w) => w.query)
      .filter((q) => q.township && q.category)
      .map((q) => `${q.township}\u0001${q.category}`);
    const addresses = batch
      .map((w) => w.query)
      .filter((q) => q.address && q.text)
      .map((q) => addressKey(q.address as string));

    let rows: SignalRow[];
    try {
      rows = await this.openCases([...new Set(pairs)], [...new Set(addresses)]);
    } catch (error) {
      batch.forEach((w) => w.reject(error));
      return;
    }
    for (const w of batch) w.resolve(this.rank(w.query, rows));
  }

  private rank(query: SimilarCasesQuery, rows: SignalRow[]): RepeatCandidate[] {
    const found = new Map<string, RepeatCandidate>();
    const wanted = query.text ? bigrams(query.text) : null;
    const pair = `${query.township}\u0001${query.category}`;
    const address = query.address ? addressKey(query.address) : null;

    for (const row of rows) {
      if (query.township && query.category && row.signal === pair) {
        const score = wanted ? jaccard(wanted, this.gramsOf(row)) : 1;
        keep(found, candidate(row, score, 'same-township-and-category'));
      }
      if (wanted && address !== null && row.signal === address) {
        const score = jaccard(wanted, this.gramsOf(row));
        if (score >= SAME_MATTER_THRESHOLD) {
          keep(found, candidate(row, score, 'similar-text-same-address'));
        }
      }
    }

    return [...found.values()]
      .sort((a, b) => b.score - a.score || b.receivedAt.localeCompare(a.receivedAt))
      .slice(0, MAX_CANDIDATES);
  }

  /** The latest open cases for each township-and-category pair and each address. */
  private openCases(pairs: string[], addresses: string[]): Promise<SignalRow[]> {
    if (pairs.length === 0 && addresses.length === 0) return Promise.resolve([]);
    const since = new Date(this.clock.now().getTime() - WINDOW_DAYS * 86400_000);
    const columns = `c.id, c.case_number, c.received_at, c.category,
                     c.township, c.address, c.description, c.repeat_count`;
    return this.dataSource.query(
      `select k.signal, r.*
         from unnest($2::text[]) as k(signal)
         cross join lateral (
           select ${columns}
             from intake.cases c
             join intake.case_progress p on p.case_id = c.id
            where c.township = split_part(k.signal, chr(1), 1)
              and c.category = split_part(k.signal, chr(1), 2)
              and c.received_at >= $1 and p.status <> 'closed'
            order by c.received_at desc
            limit ${ROWS_PER_SIGNAL}) r
       union all
       select k.signal, r.*
         from unnest($3::text[]) as k(signal)
         cross join lateral (
           select ${columns}
             from intake.cases c
             join intake.case_progress p on p.case_id = c.id
            where c.address_key = k.signal
              and c.received_at >= $1 and p.status <> 'closed'
            order by c.received_at desc
            limit ${ROWS_PER_SIGNAL}) r`,
      [since, pairs, addresses],
    );
  }

  private gramsOf(row: CaseRow): Set<string> {
    let grams = this.grams.get(row.id);
    if (grams) {
      this.grams.delete(row.id);
    } else {
      grams = bigrams(row.description);
    }
    this.grams.set(row.id, grams);
    if (this.grams.size > CACHED_CASES) {
      this.grams.delete(this.grams.keys().next().value as string);
    }
    return grams;
  }
}

function keep(found: Map<string, RepeatCandidate>, next: RepeatCandidate): void {
  const known = found.get(next.caseId);
  if (!known || known.score < next.score) found.set(next.caseId, next);
}

function candidate(
  row: CaseRow,
  score: number,
  reason: RepeatReason,
): RepeatCandidate {
  return {
    caseId: row.id,
    caseNumber: row.case_number,
    receivedAt: row.received_at.toISOString(),
    ...(row.category ? { category: row.category } : {}),
    ...(row.township ? { township: row.township } : {}),
    address: row.address.text,
    score: Math.round(score * 100) / 100,
    reason,
    repeatCount: row.repeat_count,
  };
}
