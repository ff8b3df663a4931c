import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssignmentReturned } from '@lianzhi/domain';
import { Clock } from '@lianzhi/platform';
import { CaseStore } from '../dispatch/case-store';
import { DispatchWriter, decisionIdFor } from '../dispatch/dispatch-writer';
import { ROUTING_ACTOR } from '../dispatch/routing-actor';
import { RoutingEngine, unitsToIssue } from '../dispatch/routing-engine';
import { ROUTING_CONFIG, RoutingConfig } from '../routing.config';
import { arbitrationReason, excludeUnit, mustArbitrate } from './bounce-policy';
import { HopLog } from './hop-log';

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
    private readonly hops: HopLog,
    private readonly engine: RoutingEngine,
    private readonly writer: DispatchWriter,
    private readonly clock: Clock,
    @Inject(ROUTING_CONFIG) private readonly config: RoutingConfig,
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

    await this.cases.endAssignment(
      manager,
      returned.assignmentId,
      'returned',
      event.occurredAt,
    );
    const hop = routingCase.hop + 1;
    const bounces = routingCase.bounces + 1;
    const excludedUnits = excludeUnit(routingCase.excludedUnits, returned.unit);
    await this.hops.append(manager, {
      caseId: event.caseId,
      hop,
      unit: returned.unit,
      action: 'returned',
      reason: event.data.reason,
      legalBasis: event.data.legalBasis,
      assignmentId: returned.assignmentId,
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
        : 'returned',
    });
    const bounced = { ...routingCase, hop, bounces, excludedUnits };
    const context = {
      actor: ROUTING_ACTOR,
      occurredAt: this.clock.now(),
      causationId: event.id,
    };

    // A case already waiting for a person is decided by that person.
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
          hop,
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
          hop,
          matrixVersion: matrix.version,
          township: decision.township ?? routingCase.township,
          explanation: decision.explanation,
        },
        context,
      );
    }
  }
}
