import {
  Injectable,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { context } from '@opentelemetry/api';
import { TOPICS } from '@lianzhi/domain';
import { ConsumedEvent, EventConsumers } from '@lianzhi/platform';
import { ReturnHandler } from './returns/return.handler';
import { TransferHandler } from './returns/transfer.handler';
import { RouteComplaintHandler } from './route-case/route-complaint.handler';

export const ROUTING_GROUP = 'routing';

/** The facts routing acts on; others on its topics are not its concern. */
const ROUTED_TYPES = new Set<string>([
  'ComplaintReceived',
  'AssignmentReturned',
  'AssignmentTransferred',
]);

/**
 * Routing's one consumer group: complaints from intake, returns and
 * transfers from the agency gateway. Each event is applied exactly once, in
 * the transaction that records it.
 */
@Injectable()
export class RoutingConsumer
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  constructor(
    private readonly consumers: EventConsumers,
    private readonly routeComplaint: RouteComplaintHandler,
    private readonly returns: ReturnHandler,
    private readonly transfers: TransferHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumers.start({
      groupId: ROUTING_GROUP,
      topics: [TOPICS.intake, TOPICS.gateway],
      handle: (consumed, manager) => this.apply(consumed, manager),
      handleBatch: (consumed, manager) => this.applyAll(consumed, manager),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumers.stop();
  }

  /**
   * A chunk of one partition. Complaints go through in bulk; anything else
   * is applied one by one, in order.
   */
  private async applyAll(
    consumed: readonly ConsumedEvent[],
    manager: EntityManager,
  ): Promise<void> {
    const relevant = consumed.filter((c) => ROUTED_TYPES.has(c.event.type));
    const complaints = relevant.flatMap(({ event, trace }) =>
      event.type === 'ComplaintReceived' ? [{ event, trace }] : [],
    );
    if (complaints.length === relevant.length) {
      return this.routeComplaint.handleMany(complaints, manager);
    }
    for (const one of relevant) {
      await context.with(one.trace ?? context.active(), () =>
        this.apply(one, manager),
      );
    }
  }

  private async apply(
    { event }: ConsumedEvent,
    manager: EntityManager,
  ): Promise<void> {
    switch (event.type) {
      case 'ComplaintReceived':
        return this.routeComplaint.handle(event, manager);
      case 'AssignmentReturned':
        return this.returns.handle(event, manager);
      case 'AssignmentTransferred':
        return this.transfers.handle(event, manager);
      default:
        // Other facts on these topics are not routing's concern.
        return;
    }
  }
}
