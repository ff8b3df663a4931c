import { Body, Controller, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Principal } from '@lianzhi/domain';
import { CurrentUser, Roles } from '@lianzhi/platform';
import { actorOf } from '../cases/actor';
import { checkUuid } from '../cases/case-id';
import { AttachRepeatDto, RepeatAttachedDto } from './attach-repeat.dto';
import { AttachRepeatHandler } from './attach-repeat.handler';

@ApiTags('complaints')
@ApiBearerAuth()
@Controller('complaints')
export class AttachRepeatController {
  constructor(private readonly handler: AttachRepeatHandler) {}

  @Post(':caseId/repeats')
  @Roles('operator', 'dispatcher', 'supervisor', 'admin')
  @ApiOperation({ summary: '重复投诉: attach a repeat call to an open case' })
  @ApiCreatedResponse({ type: RepeatAttachedDto })
  attach(
    @Param('caseId') caseId: string,
    @Body() body: AttachRepeatDto,
    @CurrentUser() user: Principal,
  ): Promise<RepeatAttachedDto> {
    return this.handler.execute(checkUuid(caseId, 'caseId'), body, actorOf(user));
  }
}
