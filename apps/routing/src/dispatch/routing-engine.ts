import { Injectable } from '@nestjs/common';
import {
  decideRouting,
  findMatter,
  findUnit,
  MatrixVersion,
  RoutingDecision,
} from '@lianzhi/domain';
import { MatrixStore } from '../matrix/matrix-store';
import { UnitToIssue } from './dispatch-events';
import { RoutingCase } from './routing-case';

export interface EngineDecision {
  readonly matrix: MatrixVersion;
  readonly decision: RoutingDecision;
}

/**
 * Applies the matrix version in force to a case. The pure rules live in the
 * domain; this adds which version is in force and reads hints defensively,
 * so that a hint routing does not know sends the case to a person rather
 * than losing it.
 */
@Injectable()
export class RoutingEngine {
  constructor(private readonly matrices: MatrixStore) {}

  /** The decision for a case, on the version in force when it was received. */
  async decide(
    routingCase: RoutingCase,
    excludeUnits: readonly string[] = routingCase.excludedUnits,
  ): Promise<EngineDecision> {
    const matrix = await this.matrices.forCase(routingCase.receivedAt);
    const decision = decideRouting({
      description: routingCase.description,
      address: routingCase.address.text,
      category: knownCategory(matrix, routingCase.category),
      township: knownTownship(
        routingCase.townshipHint ?? routingCase.address.township,
      ),
      matrix,
      excludeUnits,
    });
    return { matrix, decision };
  }

  /** A dry run on today's matrix, for the operator while they type. */
  async preview(input: {
    description: string;
    address: string;
    category?: string;
    at: Date;
  }): Promise<RoutingDecision> {
    const matrix = await this.matrices.inForce(input.at);
    return decideRouting({
      description: input.description,
      address: input.address,
      category: input.category,
      matrix,
    });
  }
}

/** The domain's proposal as units to issue, each with its matter's clock. */
export function unitsToIssue(
  matrix: MatrixVersion,
  decision: RoutingDecision,
): UnitToIssue[] {
  return decision.assignments.map((a) => ({
    unit: a.unit,
    role: a.role,
    matterType: a.matterType,
    clause: a.clause,
    limitClass: findMatter(matrix, a.matterType)?.limitClass ?? 'general',
    limits: a.limits,
  }));
}

function knownCategory(
  matrix: MatrixVersion,
  category: string | null | undefined,
): string | undefined {
  return category && findMatter(matrix, category) ? category : undefined;
}

function knownTownship(township: string | null | undefined): string | undefined {
  if (!township) return undefined;
  const unit = findUnit(township);
  return unit?.kind === 'township' ? unit.code : undefined;
}
