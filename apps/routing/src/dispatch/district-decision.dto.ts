import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AssignmentRole } from '@lianzhi/domain';

export class ChosenUnitDto {
  @ApiProperty({ example: 'chengguan' })
  @IsString()
  @IsNotEmpty()
  unit: string;

  @ApiProperty({ enum: ['lead', 'assist'] })
  @IsIn(['lead', 'assist'])
  role: AssignmentRole;
}

/** 人工派单 from the manual dispatch queue. */
export class ManualDispatchDecisionDto {
  @ApiPropertyOptional({ type: [String], example: ['chengguan.rooftop-construction'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  matterTypes?: string[];

  @ApiProperty({ example: 'gulou' })
  @IsString()
  @IsNotEmpty()
  township: string;

  @ApiPropertyOptional({ type: [ChosenUnitDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChosenUnitDto)
  units?: ChosenUnitDto[];

  @ApiProperty({ example: '经核实属楼顶违建' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}

/** 审定 of a case that bounced too often. */
export class ArbitrationDecisionDto {
  @ApiProperty({ type: [ChosenUnitDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChosenUnitDto)
  units: ChosenUnitDto[];

  @ApiProperty({ example: '经联席会议研究，由区城管执法局牵头办理' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}
