import { Body, Controller, Param, Put } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { DomainError } from '@lianzhi/domain';
import { Roles } from '@lianzhi/platform';
import { ProjectionStore } from '../projections/projection-store';

export class HouseholdsDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  households: number;
}

/** 服务户数: the denominator of a property company's 投诉率. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('property-companies')
export class HouseholdsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectionStore,
  ) {}

  @Put(':company/households')
  @Roles('supervisor', 'admin')
  async set(@Param('company') company: string, @Body() body: HouseholdsDto) {
    if (company.length === 0 || company.length > 200) {
      throw new DomainError(
        'COMPANY.INVALID',
        'company name is 1 to 200 characters',
        'company',
      );
    }
    await this.dataSource.query(
      `insert into "${this.store.schema}".property_households (company, households)
       values ($1, $2)
       on conflict (company) do update set households = $2, updated_at = now()`,
      [company, body.households],
    );
    return { company, households: body.households };
  }
}
