import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { DataSource } from 'typeorm';
import { Principal } from '@lianzhi/domain';
import { CurrentUser, Roles } from '@lianzhi/platform';
import { TEXT_LIMIT } from '../assignment-actions/assignment-actions.dto';
import { AssignmentCommands } from '../assignments/assignment-commands';
import { actorOf } from '../assignments/assignment-scope';
import { ExtensionRequests } from './extension-requests';

export class GrantExtensionDto {
  @ApiProperty({ maxLength: TEXT_LIMIT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMIT)
  reason: string;

  /** Another deadline than the one asked, when the office decides so. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  newDueAt?: string;
}

export class DenyExtensionDto {
  @ApiProperty({ maxLength: TEXT_LIMIT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMIT)
  reason: string;
}

export class ListExtensionsQuery {
  @ApiPropertyOptional({ enum: ['pending', 'granted', 'denied'] })
  @IsOptional()
  @IsIn(['pending', 'granted', 'denied'])
  state?: 'pending' | 'granted' | 'denied';
}

/** 延期 decisions: the district office approves or refuses a unit's request. */
@ApiTags('extensions')
@ApiBearerAuth()
@Roles('dispatcher', 'supervisor')
@Controller('extensions')
export class ExtensionsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commands: AssignmentCommands,
    private readonly extensions: ExtensionRequests,
  ) {}

  @Get()
  async list(@Query() query: ListExtensionsQuery) {
    const rows = await this.dataSource.query(
      `select e.*, a.township, a.urgency, a.details->>'caseNumber' as case_number
         from gateway.extensions e
         join gateway.assignments a using (assignment_id)
        where ($1::text is null or e.state = $1)
        order by e.requested_at
        limit 500`,
      [query.state ?? null],
    );
    return {
      items: rows.map((row: Record<string, unknown>) => ({
        extensionId: row.extension_id,
        assignmentId: row.assignment_id,
        caseId: row.case_id,
        caseNumber: row.case_number,
        unit: row.unit,
        township: row.township,
        urgency: row.urgency,
        state: row.state,
        requestedDueAt: iso(row.requested_due_at),
        previousDueAt: iso(row.previous_due_at),
        reason: row.reason,
        requestedAt: iso(row.requested_at),
        newDueAt: iso(row.new_due_at),
        decisionReason: row.decision_reason,
        decidedAt: iso(row.decided_at),
      })),
    };
  }

  @Post(':assignmentId/grant')
  @HttpCode(201)
  grant(
    @Param('assignmentId') assignmentId: string,
    @Body() body: GrantExtensionDto,
    @CurrentUser() user: Principal,
  ) {
    return this.commands.execute(
      assignmentId,
      user,
      {
        type: 'GrantExtension',
        actor: actorOf(user),
        reason: body.reason,
        ...(body.newDueAt ? { newDueAt: body.newDueAt } : {}),
      },
      (manager, record, events) =>
        this.extensions.recordDecision(manager, record, events),
    );
  }

  @Post(':assignmentId/deny')
  @HttpCode(201)
  deny(
    @Param('assignmentId') assignmentId: string,
    @Body() body: DenyExtensionDto,
    @CurrentUser() user: Principal,
  ) {
    return this.commands.execute(
      assignmentId,
      user,
      { type: 'DenyExtension', actor: actorOf(user), reason: body.reason },
      (manager, record, events) =>
        this.extensions.recordDecision(manager, record, events),
    );
  }
}

function iso(value: unknown): string | null {
  return value instanceof Date ? value.toISOString() : null;
}
