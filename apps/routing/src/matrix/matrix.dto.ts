import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { MatrixEntry } from '@lianzhi/domain';

export class CreateMatrixVersionDto {
  @ApiProperty({ example: '2027-01-01', description: 'YYYY-MM-DD, Asia/Shanghai' })
  @IsString()
  effectiveFrom: string;

  @ApiProperty({ type: 'array', items: { type: 'object' } })
  @IsArray()
  @IsObject({ each: true })
  entries: MatrixEntry[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ActivateMatrixVersionDto {
  @ApiProperty({ example: '2027-01-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be YYYY-MM-DD' })
  effectiveFrom: string;
}
