import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Channel, CHANNELS, Urgency, URGENCIES } from '@lianzhi/domain';
import {
  IsMainlandPhone,
  MaxChars,
  NoControlCharacters,
  NotBlank,
} from './text-rules';

/** Documented limits: longer input is refused, never truncated. */
export const LIMITS = {
  description: 5000,
  title: 200,
  addressText: 500,
  addressPart: 100,
  callerName: 50,
  propertyCompany: 200,
  category: 100,
  attachments: 20,
  attachmentName: 255,
  attachmentUrl: 2000,
  attachmentSize: 100 * 1024 * 1024,
} as const;

export class CallerDto {
  @ApiPropertyOptional({ maxLength: LIMITS.callerName, example: '张三' })
  @IsOptional()
  @IsString()
  @MaxChars(LIMITS.callerName)
  @NoControlCharacters()
  name?: string;

  @ApiPropertyOptional({
    description: 'mainland mobile or landline',
    example: '13812345678',
  })
  @IsOptional()
  @IsString()
  @IsMainlandPhone()
  phone?: string;

  @ApiPropertyOptional({ description: '匿名: gives no name or phone' })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ description: '保密: hidden from every unit' })
  @IsOptional()
  @IsBoolean()
  confidential?: boolean;
}

export class AddressDto {
  @ApiProperty({ maxLength: LIMITS.addressText, example: '龙桥街道建设路幸福小区3号楼' })
  @IsString()
  @NotBlank()
  @MaxChars(LIMITS.addressText)
  @NoControlCharacters()
  text: string;

  @ApiPropertyOptional({ description: 'township code, e.g. longqiao' })
  @IsOptional()
  @IsString()
  @MaxChars(LIMITS.addressPart)
  @NoControlCharacters()
  township?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxChars(LIMITS.addressPart)
  @NoControlCharacters()
  village?: string;

  @ApiPropertyOptional({ description: '小区' })
  @IsOptional()
  @IsString()
  @MaxChars(LIMITS.addressPart)
  @NoControlCharacters()
  estate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxChars(LIMITS.addressPart)
  @NoControlCharacters()
  building?: string;
}

export class AttachmentDto {
  @ApiProperty({ maxLength: LIMITS.attachmentName })
  @IsString()
  @NotBlank()
  @MaxChars(LIMITS.attachmentName)
  @NoControlCharacters()
  name: string;

  @ApiProperty({ example: 'image/jpeg' })
  @IsString()
  @NotBlank()
  @MaxChars(LIMITS.category)
  @NoControlCharacters()
  contentType: string;

  @ApiProperty({ description: 'bytes' })
  @IsInt()
  @Min(0)
  @Max(LIMITS.attachmentSize)
  size: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxChars(LIMITS.attachmentUrl)
  @NoControlCharacters()
  url?: string;
}

/** 受理: what the operator (or a channel) records about a complaint. */
export class CreateComplaintDto {
  @ApiPropertyOptional({ type: CallerDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CallerDto)
  caller?: CallerDto;

  @ApiProperty({ type: AddressDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address: AddressDto;

  @ApiPropertyOptional({
    description: 'a matter type code of the responsibility matrix',
    example: 'chengguan.illegal-structure',
  })
  @IsOptional()
  @IsString()
  @MaxChars(LIMITS.category)
  @NoControlCharacters()
  category?: string;

  @ApiProperty({ maxLength: LIMITS.description })
  @IsString()
  @NotBlank()
  @MaxChars(LIMITS.description)
  @NoControlCharacters()
  description: string;

  @ApiPropertyOptional({ maxLength: LIMITS.title })
  @IsOptional()
  @IsString()
  @MaxChars(LIMITS.title)
  @NoControlCharacters()
  title?: string;

  @ApiPropertyOptional({ enum: CHANNELS, default: 'hotline' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({
    enum: URGENCIES,
    default: 'normal',
    description: 'normal 一般, urgent 紧急, critical 特急',
  })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  happenedAt?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.propertyCompany })
  @IsOptional()
  @IsString()
  @MaxChars(LIMITS.propertyCompany)
  @NoControlCharacters()
  propertyCompany?: string;

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.attachments)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];
}

export class RepeatCandidateDto {
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() receivedAt: string;
  @ApiPropertyOptional() category?: string;
  @ApiPropertyOptional() township?: string;
  @ApiProperty() address: string;
  @ApiProperty({ description: '0..1, higher is more alike' }) score: number;
  @ApiProperty({ enum: ['same-township-and-category', 'similar-text-same-address'] })
  reason: string;
  @ApiProperty() repeatCount: number;
}

export class ComplaintAcceptedDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: 'LZ20261204-000123' }) caseNumber: string;
  @ApiProperty({ example: 'received' }) status: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ type: [RepeatCandidateDto] })
  repeatCandidates: RepeatCandidateDto[];
}
