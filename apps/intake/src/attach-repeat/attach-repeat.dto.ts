import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { Channel, CHANNELS } from '@lianzhi/domain';
import {
  CallerDto,
  LIMITS,
} from '../create-complaint/create-complaint.dto';
import {
  MaxChars,
  NoControlCharacters,
  NotBlank,
} from '../create-complaint/text-rules';

/** 重复投诉: one more call about a matter that already has an open case. */
export class AttachRepeatDto {
  @ApiPropertyOptional({ type: CallerDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CallerDto)
  caller?: CallerDto;

  @ApiProperty({ maxLength: LIMITS.description })
  @IsString()
  @NotBlank()
  @MaxChars(LIMITS.description)
  @NoControlCharacters()
  description: string;

  @ApiPropertyOptional({ enum: CHANNELS, default: 'hotline' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;
}

export class RepeatAttachedDto {
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty({ description: 'calls about this case after the first' })
  repeatCount: number;
  @ApiProperty() receivedAt: string;
}
