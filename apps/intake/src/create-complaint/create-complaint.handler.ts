import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  ComplaintReceived,
  DomainError,
  EVENT_VERSIONS,
  TOPICS,
} from '@lianzhi/domain';
import { Clock, Outbox } from '@lianzhi/platform';
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
import { ComplaintAcceptedDto, CreateComplaintDto } from './create-complaint.dto';

export interface ComplaintOutcome {
  readonly response: StoredResponse<ComplaintAcceptedDto>;
  /** True when an earlier request with the same key was answered again. */
  readonly replayed: boolean;
}

/**
 * 受理: opens a case. The case, its caller and its ComplaintReceived event
 * are written in one transaction; the outbox relay publishes the event.
 */
@Injectable()
export class CreateComplaintHandler {
  private readonly logger = new Logger(CreateComplaintHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly matters: MatterCatalogue,
    private readonly similar: SimilarCases,
    private readonly keys: IdempotencyKeys,
    private readonly caseNumbers: CaseNumbers,
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

    return this.dataSource.transaction(async (manager) => {
      if (key) {
        const claim = await this.keys.claim<ComplaintAcceptedDto>(
          manager,
          key,
          requestHash(input),
        );
        if (!claim.fresh) return { response: claim.response, replayed: true };
      }

      const body = await this.open(manager, input, actor, township, sequence);
      const response = { status: 201, body: { ...body, repeatCandidates } };
      if (key) await this.keys.record(manager, key, response);
      return { response, replayed: false };
    });
  }

  private checkRules(input: CreateComplaintDto): void {
    if (input.category && !this.matters.find(input.category)) {
      throw new DomainError(
        'CATEGORY.UNKNOWN',
        `no matter type ${input.category} in the responsibility matrix`,
        'category',
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

  private async open(
    manager: EntityManager,
    input: CreateComplaintDto,
    actor: Actor,
    township: string | null,
    sequence: number,
  ): Promise<Omit<ComplaintAcceptedDto, 'repeatCandidates'>> {
    const caseId = randomUUID();
    const eventId = randomUUID();
    const receivedAt = this.clock.now();
    const caseNumber = formatCaseNumber(receivedAt, sequence);

    const caller = input.caller;
    const anonymous = caller?.anonymous ?? false;
    const confidential = caller?.confidential ?? false;
    const callerRef =
      caller && !anonymous && (caller.name || caller.phone) ? randomUUID() : null;
    const channel = input.channel ?? 'hotline';
    const urgency = input.urgency ?? 'normal';
    const address = { ...input.address };
    const attachments = (input.attachments ?? []).map((a) => ({ ...a }));
    const steps = [
      { eventId, step: 'received', label: '已受理', at: receivedAt.toISOString() },
    ];

    // One statement for caller, case and progress: fewer round trips per
    // complaint is most of intake's throughput.
    await manager.query(
      `with caller as (
         insert into intake.callers (id, case_id, name, phone, confidential)
         select $13::uuid, $1, $19, $20, $15 where $13::uuid is not null
       ), opened as (
         insert into intake.cases
           (id, case_number, channel, urgency, category, title, description,
            address, address_key, township, happened_at, received_at, caller_id,
            anonymous, confidential, property_company, attachments, received_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
                 $15, $16, $17, $18)
       )
       insert into intake.case_progress
         (case_id, case_number, status, township, steps, updated_at)
       values ($1, $2, 'received', $10, $21, $12)`,
      [
        caseId,
        caseNumber,
        channel,
        urgency,
        input.category ?? null,
        input.title ?? null,
        input.description,
        JSON.stringify(address),
        addressKey(address.text),
        township,
        input.happenedAt ?? null,
        receivedAt,
        callerRef,
        anonymous,
        confidential,
        input.propertyCompany ?? null,
        JSON.stringify(attachments),
        actor.id,
        callerRef ? (caller?.name ?? null) : null,
        callerRef ? (caller?.phone ?? null) : null,
        JSON.stringify(steps),
      ],
    );

    const event: ComplaintReceived = {
      type: 'ComplaintReceived',
      version: EVENT_VERSIONS.ComplaintReceived,
      id: eventId,
      caseId,
      occurredAt: receivedAt.toISOString(),
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
        receivedAt: receivedAt.toISOString(),
        callerRef,
        anonymous,
        confidential,
        ...(input.propertyCompany ? { propertyCompany: input.propertyCompany } : {}),
        attachments,
      },
    };
    await this.outbox.append(manager, TOPICS.intake, [event]);

    this.logger.log({ msg: 'complaint received', caseId, eventId: event.id, channel });
    return {
      caseId,
      caseNumber,
      status: 'received',
      receivedAt: receivedAt.toISOString(),
    };
  }
}
