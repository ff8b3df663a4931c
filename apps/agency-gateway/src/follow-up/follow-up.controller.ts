import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Principal } from '@lianzhi/domain';
import { CurrentUser, Roles } from '@lianzhi/platform';
import { TEXT_LIMIT } from '../assignment-actions/assignment-actions.dto';
import { RecordFollowUp } from './record-follow-up.handler';

export class FollowUpDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction: 1 | 2 | 3 | 4 | 5;

  @ApiPropertyOptional({ maxLength: TEXT_LIMIT })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_LIMIT)
  note?: string;
}

/** 回访: the operator calls the resident back once every unit has reported. */
@ApiTags('follow-up')
@ApiBearerAuth()
@Controller('cases/:caseId/follow-up')
export class FollowUpController {
  constructor(private readonly recordFollowUp: RecordFollowUp) {}

  @Post()
  @HttpCode(200)
  @Roles('operator')
  record(
    @Param('caseId') caseId: string,
    @Body() body: FollowUpDto,
    @CurrentUser() user: Principal,
  ) {
    return this.recordFollowUp.execute(caseId, user, {
      satisfaction: body.satisfaction,
      note: body.note ?? '',
    });
  }
}
