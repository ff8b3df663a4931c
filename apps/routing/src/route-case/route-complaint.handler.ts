import { Injectable, Logger } from '@nestjs/common';
import { Context } from '@opentelemetry/api';
import { EntityManager } from 'typeorm';
import { ComplaintReceived, DomainError } from '@lianzhi/domain';
import { Clock } from '@lianzhi/platform';
import { CaseStore, FirstState, NewCase } from '../dispatch/case-store';
import {
  decisionIdFor,
  DispatchWriter,
  planDispatch,
  PlannedDecision,
  planQueue,
} from '../dispatch/dispatch-writer';
import { ROUTING_ACTOR } from '../dispatch/routing-actor';
import { RoutingCase } from '../dispatch/routing-case';
import { RoutingEngine, unitsToIssue } from '../dispatch/routing-engine';
import { readComplaint } from './read-complaint';

interface FirstRouting {
  readonly input: NewCase;
  readonly state: FirstState;
  readonly planned: PlannedDecision;
}

/**
 * 派单: a received complaint is routed once, on the matrix in force when it
 * was received. A sure decision issues one assignment per responsible unit;
 * anything unsure waits for the district's dispatcher.
 *
 * Complaints arrive in bursts, so a chunk of them is decided in memory and
 * stored in a handful of statements.
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
    await this.handleMany([{ event }], manager);
  }

  async handleMany(
    complaints: readonly { event: ComplaintReceived; trace?: Context }[],
    manager: EntityManager,
  ): Promise<void> {
    const occurredAt = this.clock.now();
    const routings: FirstRouting[] = [];
    for (const { event, trace } of complaints) {
      const routing = await this.route(event, occurredAt);
      routings.push({ ...routing, planned: { ...routing.planned, trace } });
    }

    const stored = await this.cases.insertMany(manager, routings);
    const known = routings.find((r) => !stored.has(r.input.caseId));
    if (known || stored.size !== routings.length) {
      const caseId = known?.input.caseId ?? 'a case twice in one batch';
      throw new DomainError(
        'CASE.ALREADY_RECEIVED',
        `案件 ${caseId} 已受理并派单，不能重复派单`,
        'caseId',
      );
    }

    await this.writer.record(
      manager,
      routings.map((r) => r.planned),
    );
    for (const r of routings) {
      if (r.state.status === 'manual') {
        this.logger.log({
          msg: 'case queued for manual dispatch',
          caseId: r.input.caseId,
          eventId: r.planned.record.causedBy,
          reason: r.state.waiting?.reason,
        });
      }
    }
  }

  private async route(
    event: ComplaintReceived,
    occurredAt: Date,
  ): Promise<FirstRouting> {
    const input = readComplaint(event);
    const routingCase: RoutingCase = {
      ...input,
      status: 'manual',
      township: null,
      hop: 0,
      bounces: 0,
      excludedUnits: [],
      firstDispatchedAt: null,
      firstDispatchChanged: false,
    };
    const { matrix, decision } = await this.engine.decide(routingCase);
    const decisionId = decisionIdFor(event.id, 'first');
    const context = {
      actor: ROUTING_ACTOR,
      occurredAt,
      causationId: event.id,
    };

    if (decision.manual) {
      const planned = planQueue(
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
      return {
        input,
        planned,
        state: {
          status: 'manual',
          township: decision.township,
          firstDispatchedAt: null,
          waiting: {
            reason: decision.manual,
            suggestions: decision.matterTypes,
            townshipCandidates: decision.townshipCandidates,
            since: occurredAt.toISOString(),
          },
        },
      };
    }

    const planned = planDispatch(
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
        issuedAt: new Date(input.receivedAt),
        issue: unitsToIssue(matrix, decision),
      },
      context,
    );
    return {
      input,
      planned,
      state: {
        status: 'routed',
        township: decision.township,
        firstDispatchedAt: input.receivedAt,
        waiting: null,
      },
    };
  }
}
