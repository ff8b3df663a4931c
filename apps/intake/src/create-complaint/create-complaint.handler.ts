import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Actor,
  ComplaintReceived,
  DomainError,
  EVENT_VERSIONS,
} from '@lianzhi/domain';
import { Clock } from '@lianzhi/platform';
import { townshipOf } from '../cases/township';
import { SimilarCases } from '../find-similar-cases/similar-cases';
import { addressKey } from '../find-similar-cases/similarity';
import {
  IdempotencyKeys,
  requestHash,
  StoredResponse,
} from '../idempotency/idempotency-keys';
import { MatterCatalogue } from '../matters/matter-catalogue';
import { formatCaseNumber } from './case-number';
import { CaseNumbers } from './case-numbers';
import { ComplaintWriter, NewCase } from './complaint-writer';
import { ComplaintAcceptedDto, CreateComplaintDto } from './create-complaint.dto';

export interface ComplaintOutcome {
  readonly response: StoredResponse<ComplaintAcceptedDto>;
  /** True when an earlier request with the same key was answered again. */
  readonly replayed: boolean;
}

/**
 * 受理: opens a case. The case, its caller and its ComplaintReceived event
 * are written in one transaction (with the idempotency key when there is
 * one); the outbox relay publishes the event.
 */
@Injectable()
export class CreateComplaintHandler {
  private readonly logger = new Logger(CreateComplaintHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly matters: MatterCatalogue,
    private readonly similar: SimilarCases,
    private readonly keys: IdempotencyKeys,
    private readonly caseNumbers: CaseNumbers,
    private readonly writer: ComplaintWriter,
  ) {}

  async execute(
    input: CreateComplaintDto,
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<ComplaintOutcome> {
    const key = IdempotencyKeys.check(idempotencyKey);
    this.checkRules(input);
    const township = townshipOf(input.address);

    const repeatCandidates = await this.similar.find({
      township: township ?? undefined,
      category: input.category,
      text: input.description,
      address: input.address.text,
    });

    // Taken before the transaction: a refill must never wait for a pool
    // connection while this request holds one. A replay leaves a gap.
    const sequence = await this.caseNumbers.next();

    const next = this.prepare(input, actor, township, sequence);
    const response = {
      status: 201,
      body: {
        caseId: next.row.id,
        caseNumber: next.row.case_number,
        status: 'received',
        receivedAt: next.row.received_at,
        repeatCandidates,
      },
    };

    if (!key) {
      await this.writer.enqueue(next);
      this.logReceived(next);
      return { response, replayed: false };
    }

    const outcome = await this.dataSource.transaction(async (manager) => {
      const claim = await this.keys.claim<ComplaintAcceptedDto>(
        manager,
        key,
        requestHash(input),
      );
      if (!claim.fresh) return { response: claim.response, replayed: true };

      await this.writer.write(manager, [next]);
      await this.keys.record(manager, key, response);
      return { response, replayed: false };
    });
    if (!outcome.replayed) this.logReceived(next);
    return outcome;
  }

  private checkRules(input: CreateComplaintDto): void {
    if (input.category && !this.matters.find(input.category)) {
      throw new DomainError(
        'CATEGORY.UNKNOWN',
        `no matter type ${input.category} in the responsibility matrix`,
        'category',
      );
    }
    // A few minutes of clock difference between devices are tolerated.
    if (input.happenedAt && Date.parse(input.happenedAt) > Date.now() + 10 * 60_000) {
      throw new DomainError(
        'VALIDATION.IN_FUTURE',
        'happenedAt lies in the future',
        'happenedAt',
      );
    }
    const caller = input.caller;
    if (caller?.anonymous && (caller.name || caller.phone)) {
      throw new DomainError(
        'VALIDATION.ANONYMOUS_WITH_IDENTITY',
        'an anonymous caller gives no name or phone',
        'caller.anonymous',
      );
    }
  }

  private prepare(
    input: CreateComplaintDto,
    actor: Actor,
    township: string | null,
    sequence: number,
  ): NewCase {
    const caseId = randomUUID();
    const eventId = randomUUID();
    const receivedAt = this.clock.now().toISOString();
    const caseNumber = formatCaseNumber(new Date(receivedAt), sequence);

    const caller = input.caller;
    const anonymous = caller?.anonymous ?? false;
    const confidential = caller?.confidential ?? false;
    const callerRef =
      caller && !anonymous && (caller.name || caller.phone) ? randomUUID() : null;
    const channel = input.channel ?? 'hotline';
    const urgency = input.urgency ?? 'normal';
    const address = { ...input.address };
    const attachments = (input.attachments ?? []).map((a) => ({ ...a }));

    const event: ComplaintReceived = {
      type: 'ComplaintReceived',
      version: EVENT_VERSIONS.ComplaintReceived,
      id: eventId,
      caseId,
      occurredAt: receivedAt,
      actor,
      data: {
        caseNumber,
        channel,
        urgency,
        ...(input.category ? { category: input.category } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        description: input.description,
        address,
        ...(input.happenedAt ? { happenedAt: input.happenedAt } : {}),
        receivedAt,
        callerRef,
        anonymous,
        confidential,
        ...(input.propertyCompany ? { propertyCompany: input.propertyCompany } : {}),
        attachments,
      },
    };

    return {
      row: {
        id: caseId,
        case_number: caseNumber,
        channel,
        urgency,
        category: input.category ?? null,
        title: input.title ?? null,
        description: input.description,
        address,
        address_key: addressKey(address.text),
        township,
        happened_at: input.happenedAt ?? null,
        received_at: receivedAt,
        caller_id: callerRef,
        caller_name: callerRef ? (caller?.name ?? null) : null,
        caller_phone: callerRef ? (caller?.phone ?? null) : null,
        anonymous,
        confidential,
        property_company: input.propertyCompany ?? null,
        attachments,
        received_by: actor.id,
        steps: [{ eventId, step: 'received', label: '已受理', at: receivedAt }],
      },
      event,
    };
  }

  private logReceived(next: NewCase): void {
    this.logger.log({
      msg: 'complaint received',
      caseId: next.event.caseId,
      eventId: next.event.id,
      channel: next.row.channel,
    });
  }
}
