import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AssignmentRole,
  Citation,
  decideRouting,
  DomainError,
  findMatter,
  findUnit,
  IssuedAssignment,
  LINKAGE_DOCUMENT,
  MatrixEntry,
  MatrixVersion,
  MatterMatch,
  Principal,
  ROLE_LABELS,
  TOWNSHIP_OF_CASE,
} from '@lianzhi/domain';
import { Clock } from '@lianzhi/platform';
import { MatrixStore } from '../matrix/matrix-store';
import { CaseStore } from './case-store';
import { UnitToIssue } from './dispatch-events';
import { DispatchWriter } from './dispatch-writer';
import { actorOf } from './routing-actor';
import { RoutingCase, RoutingStatus } from './routing-case';

export interface DistrictDecisionInput {
  readonly matterTypes?: string[];
  readonly township?: string;
  readonly units?: { unit: string; role: AssignmentRole }[];
  readonly note: string;
}

export interface DistrictDecisionResult {
  readonly caseId: string;
  readonly decisionId: string;
  readonly assignments: IssuedAssignment[];
}

type DecisionMode = 'manual' | 'arbitration';

const WAITING_STATUS: Record<DecisionMode, RoutingStatus> = {
  manual: 'manual',
  arbitration: 'arbitration',
};

/**
 * A person of the district office decides who handles a case: 人工派单 from
 * the manual dispatch queue, or 审定 after a case bounced too often. The
 * decision is published like any other, marked as a person's.
 */
@Injectable()
export class DistrictDecisions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseStore,
    private readonly matrices: MatrixStore,
    private readonly writer: DispatchWriter,
    private readonly clock: Clock,
  ) {}

  async decide(
    mode: DecisionMode,
    caseId: string,
    input: DistrictDecisionInput,
    user: Principal,
  ): Promise<DistrictDecisionResult> {
    requireOneLead(input.units);
    return this.dataSource.transaction(async (manager) => {
      const routingCase = await this.cases.lock(manager, caseId);
      if (routingCase.status !== WAITING_STATUS[mode]) {
        throw new DomainError(
          mode === 'manual' ? 'DISPATCH.NOT_WAITING' : 'ARBITRATION.NOT_PENDING',
          mode === 'manual'
            ? `案件 ${routingCase.caseNumber} 不在人工派单队列中`
            : `案件 ${routingCase.caseNumber} 没有等待审定`,
          'caseId',
        );
      }
      return this.issue(manager, mode, routingCase, input, user);
    });
  }

  private async issue(
    manager: EntityManager,
    mode: DecisionMode,
    routingCase: RoutingCase,
    input: DistrictDecisionInput,
    user: Principal,
  ): Promise<DistrictDecisionResult> {
    const township = townshipOf(input.township ?? routingCase.township);
    const matrix = await this.matrices.forCase(routingCase.receivedAt);
    const matters = mattersOf(matrix, input.matterTypes ?? []);
    const clause = personsClause(mode, user, input.note);

    let units: UnitToIssue[];
    if (input.units && input.units.length > 0) {
      units = chosenUnits(input.units, matters, township, clause);
    } else if (matters.length > 0) {
      units = unitsOfMatters(routingCase, matrix, matters, township);
    } else {
      throw new DomainError(
        'DISPATCH.UNITS_REQUIRED',
        '请选择责任单位或事项类型',
        'units',
      );
    }

    const active = await this.cases.activeAssignments(manager, routingCase.caseId);
    const held = new Set(active.map((a) => a.unit));
    const issue = units.filter((u) => !held.has(u.unit));
    if (issue.length === 0) {
      throw new DomainError(
        'DISPATCH.NO_NEW_UNIT',
        '所选单位均已在办理此案件',
        'units',
      );
    }

    const departments = new Set(
      [...issue.map((u) => u.unit), ...held].filter(
        (u) => findUnit(u)?.kind === 'department',
      ),
    );
    const joint = departments.size >= 2 && township !== null;
    const now = this.clock.now();
    const decisionId = randomUUID();
    const matterTypes: MatterMatch[] = [
      ...new Set(issue.map((u) => u.matterType)),
    ].map((matterType) => ({ matterType, confidence: 1, matched: [] }));

    if (routingCase.firstDispatchedAt && !routingCase.firstDispatchChanged) {
      await this.cases.update(manager, routingCase.caseId, {
        first_dispatch_changed: true,
        first_dispatch_change: 'unit-added',
      });
    }
    if (mode === 'arbitration') {
      // 审定 settles the dispute; bounces count afresh from here.
      await this.cases.update(manager, routingCase.caseId, { bounces: 0 });
    }

    await this.writer.dispatch(
      manager,
      routingCase,
      {
        decisionId,
        kind: mode,
        matrixVersion: matrix.version,
        matterTypes,
        township,
        townshipCandidates: township ? [township] : [],
        coordinator: joint ? township : null,
        joint,
        hop: routingCase.hop,
        manualDecision: true,
        explanation: explain(mode, user, issue, input.note),
        issuedAt: now,
        issue,
      },
      { actor: actorOf(user), occurredAt: now },
      input.note,
    );

    const assignments = await this.cases.assignments(manager, routingCase.caseId);
    return {
      caseId: routingCase.caseId,
      decisionId,
      assignments: assignments
        .filter((a) => a.decisionId === decisionId)
        .map((a) => ({
          assignmentId: a.assignmentId,
          unit: a.unit,
          role: a.role,
          matterType: a.matterType,
          clause: a.clause,
          acknowledgeDueAt: a.acknowledgeDueAt,
          resolveDueAt: a.resolveDueAt,
        })),
    };
  }
}

/** A case has one unit in charge (牵头); every other named unit assists. */
function requireOneLead(
  units: { unit: string; role: AssignmentRole }[] | undefined,
): void {
  if (!units || units.length === 0) return;
  const leads = units.filter((u) => u.role === 'lead').length;
  if (leads !== 1) {
    throw new DomainError(
      'VALIDATION.EXACTLY_ONE_LEAD',
      leads === 0
        ? '请指定一个牵头单位'
        : `只能指定一个牵头单位，当前指定了 ${leads} 个`,
      'units',
    );
  }
}

function townshipOf(township: string | null | undefined): string | null {
  if (!township) return null;
  const unit = findUnit(township);
  if (unit?.kind !== 'township') {
    throw new DomainError('TOWNSHIP.UNKNOWN', `未知镇街：${township}`, 'township');
  }
  return unit.code;
}

function mattersOf(matrix: MatrixVersion, codes: string[]): MatrixEntry[] {
  return codes.map((code, i) => {
    const entry = findMatter(matrix, code);
    if (!entry) {
      throw new DomainError(
        'MATTER.UNKNOWN',
        `职责清单 ${matrix.version} 版没有事项 ${code}`,
        `matterTypes[${i}]`,
      );
    }
    return entry;
  });
}

/** Units a person named; each keeps the matrix clause when it has one. */
function chosenUnits(
  chosen: { unit: string; role: AssignmentRole }[],
  matters: MatrixEntry[],
  township: string | null,
  fallback: Citation,
): UnitToIssue[] {
  const seen = new Set<string>();
  return chosen.flatMap(({ unit, role }, i) => {
    const found = findUnit(unit);
    if (!found) {
      throw new DomainError('UNIT.UNKNOWN', `未知单位：${unit}`, `units[${i}].unit`);
    }
    if (seen.has(found.code)) return [];
    seen.add(found.code);

    for (const entry of matters) {
      const duty = entry.responsible.find(
        (r) =>
          r.unit === found.code ||
          (r.unit === TOWNSHIP_OF_CASE && found.code === township),
      );
      if (duty) {
        return [
          {
            unit: found.code,
            role,
            matterType: entry.code,
            clause: duty.clause,
            limitClass: entry.limitClass,
            limits: entry.limits,
          },
        ];
      }
    }
    return [
      {
        unit: found.code,
        role,
        matterType: matters[0]?.code ?? 'district.decision',
        clause: fallback,
        limitClass: matters[0]?.limitClass ?? 'general',
        limits: matters[0]?.limits,
      },
    ];
  });
}

/** The matrix's units for matters a person chose; lead wins over assist. */
function unitsOfMatters(
  routingCase: RoutingCase,
  matrix: MatrixVersion,
  matters: MatrixEntry[],
  township: string | null,
): UnitToIssue[] {
  const byUnit = new Map<string, UnitToIssue>();
  for (const entry of matters) {
    const decision = decideRouting({
      description: routingCase.description,
      address: routingCase.address.text,
      category: entry.code,
      township: township ?? undefined,
      matrix,
      excludeUnits: routingCase.excludedUnits,
    });
    for (const a of decision.assignments) {
      const current = byUnit.get(a.unit);
      if (current && (current.role === 'lead' || a.role === 'assist')) continue;
      byUnit.set(a.unit, {
        unit: a.unit,
        role: a.role,
        matterType: a.matterType,
        clause: a.clause,
        limitClass: entry.limitClass,
        limits: a.limits,
      });
    }
  }
  if (byUnit.size === 0) {
    throw new DomainError(
      'DISPATCH.NO_UNIT_LEFT',
      '所选事项的责任单位均已退单或属地不明，请直接指定单位',
      'units',
    );
  }
  return [...byUnit.values()];
}

/** The basis of a unit a person put on the case outside the matrix. */
function personsClause(mode: DecisionMode, user: Principal, note: string): Citation {
  return mode === 'manual'
    ? {
        document: LINKAGE_DOCUMENT,
        section: '三',
        item: '(二)',
        text: `区派遣中心人工派单（${ROLE_LABELS[user.role]} ${user.sub}）：${note}`,
      }
    : {
        document: LINKAGE_DOCUMENT,
        section: '三',
        item: '(一)',
        text: `区社区物业管理领导小组办公室审定（${ROLE_LABELS[user.role]} ${user.sub}）：${note}`,
      };
}

function explain(
  mode: DecisionMode,
  user: Principal,
  units: UnitToIssue[],
  note: string,
): string {
  const who = `${ROLE_LABELS[user.role]} ${user.sub}`;
  const what = mode === 'manual' ? '人工派单' : '审定';
  const lines = [`${what}：${who}。${note}`];
  for (const u of units) {
    const c = u.clause;
    lines.push(
      `${findUnit(u.unit)?.name ?? u.unit}（${u.role === 'lead' ? '牵头' : '协办'}）：${c.document} ${c.section}${c.item}。`,
    );
  }
  return lines.join('\n');
}
