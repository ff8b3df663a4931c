import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, findUnit } from '@lianzhi/domain';
import { Public, RateLimited } from '@lianzhi/platform';
import { ProgressStatus, ProgressStep, STATUS_LABELS } from './progress';

export class PublicStepDto {
  @ApiProperty({ example: 'routed' }) step: string;
  @ApiProperty({ example: '已派单' }) label: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ type: [String], example: ['区住建局'] })
  units?: string[];
}

export class ProgressDto {
  @ApiProperty({ example: 'LZ20261204-000123' }) caseNumber: string;
  @ApiProperty({ enum: Object.keys(STATUS_LABELS) }) status: ProgressStatus;
  @ApiProperty({ example: '已派单' }) statusLabel: string;
  @ApiProperty({ type: [PublicStepDto] }) steps: PublicStepDto[];
}

@ApiTags('progress')
@Controller('progress')
export class ProgressController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get(':caseNumber')
  @Public()
  @RateLimited()
  @ApiOperation({
    summary: 'Where a case stands, for the resident who holds its number',
    description: 'Steps and unit names only: no personal details, no internal notes.',
  })
  @ApiOkResponse({ type: ProgressDto })
  async find(@Param('caseNumber') caseNumber: string): Promise<ProgressDto> {
    const [row] = await this.dataSource.query(
      `select case_number, status, steps from intake.case_progress
        where case_number = $1`,
      [caseNumber],
    );
    if (!row) {
      throw new DomainError('PROGRESS.NOT_FOUND', `no case ${caseNumber}`, 'caseNumber');
    }
    return {
      caseNumber: row.case_number,
      status: row.status,
      statusLabel: STATUS_LABELS[row.status as ProgressStatus],
      steps: (row.steps as ProgressStep[]).map((s) => ({
        step: s.step,
        label: s.label,
        at: s.at,
        ...(s.units?.length ? { units: s.units.map(unitName) } : {}),
      })),
    };
  }
}

function unitName(code: string): string {
  return findUnit(code)?.name ?? code;
}
