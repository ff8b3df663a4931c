import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, Principal } from '@lianzhi/domain';
import { CurrentUser, Roles } from '@lianzhi/platform';
import { CaseStore } from '../dispatch/case-store';

/**
 * How a case was routed: every decision with its explanation, the
 * assignments issued, the hop trail, and whether the first dispatch held
 * (首派准确率).
 */
@ApiTags('routing')
@ApiBearerAuth()
@Controller('routing/cases')
export class CaseRoutingController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseStore,
  ) {}

  @Get(':caseId')
  @Roles('dispatcher', 'supervisor', 'admin', 'township')
  async routing(
    @Param('caseId') caseId: string,
    @CurrentUser() user: Principal,
  ) {
    const manager = this.dataSource.manager;
    const routingCase = await this.cases.find(manager, caseId);
    if (user.role === 'township' && routingCase.township !== user.township) {
      throw new DomainError(
        'CASE.FORBIDDEN',
        '镇街协调员只能查看本镇街的案件',
        'caseId',
      );
    }

    const [state] = await manager.query(
      `select first_dispatch_change as "firstDispatchChange",
              waiting_reason as "waitingReason",
              waiting_suggestions as "waitingSuggestions",
              waiting_candidates as "waitingCandidates",
              waiting_since as "waitingSince"
         from routing.cases where case_id = $1`,
      [caseId],
    );
    const decisions = await manager.query(
      `select decision_id as "decisionId", kind, hop,
              matrix_version as "matrixVersion", matter_types as "matterTypes",
              township, township_candidates as "townshipCandidates",
              assignments, coordinator, joint, manual_reason as "manualReason",
              explanation, decided_by as "decidedBy", note,
              decided_at as "decidedAt", caused_by as "causedBy"
         from routing.decisions where case_id = $1
        order by decided_at, hop`,
      [caseId],
    );
    const trail = await manager.query(
      `select hop, unit, action, reason, legal_basis as "legalBasis",
              to_unit as "toUnit", assignment_id as "assignmentId", at
         from routing.hops where case_id = $1 order by id`,
      [caseId],
    );

    return {
      caseId: routingCase.caseId,
      caseNumber: routingCase.caseNumber,
      status: routingCase.status,
      description: routingCase.description,
      address: routingCase.address,
      urgency: routingCase.urgency,
      township: routingCase.township,
      receivedAt: routingCase.receivedAt,
      hop: routingCase.hop,
      excludedUnits: routingCase.excludedUnits,
      firstDispatch: {
        at: routingCase.firstDispatchedAt,
        changed: routingCase.firstDispatchChanged,
        change: state.firstDispatchChange,
      },
      waiting:
        routingCase.status === 'routed'
          ? null
          : {
              reason: state.waitingReason,
              suggestions: state.waitingSuggestions,
              townshipCandidates: state.waitingCandidates,
              since: state.waitingSince,
            },
      decisions,
      assignments: await this.cases.assignments(manager, caseId),
      trail,
    };
  }
}
