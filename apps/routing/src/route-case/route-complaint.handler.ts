import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ComplaintReceived, DomainError } from '@lianzhi/domain';
import { Clock } from '@lianzhi/platform';
import { CaseStore } from '../dispatch/case-store';
import { DispatchWriter, decisionIdFor } from '../dispatch/dispatch-writer';
import { RoutingEngine, unitsToIssue } from '../dispatch/routing-engine';
import { ROUTING_ACTOR } from '../dispatch/routing-actor';
import { readComplaint } from './read-complaint';

/**
 * 派单: a received complaint is routed once, on the matrix in force when it
 * was received. A sure decision issues one assignment per responsible unit;
 * anything unsure waits for the district's dispatcher.
 */
@Injectable()
export class RouteComplaintHandler {
  private readonly logger = new Logger(RouteComplaintHandler.name);

  constructor(
    private readonly cases: CaseStore,
    private readonly engine: RoutingEngine,
    private readonly writer: DispatchWriter,
    private readonly clock: Clock,
  ) {}

  async handle(event: ComplaintReceived, manager: EntityManager): Promise<void> {
    const routingCase = await this.cases.insert(manager, readComplaint(event));
    if (!routingCase) {
      throw new DomainError(
        'CASE.ALREADY_RECEIVED',
        `案件 ${event.caseId} 已受理并派单，不能重复派单`,
        'caseId',
      );
    }

    const { matrix, decision } = await this.engine.decide(routingCase);
    const decisionId = decisionIdFor(event.id, 'first');
    const context = {
      actor: ROUTING_ACTOR,
      occurredAt: this.clock.now(),
      causationId: event.id,
    };

    if (decision.manual) {
      await this.writer.queue(
        manager,
        routingCase,
        {
          decisionId,
          reason: decision.manual,
          suggestions: decision.matterTypes,
          townshipCandidates: decision.townshipCandidates,
          hop: 0,
          matrixVersion: matrix.version,
          township: decision.township,
          explanation: decision.explanation,
        },
        context,
      );
      this.logger.log({
        msg: 'case queued for manual dispatch',
        caseId: event.caseId,
        eventId: event.id,
        reason: decision.manual,
      });
      return;
    }

    await this.writer.dispatch(
      manager,
      routingCase,
      {
        decisionId,
        kind: 'automatic',
        matrixVersion: matrix.version,
        matterTypes: decision.matterTypes,
        township: decision.township,
        townshipCandidates: decision.townshipCandidates,
        coordinator: decision.coordinator,
        joint: decision.joint,
        hop: 0,
        manualDecision: false,
        explanation: decision.explanation,
        // Clocks count from receipt, so a replay yields the same deadlines.
        issuedAt: new Date(routingCase.receivedAt),
        issue: unitsToIssue(matrix, decision),
      },
      context,
    );
    this.logger.debug({
      msg: 'case routed',
      caseId: event.caseId,
      eventId: event.id,
      units: decision.assignments.map((a) => a.unit),
    });
  }
}
