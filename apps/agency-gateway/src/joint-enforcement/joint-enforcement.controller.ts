import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Principal } from '@lianzhi/domain';
import { CurrentUser, Roles } from '@lianzhi/platform';
import {
  RESULT_LIMIT,
  TEXT_LIMIT,
} from '../assignment-actions/assignment-actions.dto';
import { JointEnforcement } from './joint-enforcement.handler';

export class AssignJointTaskDto {
  @ApiProperty({ example: 'chengguan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  unit: string;

  @ApiProperty({ maxLength: TEXT_LIMIT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMIT)
  task: string;
}

export class ReportJointTaskDto {
  @ApiProperty({ maxLength: RESULT_LIMIT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(RESULT_LIMIT)
  result: string;
}

export class CloseJointEnforcementDto {
  @ApiProperty({ maxLength: RESULT_LIMIT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(RESULT_LIMIT)
  summary: string;
}

/** 联合执法 coordinated by the township (属地镇街). */
@ApiTags('joint enforcement')
@ApiBearerAuth()
@Controller('joint')
export class JointEnforcementController {
  constructor(private readonly joint: JointEnforcement) {}

  @Get()
  @Roles('township', 'liaison', 'dispatcher', 'supervisor')
  list(@CurrentUser() user: Principal) {
    return this.joint.list(user);
  }

  @Post(':caseId/tasks')
  @Roles('township')
  assign(
    @Param('caseId') caseId: string,
    @Body() body: AssignJointTaskDto,
    @CurrentUser() user: Principal,
  ) {
    return this.joint.assignTask(caseId, user, body);
  }

  @Post(':caseId/tasks/:taskId/report')
  @HttpCode(200)
  @Roles('liaison')
  report(
    @Param('caseId') caseId: string,
    @Param('taskId') taskId: string,
    @Body() body: ReportJointTaskDto,
    @CurrentUser() user: Principal,
  ) {
    return this.joint.reportTask(caseId, taskId, user, body);
  }

  @Post(':caseId/close')
  @HttpCode(200)
  @Roles('township')
  close(
    @Param('caseId') caseId: string,
    @Body() body: CloseJointEnforcementDto,
    @CurrentUser() user: Principal,
  ) {
    return this.joint.close(caseId, user, body);
  }
}
