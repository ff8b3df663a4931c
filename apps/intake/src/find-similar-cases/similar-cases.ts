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

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async find(query: SimilarCasesQuery): Promise<RepeatCandidate[]> {
    const since = new Date(this.clock.now().getTime() - WINDOW_DAYS * 86400_000);
    const found = new Map<string, RepeatCandidate>();
    const wanted = query.text ? bigrams(query.text) : null;

    if (query.township && query.category) {
      const rows = await this.openCases(
        `c.township = $2 and c.category = $3`,
        [since, query.township, query.category],
      );
      for (const row of rows) {
        const score = wanted ? jaccard(wanted, this.gramsOf(row)) : 1;
        keep(found, candidate(row, score, 'same-township-and-category'));
      }
    }

    if (query.address && wanted) {
      const rows = await this.openCases(`c.address_key = $2`, [
        since,
        addressKey(query.address),
      ]);
      for (const row of rows) {
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

  private openCases(where: string, params: unknown[]): Promise<CaseRow[]> {
    return this.dataSource.query(
      `select c.id, c.case_number, c.received_at, c.category, c.township,
              c.address, c.description, c.repeat_count
         from intake.cases c
         join intake.case_progress p on p.case_id = c.id
        where c.received_at >= $1 and p.status <> 'closed' and ${where}
        order by c.received_at desc
        limit ${ROWS_PER_SIGNAL}`,
      params,
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
