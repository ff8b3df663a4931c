import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { Principal } from '@lianzhi/domain';
import { CurrentUser, Roles } from '@lianzhi/platform';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { checkUuid } from '../cases/case-id';
import { MaxChars, NoControlCharacters } from '../create-complaint/text-rules';
import { ReadCallerHandler } from './read-caller.handler';

export class CallerViewDto {
  @ApiProperty() callerRef: string;
  @ApiProperty() caseId: string;
  @ApiPropertyOptional({ nullable: true, example: '张*' }) name: string | null;
  @ApiPropertyOptional({ nullable: true, example: '138****5678' })
  phone: string | null;
  @ApiProperty() confidential: boolean;
  @ApiProperty() masked: boolean;
}

export class AuditQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsString()
  @MaxChars(36)
  @NoControlCharacters()
  caseId?: string;

  @ApiPropertyOptional({ description: 'who read' })
  @IsOptional()
  @IsString()
  @MaxChars(100)
  @NoControlCharacters()
  actor?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class AuditEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty() actor: string;
  @ApiProperty() actorRole: string;
  @ApiProperty() action: string;
  @ApiPropertyOptional() caseId: string | null;
  @ApiPropertyOptional() callerRef: string | null;
  @ApiProperty() reason: string;
}

@ApiTags('callers')
@ApiBearerAuth()
@Controller()
export class ReadCallerController {
  constructor(
    private readonly handler: ReadCallerHandler,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('callers/:callerRef')
  @Roles('operator', 'supervisor', 'dispatcher', 'admin', 'liaison', 'township')
  @ApiOperation({
    summary: "A caller's name and phone",
    description:
      'Operators and supervisors see them whole, give a reason, and are ' +
      'audited; other roles see them masked; units never see a 保密 caller.',
  })
  @ApiQuery({ name: 'reason', required: false })
  @ApiOkResponse({ type: CallerViewDto })
  read(
    @Param('callerRef') callerRef: string,
    @Query('reason') reason: string | undefined,
    @CurrentUser() user: Principal,
  ): Promise<CallerViewDto> {
    return this.handler.execute(
      checkUuid(callerRef, 'callerRef'),
      user,
      typeof reason === 'string' ? reason : undefined,
    );
  }

  @Get('audit')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Who read personal details unmasked, when and why' })
  @ApiOkResponse({ type: [AuditEntryDto] })
  async audit(@Query() query: AuditQueryDto): Promise<AuditEntryDto[]> {
    const rows = await this.dataSource.query(
      `select id::text, at, actor, actor_role, action, case_id, caller_id, reason
         from intake.audit_log
        where ($1::uuid is null or case_id = $1::uuid)
          and ($2::text is null or actor = $2)
        order by id desc
        limit $3`,
      [
        query.caseId ? checkUuid(query.caseId, 'caseId') : null,
        query.actor ?? null,
        query.limit ?? 100,
      ],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id,
      at: (r.at as Date).toISOString(),
      actor: r.actor,
      actorRole: r.actor_role,
      action: r.action,
      caseId: r.case_id,
      callerRef: r.caller_id,
      reason: r.reason,
    }));
  }
}
