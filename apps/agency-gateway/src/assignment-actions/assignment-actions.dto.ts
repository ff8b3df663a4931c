import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export const TEXT_LIMIT = 2000;
export const RESULT_LIMIT = 10000;

/** 退单 */
export class ReturnAssignmentDto {
  @ApiProperty({ maxLength: TEXT_LIMIT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMIT)
  reason: string;

  @ApiProperty({ maxLength: TEXT_LIMIT, example: '《意见》二(二)3' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMIT)
  legalBasis: string;
}

/** 转办 */
export class TransferAssignmentDto {
  @ApiProperty({ example: 'zhujian' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  toUnit: string;

  @ApiProperty({ maxLength: TEXT_LIMIT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMIT)
  reason: string;
}

/** 申请延期 */
export class RequestExtensionDto {
  @ApiProperty({ example: '2025-03-28T02:00:00Z' })
  @IsISO8601({ strict: true })
  requestedDueAt: string;

  @ApiProperty({ maxLength: TEXT_LIMIT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_LIMIT)
  reason: string;
}

export class EvidenceDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;

  @ApiProperty({ example: 'image/jpeg' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  contentType: string;

  @ApiProperty()
  @IsInt()
  @Min(0)
  size: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  url?: string;
}

/** 处置反馈 */
export class ResolveAssignmentDto {
  @ApiProperty({ maxLength: RESULT_LIMIT })
  @IsString()
  @IsNotEmpty()
  @MaxLength(RESULT_LIMIT)
  result: string;

  @ApiProperty({ type: [EvidenceDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence: EvidenceDto[];
}
