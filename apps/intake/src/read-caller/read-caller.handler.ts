import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DomainError,
  maskName,
  maskPhone,
  mayReadCallerUnmasked,
  Principal,
} from '@lianzhi/domain';

export interface CallerView {
  readonly callerRef: string;
  readonly caseId: string;
  readonly name: string | null;
  readonly phone: string | null;
  readonly confidential: boolean;
  readonly masked: boolean;
}

interface CallerRow {
  id: string;
  case_id: string;
  name: string | null;
  phone: string | null;
  confidential: boolean;
  units: string[] | null;
  township: string | null;
}

/**
 * A caller's details for the people who must reach them. Units see them
 * masked and never when the caller asked for 保密; the roles that may see
 * them whole give a reason, and each such read is written to the audit log
 * in the same transaction as the read.
 */
@Injectable()
export class ReadCallerHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(
    callerRef: string,
    reader: Principal,
    reason: string | undefined,
  ): Promise<CallerView> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: CallerRow[] = await manager.query(
        `select k.id, k.case_id, k.name, k.phone, k.confidential,
                p.units, p.township
           from intake.callers k
           left join intake.case_progress p on p.case_id = k.case_id
          where k.id = $1`,
        [callerRef],
      );
      if (!row) {
        throw new DomainError('CALLER.NOT_FOUND', `no caller ${callerRef}`, 'callerRef');
      }
      this.checkScope(row, reader);

      if (!mayReadCallerUnmasked(reader.role)) return view(row, true);

      if (!reason || reason.trim().length < 2) {
        throw new DomainError(
          'REASON.REQUIRED',
          'say why you need the caller unmasked (?reason=)',
          'reason',
        );
      }
      await manager.query(
        `insert into intake.audit_log
           (actor, actor_role, action, case_id, caller_id, reason)
         values ($1, $2, 'caller.read-unmasked', $3, $4, $5)`,
        [reader.sub, reader.role, row.case_id, row.id, reason.trim()],
      );
      return view(row, false);
    });
  }

  private checkScope(row: CallerRow, reader: Principal): void {
    if (reader.role === 'liaison') {
      if (!reader.unit || !(row.units ?? []).includes(reader.unit)) {
        throw new DomainError(
          'CALLER.WRONG_UNIT',
          'this case is not assigned to your unit',
          'callerRef',
        );
      }
    }
    if (reader.role === 'township' && row.township !== reader.township) {
      throw new DomainError(
        'CALLER.FORBIDDEN',
        'this case is not in your township',
        'callerRef',
      );
    }
    const isUnit = reader.role === 'liaison' || reader.role === 'township';
    if (isUnit && row.confidential) {
      throw confidential();
    }
  }
}

function view(row: CallerRow, masked: boolean): CallerView {
  return {
    callerRef: row.id,
    caseId: row.case_id,
    name: masked ? maskName(row.name) : row.name,
    phone: masked ? maskPhone(row.phone) : row.phone,
    confidential: row.confidential,
    masked,
  };
}

/** 保密 is a refusal (403), whatever the platform's default for the code. */
function confidential(): ForbiddenException {
  const code = 'CALLER.CONFIDENTIAL';
  return new ForbiddenException({
    type: `https://lianzhi.dev/problems/${code.toLowerCase()}`,
    title: code,
    status: 403,
    detail: 'the caller asked for confidentiality (保密)',
    code,
    field: 'callerRef',
  });
}
