import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssignmentReturned, AssignmentTransferred } from '@lianzhi/domain';
import { Clock } from '@lianzhi/platform';
import { StoredAssignment } from '../dispatch/case-store';
import { CaseStore } from '../dispatch/case-store';
import { DispatchWriter } from '../dispatch/dispatch-writer';
import { RoutingCase } from '../dispatch/routing-case';
import { ROUTING_ACTOR } from '../dispatch/routing-actor';
import { ROUTING_CONFIG, RoutingConfig } from '../routing.config';
import { arbitrationReason, excludeUnit, mustArbitrate } from './bounce-policy';
import { HopLog } from './hop-log';

export interface Bounced {
  /** The case one hop further, without the unit that let it go. */
  readonly routingCase: RoutingCase;
  readonly context: {
    actor: typeof ROUTING_ACTOR;
    occurredAt: Date;
    causationId: string;
  };
  /** True when nothing more is to be issued: a person decides now. */
  readonly settled: boolean;
}

/**
 * What 退单 and 转办 have in common: the unit's assignment ends, the hop is
 * written to the trail, the unit is excluded from the case, and a case that
 * bounced too often goes to arbitration instead of moving on.
 */
@Injectable()
export class BounceRecorder {
  constructor(
    private readonly cases: CaseStore,
    private readonly hops: HopLog,
    private readonly writer: DispatchWriter,
    private readonly clock: Clock,
    @Inject(ROUTING_CONFIG) private readonly config: RoutingConfig,
  ) {}

  async record(
    manager: EntityManager,
    routingCase: RoutingCase,
    assignment: StoredAssignment,
    event: AssignmentReturned | AssignmentTransferred,
  ): Promise<Bounced> {
    const action =
      event.type === 'AssignmentReturned' ? 'returned' : 'transferred';
    await this.cases.endAssignment(
      manager,
      assignment.assignmentId,
      action,
      event.occurredAt,
    );

    const hop = routingCase.hop + 1;
    const bounces = routingCase.bounces + 1;
    const excludedUnits = excludeUnit(routingCase.excludedUnits, assignment.unit);
    await this.hops.append(manager, {
      caseId: event.caseId,
      hop,
      unit: assignment.unit,
      action,
      reason: event.data.reason,
      ...(event.type === 'AssignmentReturned'
        ? { legalBasis: event.data.legalBasis }
        : { toUnit: event.data.toUnit }),
      assignmentId: assignment.assignmentId,
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
        : action,
    });

    const bounced = { ...routingCase, hop, bounces, excludedUnits };
    const context = {
      actor: ROUTING_ACTOR,
      occurredAt: this.clock.now(),
      causationId: event.id,
    };

    // A case already waiting for a person is decided by that person.
    if (routingCase.status !== 'routed') {
      return { routingCase: bounced, context, settled: true };
    }
    if (mustArbitrate(bounces, this.config.maxHops)) {
      await this.writer.sendToArbitration(
        manager,
        bounced,
        arbitrationReason(bounces, this.config.maxHops),
        context,
      );
      return { routingCase: bounced, context, settled: true };
    }
    return { routingCase: bounced, context, settled: false };
  }
}
