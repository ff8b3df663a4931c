import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, maskName, maskPhone, Principal } from '@lianzhi/domain';
import { CurrentUser, Roles } from '@lianzhi/platform';
import { checkUuid } from '../cases/case-id';

export class MaskedCallerDto {
  @ApiProperty() callerRef: string;
  @ApiPropertyOptional({ nullable: true, example: '张*' }) name: string | null;
  @ApiPropertyOptional({ nullable: true, example: '138****5678' })
  phone: string | null;
}

export class CaseDto {
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() status: string;
  @ApiProperty() channel: string;
  @ApiProperty() urgency: string;
  @ApiPropertyOptional() category: string | null;
  @ApiPropertyOptional() title: string | null;
  @ApiProperty() description: string;
  @ApiProperty() address: Record<string, string>;
  @ApiPropertyOptional() township: string | null;
  @ApiProperty() receivedAt: string;
  @ApiPropertyOptional() happenedAt: string | null;
  @ApiProperty() anonymous: boolean;
  @ApiProperty({ description: '保密' }) confidential: boolean;
  @ApiPropertyOptional({
    type: MaskedCallerDto,
    nullable: true,
    description: 'always masked; GET /callers/:callerRef for more',
  })
  caller: MaskedCallerDto | null;
  @ApiProperty() repeatCount: number;
  @ApiPropertyOptional() propertyCompany: string | null;
  @ApiProperty() attachments: unknown[];
}

/** A case number as read back to callers, e.g. LZ20261204-000123. */
const CASE_NUMBER = /^LZ\d{8}-\d{6,}$/;

/** A case as intake recorded it, with the caller always masked. */
@ApiTags('complaints')
@ApiBearerAuth()
@Controller('complaints')
export class ReadComplaintController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get(':caseId')
  @Roles('operator', 'dispatcher', 'supervisor', 'admin', 'liaison', 'township')
  @ApiOperation({
    summary:
      'One case as received, by case id or case number (LZ…); liaisons and coordinators only their own',
  })
  @ApiOkResponse({ type: CaseDto })
  async read(
    @Param('caseId') caseId: string,
    @CurrentUser() user: Principal,
  ): Promise<CaseDto> {
    const [row] = await this.dataSource.query(
      `select c.*, p.status, p.units, p.township as progress_township,
              k.name as caller_name, k.phone as caller_phone
         from intake.cases c
         join intake.case_progress p on p.case_id = c.id
         left join intake.callers k on k.id = c.caller_id
        where ${CASE_NUMBER.test(caseId) ? 'c.case_number = $1' : 'c.id = $1'}`,
      [CASE_NUMBER.test(caseId) ? caseId : checkUuid(caseId, 'caseId')],
    );
    if (!row) throw new DomainError('CASE.NOT_FOUND', `no case ${caseId}`, 'caseId');

    const township = row.progress_township ?? row.township;
    if (user.role === 'liaison' && !(row.units ?? []).includes(user.unit)) {
      throw new DomainError('CASE.WRONG_UNIT', 'this case is not assigned to your unit', 'caseId');
    }
    if (user.role === 'township' && township !== user.township) {
      throw new DomainError('CASE.FORBIDDEN', 'this case is not in your township', 'caseId');
    }
    const isUnit = user.role === 'liaison' || user.role === 'township';
    const showCaller = row.caller_id && !(isUnit && row.confidential);

    return {
      caseId: row.id,
      caseNumber: row.case_number,
      status: row.status,
      channel: row.channel,
      urgency: row.urgency,
      category: row.category,
      title: row.title,
      description: row.description,
      address: row.address,
      township,
      receivedAt: row.received_at.toISOString(),
      happenedAt: row.happened_at ? row.happened_at.toISOString() : null,
      anonymous: row.anonymous,
      confidential: row.confidential,
      caller: showCaller
        ? {
            callerRef: row.caller_id,
            name: maskName(row.caller_name),
            phone: maskPhone(row.caller_phone),
          }
        : null,
      repeatCount: row.repeat_count,
      propertyCompany: row.property_company,
      attachments: row.attachments,
    };
  }
}
