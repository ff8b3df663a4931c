import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AssignmentTransferred,
  Citation,
  DomainError,
  findMatter,
  findUnit,
  LINKAGE_DOCUMENT,
  TOWNSHIP_OF_CASE,
} from '@lianzhi/domain';
import { Clock } from '@lianzhi/platform';
import { CaseStore } from '../dispatch/case-store';
import { DispatchWriter, decisionIdFor } from '../dispatch/dispatch-writer';
import { ROUTING_ACTOR } from '../dispatch/routing-actor';
import { MatrixStore } from '../matrix/matrix-store';
import { ROUTING_CONFIG, RoutingConfig } from '../routing.config';
import { arbitrationReason, excludeUnit, mustArbitrate } from './bounce-policy';
import { HopLog } from './hop-log';

/** 三(二) 快速反应机制: a unit that receives what is not its duty passes it on. */
export const TRANSFER_CLAUSE: Citation = {
  document: LINKAGE_DOCUMENT,
  section: '三',
  item: '(二)',
  text: '接到不属于本单位职责范围的事项，应及时转交责任单位办理',
};

/**
 * 转办: a unit names the unit that is responsible, and the case moves there
 * on a fresh clock, one hop further.
 */
@Injectable()
export class TransferHandler {
  private readonly logger = new Logger(TransferHandler.name);

  constructor(
    private readonly cases: CaseStore,
    private readonly hops: HopLog,
    private readonly matrices: MatrixStore,
    private readonly writer: DispatchWriter,
    private readonly clock: Clock,
    @Inject(ROUTING_CONFIG) private readonly config: RoutingConfig,
  ) {}

  async handle(
    event: AssignmentTransferred,
    manager: EntityManager,
  ): Promise<void> {
    const target = findUnit(event.data.toUnit);
    if (!target) {
      throw new DomainError(
        'UNIT.UNKNOWN',
        `转办的目标单位 ${event.data.toUnit} 不存在`,
        'data.toUnit',
      );
    }

    const routingCase = await this.cases.lock(manager, event.caseId);
    const active = await this.cases.activeAssignments(manager, event.caseId);
    const moved = active.find((a) => a.assignmentId === event.data.assignmentId);
    if (!moved) {
      this.logger.warn({
        msg: 'transfer of an assignment that is no longer active; ignored',
        caseId: event.caseId,
        eventId: event.id,
      });
      return;
    }

    await this.cases.endAssignment(
      manager,
      moved.assignmentId,
      'transferred',
      event.occurredAt,
    );
    const hop = routingCase.hop + 1;
    const bounces = routingCase.bounces + 1;
    const excludedUnits = excludeUnit(routingCase.excludedUnits, moved.unit);
    await this.hops.append(manager, {
      caseId: event.caseId,
      hop,
      unit: moved.unit,
      action: 'transferred',
      reason: event.data.reason,
      toUnit: target.code,
      assignmentId: moved.assignmentId,
      eventId: event.id,
      at: event.occurredAt,
    });
    await this.cases.update(manager, event.caseId, {
      hop,
      bounces,
      excluded_units: excludedUnits,
      first_dispatch_changed: true,
      first_dispatch_change: routingCase.firstDispatchChanged
        ? undefined
        : 'transferred',
    });
    const bounced = { ...routingCase, hop, bounces, excludedUnits };
    const context = {
      actor: ROUTING_ACTOR,
      occurredAt: this.clock.now(),
      causationId: event.id,
    };

    if (routingCase.status !== 'routed') return;

    if (mustArbitrate(bounces, this.config.maxHops)) {
      await this.writer.sendToArbitration(
        manager,
        bounced,
        arbitrationReason(bounces, this.config.maxHops),
        context,
      );
      return;
    }

    if (active.some((a) => a !== moved && a.unit === target.code)) {
      // The named unit already holds the case; nothing new to issue.
      return;
    }

    const matrix = await this.matrices.forCase(routingCase.receivedAt);
    const matter = findMatter(matrix, moved.matterType);
    const duty = matter?.responsible.find(
      (r) =>
        r.unit === target.code ||
        (r.unit === TOWNSHIP_OF_CASE && target.code === routingCase.township),
    );
    const fromName = findUnit(moved.unit)?.name ?? moved.unit;
    // The unit joins whatever joint enforcement the case is under.
    const [joint]: { coordinator: string }[] = await manager.query(
      `select coordinator from routing.decisions
        where case_id = $1 and joint and coordinator is not null
        order by decided_at desc limit 1`,
      [event.caseId],
    );

    await this.writer.dispatch(
      manager,
      bounced,
      {
        decisionId: decisionIdFor(event.id, 'transfer'),
        kind: 'transfer',
        matrixVersion: matrix.version,
        matterTypes: [
          { matterType: moved.matterType, confidence: 1, matched: [] },
        ],
        township: routingCase.township,
        townshipCandidates: routingCase.township ? [routingCase.township] : [],
        coordinator: joint?.coordinator ?? null,
        joint: joint !== undefined,
        openJoint: false,
        hop,
        manualDecision: false,
        explanation: `${fromName}转办至${target.name}：${event.data.reason}`,
        issuedAt: new Date(event.occurredAt),
        issue: [
          {
            unit: target.code,
            role: moved.role,
            matterType: moved.matterType,
            clause: duty?.clause ?? TRANSFER_CLAUSE,
            limitClass: matter?.limitClass ?? 'general',
            limits: matter?.limits,
          },
        ],
      },
      context,
    );
  }
}
