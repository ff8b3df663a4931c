import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError, isUnitCode, Principal } from '@lianzhi/domain';
import { CurrentUser, Roles } from '@lianzhi/platform';
import { AssignmentCommands } from '../assignments/assignment-commands';
import { actorOf, unitOf } from '../assignments/assignment-scope';
import { ExtensionRequests } from '../extensions/extension-requests';
import {
  RequestExtensionDto,
  ResolveAssignmentDto,
  ReturnAssignmentDto,
  TransferAssignmentDto,
} from './assignment-actions.dto';

/**
 * What a unit's liaison does with an assignment of the unit: 签收, 退单,
 * 转办, 申请延期 and 处置反馈. Each becomes an event on the gateway topic.
 */
@ApiTags('assignment actions')
@ApiBearerAuth()
@Roles('liaison')
@Controller('assignments/:assignmentId')
export class AssignmentActionsController {
  constructor(
    private readonly commands: AssignmentCommands,
    private readonly extensions: ExtensionRequests,
  ) {}

  /** 签收 */
  @Post('acknowledge')
  acknowledge(
    @Param('assignmentId') assignmentId: string,
    @CurrentUser() user: Principal,
  ) {
    unitOf(user);
    return this.commands.execute(assignmentId, user, {
      type: 'AcknowledgeAssignment',
      actor: actorOf(user),
    });
  }

  /** 退单: not the unit's duty; allowed only within the time limit. */
  @Post('return')
  returnAssignment(
    @Param('assignmentId') assignmentId: string,
    @Body() body: ReturnAssignmentDto,
    @CurrentUser() user: Principal,
  ) {
    unitOf(user);
    return this.commands.execute(assignmentId, user, {
      type: 'ReturnAssignment',
      actor: actorOf(user),
      reason: body.reason,
      legalBasis: body.legalBasis,
    });
  }

  /** 转办: to a known unit other than the one holding it. */
  @Post('transfer')
  transfer(
    @Param('assignmentId') assignmentId: string,
    @Body() body: TransferAssignmentDto,
    @CurrentUser() user: Principal,
  ) {
    unitOf(user);
    if (!isUnitCode(body.toUnit)) {
      throw new DomainError(
        'UNIT.UNKNOWN',
        `${body.toUnit} is not a member unit`,
        'toUnit',
      );
    }

    return this.commands.execute(assignmentId, user, {
      type: 'TransferAssignment',
      actor: actorOf(user),
      toUnit: body.toUnit,
      reason: body.reason,
    });
  }

  /** 申请延期: waits for the district's decision. */
  @Post('extension')
  requestExtension(
    @Param('assignmentId') assignmentId: string,
    @Body() body: RequestExtensionDto,
    @CurrentUser() user: Principal,
  ) {
    unitOf(user);
    return this.commands.execute(
      assignmentId,
      user,
      {
        type: 'RequestExtension',
        actor: actorOf(user),
        requestedDueAt: body.requestedDueAt,
        reason: body.reason,
      },
      (manager, record, events) =>
        this.extensions.recordRequest(manager, record, events),
    );
  }

  /** 处置反馈: only after 签收. */
  @Post('resolve')
  resolve(
    @Param('assignmentId') assignmentId: string,
    @Body() body: ResolveAssignmentDto,
    @CurrentUser() user: Principal,
  ) {
    unitOf(user);
    return this.commands.execute(assignmentId, user, {
      type: 'ResolveAssignment',
      actor: actorOf(user),
      result: body.result,
      evidence: body.evidence.map((e) => ({
        name: e.name,
        contentType: e.contentType,
        size: e.size,
        ...(e.url ? { url: e.url } : {}),
      })),
    });
  }
}
