import {
  Body,
  Controller,
  Headers,
  HttpCode,
  Post,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Principal } from '@lianzhi/domain';
import { CurrentUser, Roles } from '@lianzhi/platform';
import { actorOf } from '../cases/actor';
import { IDEMPOTENCY_HEADER } from '../idempotency/idempotency-keys';
import { ComplaintAcceptedDto, CreateComplaintDto } from './create-complaint.dto';
import { CreateComplaintHandler } from './create-complaint.handler';

@ApiTags('complaints')
@ApiBearerAuth()
@Controller('complaints')
export class CreateComplaintController {
  constructor(private readonly handler: CreateComplaintHandler) {}

  @Post()
  @HttpCode(201)
  @Roles('operator', 'dispatcher', 'supervisor', 'admin')
  @ApiOperation({
    summary: '受理: accept a complaint and open a case',
    description:
      'A retry with the same Idempotency-Key returns the first answer; the ' +
      'same key with another body is refused with 409.',
  })
  @ApiHeader({ name: IDEMPOTENCY_HEADER, required: false })
  @ApiCreatedResponse({ type: ComplaintAcceptedDto })
  async create(
    @Body() body: CreateComplaintDto,
    @CurrentUser() user: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ComplaintAcceptedDto> {
    const outcome = await this.handler.execute(body, actorOf(user), key);
    if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(outcome.response.status);
    return outcome.response.body;
  }
}
