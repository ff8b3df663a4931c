import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class MeetingDecisionDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  caseId: string;

  /** assign: hand the case to units; close: settled; escalate: to the district office. */
  @ApiProperty({ enum: ['assign', 'close', 'escalate'] })
  @IsIn(['assign', 'close', 'escalate'])
  decision: 'assign' | 'close' | 'escalate';

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  units?: string[];

  @ApiProperty()
  @IsString()
  @MaxLength(2000)
  note: string;
}

/** 联席会议纪要: who met, when, and what was decided about each case. */
export class RecordMinutesDto {
  @ApiProperty()
  @IsString()
  @MaxLength(64)
  township: string;

  @ApiProperty({ example: '2026-03' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month: string;

  @ApiProperty()
  @IsISO8601({ strict: true })
  heldAt: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  attendees: string[];

  @ApiProperty({ type: [MeetingDecisionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => MeetingDecisionDto)
  decisions: MeetingDecisionDto[];
}
