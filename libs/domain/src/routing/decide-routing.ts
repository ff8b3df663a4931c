import { DomainError } from '../errors/domain-error';
import {
  AssignmentRole,
  Citation,
  ManualDispatchReason,
  MatterMatch,
} from '../events/catalogue';
import { classify } from '../classifier/matter-classifier';
import { placeOutsideDistrict } from '../gazetteer/outside-district';
import { resolveTownship } from '../gazetteer/township-resolver';
import {
  MatrixEntry,
  MatrixVersion,
  TimeLimits,
  TOWNSHIP_OF_CASE,
} from '../matrix/matrix-entry';
import { findUnit } from '../units/units';

export interface RoutingInput {
  readonly description: string;
  readonly address: string;
  /** The operator's chosen matter type; it wins over the text. */
  readonly category?: string;
  /** The operator's chosen township; it wins over the address. */
  readonly township?: string;
  readonly matrix: MatrixVersion;
  /** Units that returned the case (退单); they are not chosen again. */
  readonly excludeUnits?: readonly string[];
}

export interface ProposedAssignment {
  readonly unit: string;
  readonly unitName: string;
  readonly role: AssignmentRole;
  readonly matterType: string;
  readonly clause: Citation;
  readonly limits: TimeLimits;
}

export type RoutingManualReason = Exclude<
  ManualDispatchReason,
  'dispatcher-requested'
>;

export interface RoutingDecision {
  readonly matrixVersion: string;
  /** Sure matches; the suggestions when the matter is unsure. */
  readonly matterTypes: MatterMatch[];
  readonly township: string | null;
  readonly townshipCandidates: string[];
  /**
   * One per unit. When `manual` is set these are a proposal for the
   * dispatcher and nothing is issued automatically.
   */
  readonly assignments: ProposedAssignment[];
  /** 属地镇街 coordinating 联合执法, when several enforcement units act. */
  readonly coordinator: string | null;
  readonly joint: boolean;
  readonly manual: RoutingManualReason | null;
  readonly explanation: string;
}

const ROLE_LABEL: Record<AssignmentRole, string> = {
  lead: '牵头',
  assist: '协办',
};

/**
 * 派单: which units act on a complaint, each with the clause that makes it
 * responsible. Pure: the same input always gives the same decision.
 */
export function decideRouting(input: RoutingInput): RoutingDecision {
  const { matrix } = input;
  const excluded = new Set(input.excludeUnits ?? []);

  const place = placeOf(input);
  const classification = classify(input.description, {
    matrix,
    category: input.category,
  });
  const matterTypes = classification.matches;

  const base: DecisionBase = {
    matrixVersion: matrix.version,
    matterTypes,
    township: place.township,
    townshipCandidates: place.candidates,
  };

  if (classification.status !== 'sure') {
    const manual =
      classification.status === 'unsure' ? 'unsure-matter' : 'unmatched';
    return decision(base, [], false, null, manual, explain(input, base, [], manual, place.matched));
  }

  // A place of another county with none of ours: the district's matrix does
  // not reach there, however well the words match.
  const elsewhere =
    place.township || place.candidates.length > 0
      ? null
      : placeOutsideDistrict(input.address ?? '', input.description);
  if (elsewhere) {
    return decision(base, [], false, null, 'unmatched', [
      explain(input, base, [], null, place.matched),
      `地点“${elsewhere}”不在兖州区，转人工派单。`,
    ].join('\n'));
  }

  const byCode = entriesByCode(matrix);
  const entries = matterTypes
    .map((m) => byCode.get(m.matterType))
    .filter((e): e is MatrixEntry => e !== undefined);

  const needsTownship = entries.some((e) =>
    e.responsible.some((r) => r.unit === TOWNSHIP_OF_CASE),
  );
  const assignments = assign(entries, place.township, excluded);

  const enforcement = assignments.filter(
    (a) => findUnit(a.unit)?.kind === 'department',
  );
  const joint = new Set(enforcement.map((a) => a.unit)).size >= 2;
  const coordinator = joint ? place.township : null;

  // A place name that several townships share is never guessed: the
  // operator names the township before anyone is dispatched.
  const ambiguous = !place.township && place.candidates.length > 1;
  let manual: RoutingManualReason | null = null;
  if (ambiguous || ((joint || needsTownship) && !place.township)) {
    manual = 'ambiguous-township';
  } else if (assignments.length === 0) {
    manual = 'no-unit-left';
  }

  return decision(
    base,
    assignments,
    joint,
    coordinator,
    manual,
    explain(input, base, assignments, manual, place.matched, joint),
  );
}

type DecisionBase = Pick<
  RoutingDecision,
  'matrixVersion' | 'matterTypes' | 'township' | 'townshipCandidates'
>;

/** Spelled out field by field: an object spread is costly on this hot path. */
function decision(
  base: DecisionBase,
  assignments: ProposedAssignment[],
  joint: boolean,
  coordinator: string | null,
  manual: RoutingManualReason | null,
  explanation: string,
): RoutingDecision {
  return {
    matrixVersion: base.matrixVersion,
    matterTypes: base.matterTypes,
    township: base.township,
    townshipCandidates: base.townshipCandidates,
    assignments,
    coordinator,
    joint,
    manual,
    explanation,
  };
}

const entryMaps = new WeakMap<MatrixVersion, Map<string, MatrixEntry>>();

/** The matrix's entries by code, built once per matrix version. */
function entriesByCode(matrix: MatrixVersion): Map<string, MatrixEntry> {
  let map = entryMaps.get(matrix);
  if (!map) {
    map = new Map();
    // The first entry of a code wins, as a search from the start would.
    for (const e of matrix.entries) if (!map.has(e.code)) map.set(e.code, e);
    entryMaps.set(matrix, map);
  }
  return map;
}

function placeOf(input: RoutingInput) {
  if (input.township) {
    const unit = findUnit(input.township);
    if (!unit || unit.kind !== 'township') {
      throw new DomainError(
        'ROUTING.UNKNOWN_TOWNSHIP',
        `未知镇街：${input.township}`,
        'township',
      );
    }
    return { township: unit.code, candidates: [unit.code], matched: [] };
  }
  const place = resolveTownship(input.address ?? '');
  if (place.township || place.candidates.length < 2 || input.description === input.address) {
    return place;
  }
  // 高村 stands under several townships; 俺是大安镇高村的 in the text says which.
  const told = resolveTownship(input.description ?? '');
  if (told.township && place.candidates.includes(told.township)) {
    return {
      township: told.township,
      candidates: [told.township],
      matched: [...new Set([...place.matched, ...told.matched])],
    };
  }
  return place;
}

/** One assignment per unit; lead wins over assist when matters overlap. */
function assign(
  entries: MatrixEntry[],
  township: string | null,
  excluded: Set<string>,
): ProposedAssignment[] {
  const byUnit = new Map<string, ProposedAssignment>();

  for (const entry of entries) {
    for (const r of entry.responsible) {
      const unit = r.unit === TOWNSHIP_OF_CASE ? township : r.unit;
      if (!unit || excluded.has(unit)) continue;

      const current = byUnit.get(unit);
      if (current && (current.role === 'lead' || r.role === 'assist')) continue;

      byUnit.set(unit, {
        unit,
        unitName: findUnit(unit)?.name ?? unit,
        role: r.role,
        matterType: entry.code,
        clause: r.clause,
        limits: entry.limits,
      });
    }
  }

  return [...byUnit.values()];
}

function explain(
  input: RoutingInput,
  base: DecisionBase,
  assignments: ProposedAssignment[],
  manual: RoutingManualReason | null,
  placeWords: string[],
  joint = false,
): string {
  const lines: string[] = [`依据职责清单 ${base.matrixVersion} 版。`];

  if (input.category) {
    lines.push(`事项由话务员选定：${input.category}。`);
  } else if (base.matterTypes.length > 0) {
    const found = base.matterTypes
      .map((m) => `${m.matterType}（匹配“${m.matched.join('、')}”，置信度 ${m.confidence}）`)
      .join('；');
    lines.push(`${manual === 'unsure-matter' ? '可能的事项' : '识别事项'}：${found}。`);
  }

  if (base.township) {
    const name = findUnit(base.township)?.name ?? base.township;
    const how = placeWords.length > 0 ? `（地址中的“${placeWords.join('、')}”）` : '（话务员选定）';
    lines.push(`属地镇街：${name}${how}。`);
  } else if (base.townshipCandidates.length > 1) {
    const names = base.townshipCandidates.map((c) => findUnit(c)?.name ?? c);
    lines.push(`地名“${placeWords.join('、')}”同时属于${names.join('、')}，需人工确认属地。`);
  } else {
    lines.push('地址未能确定属地镇街。');
  }

  for (const a of assignments) {
    const c = a.clause;
    lines.push(`${a.unitName}（${ROLE_LABEL[a.role]}）：${c.document} ${c.section}${c.item}${c.text ? `“${c.text}”` : ''}。`);
  }
  if (joint) lines.push('涉及多个执法部门，由属地镇街协调联合执法。');

  const reasons: Record<RoutingManualReason, string> = {
    'unsure-matter': '事项识别把握不足，转人工派单。',
    unmatched: '未识别出职责清单中的事项，转人工派单。',
    'ambiguous-township': '属地镇街不明，转人工派单。',
    'no-unit-left': '责任单位均已退单，转人工派单。',
  };
  if (manual) lines.push(reasons[manual]);

  return lines.join('\n');
}
