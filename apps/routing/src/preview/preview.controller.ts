import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  DomainError,
  findMatter,
  findUnit,
  ROLES,
  suggestPlaces,
  TOWNSHIP_OF_CASE,
} from '@lianzhi/domain';
import { Clock, Roles } from '@lianzhi/platform';
import { RoutingEngine } from '../dispatch/routing-engine';
import { MatrixStore } from '../matrix/matrix-store';
import { PreviewRoutingDto } from './preview.dto';

/**
 * What the call-center console asks while the operator types: who would get
 * this case, where an address is, which matter types there are. Nothing is
 * stored.
 */
@ApiTags('preview')
@ApiBearerAuth()
@Controller()
export class PreviewController {
  constructor(
    private readonly engine: RoutingEngine,
    private readonly matrices: MatrixStore,
    private readonly clock: Clock,
  ) {}

  /** 预派单: the decision routing would take, as a dry run. */
  @Post('routing/preview')
  @HttpCode(200)
  @Roles('operator', 'dispatcher', 'supervisor', 'admin')
  async preview(@Body() body: PreviewRoutingDto) {
    const at = this.clock.now();
    if (body.category) {
      const matrix = await this.matrices.inForce(at);
      if (!findMatter(matrix, body.category)) {
        throw new DomainError(
          'CATEGORY.UNKNOWN',
          `职责清单没有事项 ${body.category}`,
          'category',
        );
      }
    }

    const decision = await this.engine.preview({ ...body, at });
    return {
      matterTypes: decision.matterTypes,
      township: decision.township,
      townshipCandidates: decision.townshipCandidates,
      assignments: decision.assignments.map((a) => ({
        unit: a.unit,
        unitName: a.unitName,
        role: a.role,
        clause: a.clause,
      })),
      coordinator: decision.coordinator,
      manual: decision.manual,
      explanation: decision.explanation,
    };
  }

  /** Autocomplete of villages, communities and townships. */
  @Get('places')
  @Roles('operator', 'dispatcher')
  @ApiQuery({ name: 'prefix', required: false })
  places(@Query('prefix') prefix?: string) {
    return suggestPlaces(typeof prefix === 'string' ? prefix.slice(0, 50) : '');
  }

  /** The matter types of the matrix in force, for dropdowns. */
  @Get('matter-types')
  @Roles(...ROLES)
  async matterTypes() {
    const matrix = await this.matrices.inForce(this.clock.now());
    return matrix.entries.map((entry) => ({
      code: entry.code,
      label: entry.label,
      urgency: entry.urgency,
      limitClass: entry.limitClass,
      citation: entry.citation,
      selectableOnly: entry.selectableOnly ?? false,
      units: entry.responsible.map((r) => ({
        unit: r.unit,
        unitName:
          r.unit === TOWNSHIP_OF_CASE ? '属地镇街' : (findUnit(r.unit)?.name ?? r.unit),
        role: r.role,
      })),
    }));
  }
}
