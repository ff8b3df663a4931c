import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { Roles } from '@lianzhi/platform';
import { townshipOf } from '../cases/township';
import { RepeatCandidateDto } from '../create-complaint/create-complaint.dto';
import {
  MaxChars,
  NoControlCharacters,
} from '../create-complaint/text-rules';
import { SimilarCases } from './similar-cases';

export class SimilarCasesQueryDto {
  @ApiPropertyOptional({ description: 'township code or name' })
  @IsOptional()
  @IsString()
  @MaxChars(100)
  @NoControlCharacters()
  township?: string;

  @ApiPropertyOptional({ description: 'matter type code' })
  @IsOptional()
  @IsString()
  @MaxChars(100)
  @NoControlCharacters()
  category?: string;

  @ApiPropertyOptional({ description: 'what the caller says happened' })
  @IsOptional()
  @IsString()
  @MaxChars(5000)
  @NoControlCharacters()
  text?: string;

  @ApiPropertyOptional({ description: 'address text' })
  @IsOptional()
  @IsString()
  @MaxChars(500)
  @NoControlCharacters()
  address?: string;
}

@ApiTags('complaints')
@ApiBearerAuth()
@Controller('complaints')
export class FindSimilarCasesController {
  constructor(private readonly similar: SimilarCases) {}

  @Get('similar')
  @Roles('operator', 'dispatcher', 'supervisor', 'admin')
  @ApiOperation({
    summary: '重复投诉: open cases that look like the same matter',
    description:
      'Same township and matter type within 30 days, or alike text ' +
      '(character bigram Jaccard) at the same address.',
  })
  @ApiOkResponse({ type: [RepeatCandidateDto] })
  find(@Query() query: SimilarCasesQueryDto): Promise<RepeatCandidateDto[]> {
    const township = query.township
      ? (townshipOf({ text: '', township: query.township }, 'township') ?? undefined)
      : undefined;
    return this.similar.find({ ...query, township });
  }
}
