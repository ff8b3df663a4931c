import { Injectable, Logger } from '@nestjs/common';
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
import { CaseStore } from '../dispatch/case-store';
import { DispatchWriter, decisionIdFor } from '../dispatch/dispatch-writer';
import { MatrixStore } from '../matrix/matrix-store';
import { BounceRecorder } from './bounce-recorder';

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
    private readonly bounces: BounceRecorder,
    private readonly matrices: MatrixStore,
    private readonly writer: DispatchWriter,
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

    const { routingCase: bounced, context, settled } =
      await this.bounces.record(manager, routingCase, moved, event);
    if (settled) return;

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
        hop: bounced.hop,
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
