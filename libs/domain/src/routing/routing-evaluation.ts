import { MatrixVersion } from '../matrix/matrix-entry';
import { decideRouting, RoutingDecision } from './decide-routing';

/** What a dispatcher, reading the gazette's clauses, says a complaint needs. */
export interface ExpectedRouting {
  readonly units: readonly string[];
  readonly joint: boolean;
  readonly manual: boolean;
}

export interface EvaluationCase {
  readonly text: string;
  readonly address: string;
  readonly expected: ExpectedRouting;
  /** The clause the expectation rests on. */
  readonly why?: string;
}

export interface EvaluationMiss {
  readonly case: EvaluationCase;
  readonly got: ExpectedRouting & { readonly coordinator: string | null };
  readonly explanation: string;
}

export interface EvaluationResult {
  readonly total: number;
  readonly correct: number;
  readonly accuracy: number;
  readonly misses: EvaluationMiss[];
}

/** Reads the evaluation set: one JSON case a line, blank lines ignored. */
export function parseEvaluationCases(jsonl: string): EvaluationCase[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EvaluationCase);
}

/**
 * Exact match, as 首派准确率 counts it: a case sent to a person must be
 * sent to a person; a dispatched case must reach every required unit and no
 * other, and a joint case must have its township coordinating.
 */
export function isExactMatch(
  expected: ExpectedRouting,
  decision: RoutingDecision,
): boolean {
  if (expected.manual) return decision.manual !== null;
  if (decision.manual !== null) return false;

  const got = new Set(decision.assignments.map((a) => a.unit));
  const want = new Set(expected.units);
  if (got.size !== want.size || [...want].some((u) => !got.has(u))) {
    return false;
  }
  if (decision.joint !== expected.joint) return false;
  return !expected.joint || decision.coordinator !== null;
}

export function evaluateRouting(
  cases: readonly EvaluationCase[],
  matrix: MatrixVersion,
): EvaluationResult {
  const misses: EvaluationMiss[] = [];
  for (const c of cases) {
    const decision = decideRouting({
      description: c.text,
      address: c.address,
      matrix,
    });
    if (isExactMatch(c.expected, decision)) continue;
    misses.push({
      case: c,
      got: {
        units: decision.assignments.map((a) => a.unit).sort(),
        joint: decision.joint,
        manual: decision.manual !== null,
        coordinator: decision.coordinator,
      },
      explanation: decision.explanation,
    });
  }
  const correct = cases.length - misses.length;
  return {
    total: cases.length,
    correct,
    accuracy: cases.length === 0 ? 0 : correct / cases.length,
    misses,
  };
}
