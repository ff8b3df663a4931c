import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssignmentReturned } from '@lianzhi/domain';
import { CaseStore } from '../dispatch/case-store';
import { DispatchWriter, decisionIdFor } from '../dispatch/dispatch-writer';
import { RoutingEngine, unitsToIssue } from '../dispatch/routing-engine';
import { BounceRecorder } from './bounce-recorder';

/**
 * 退单: a unit says the case is not its duty. The case goes back to routing
 * without that unit (nor any unit that returned it before); the other units
 * keep their assignments, only the returning one is replaced.
 */
@Injectable()
export class ReturnHandler {
  private readonly logger = new Logger(ReturnHandler.name);

  constructor(
    private readonly cases: CaseStore,
    private readonly bounces: BounceRecorder,
    private readonly engine: RoutingEngine,
    private readonly writer: DispatchWriter,
  ) {}

  async handle(event: AssignmentReturned, manager: EntityManager): Promise<void> {
    const routingCase = await this.cases.lock(manager, event.caseId);
    const active = await this.cases.activeAssignments(manager, event.caseId);
    const returned = active.find(
      (a) => a.assignmentId === event.data.assignmentId,
    );
    if (!returned) {
      this.logger.warn({
        msg: 'return of an assignment that is no longer active; ignored',
        caseId: event.caseId,
        eventId: event.id,
      });
      return;
    }

    const { routingCase: bounced, context, settled } =
      await this.bounces.record(manager, routingCase, returned, event);
    if (settled) return;

    const remaining = active.filter((a) => a !== returned);
    const remainingUnits = new Set(remaining.map((a) => a.unit));
    const { matrix, decision } = await this.engine.decide(bounced);
    const replacements = decision.manual
      ? []
      : unitsToIssue(matrix, decision).filter((u) => !remainingUnits.has(u.unit));

    if (replacements.length > 0) {
      await this.writer.dispatch(
        manager,
        bounced,
        {
          decisionId: decisionIdFor(event.id, 'return'),
          kind: 'return',
          matrixVersion: matrix.version,
          matterTypes: decision.matterTypes,
          township: decision.township ?? routingCase.township,
          townshipCandidates: decision.townshipCandidates,
          coordinator: decision.coordinator,
          joint: decision.joint,
          openJoint: false,
          hop: bounced.hop,
          manualDecision: false,
          explanation: decision.explanation,
          issuedAt: new Date(event.occurredAt),
          issue: replacements,
        },
        context,
      );
      return;
    }

    if (remaining.length === 0) {
      await this.writer.queue(
        manager,
        bounced,
        {
          decisionId: decisionIdFor(event.id, 'return'),
          reason: decision.manual ?? 'no-unit-left',
          suggestions: decision.matterTypes,
          townshipCandidates: decision.townshipCandidates,
          hop: bounced.hop,
          matrixVersion: matrix.version,
          township: decision.township ?? routingCase.township,
          explanation: decision.explanation,
        },
        context,
      );
    }
  }
}
