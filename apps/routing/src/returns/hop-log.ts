import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface HopRecord {
  readonly caseId: string;
  readonly hop: number;
  readonly unit: string;
  readonly action: 'returned' | 'transferred';
  readonly reason: string;
  readonly legalBasis?: string;
  readonly toUnit?: string;
  readonly assignmentId: string;
  readonly eventId: string;
  readonly at: string;
}

/** The hop trail: every 退单 and 转办 of a case, in order. */
@Injectable()
export class HopLog {
  async append(manager: EntityManager, hop: HopRecord): Promise<void> {
    await manager.query(
      `insert into routing.hops
         (case_id, hop, unit, action, reason, legal_basis, to_unit,
          assignment_id, event_id, at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        hop.caseId,
        hop.hop,
        hop.unit,
        hop.action,
        hop.reason,
        hop.legalBasis ?? null,
        hop.toUnit ?? null,
        hop.assignmentId,
        hop.eventId,
        hop.at,
      ],
    );
  }
}
