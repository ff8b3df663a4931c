import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, Principal } from '@lianzhi/domain';
import { ProjectionStore } from '../projections/projection-store';
import { tableName } from '../projections/projection-tables';

/**
 * Whether a person may read a case: the district roles and operators always;
 * a township coordinator for cases in their township; a liaison for cases on
 * which their unit holds or held an assignment.
 */
@Injectable()
export class CaseAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: ProjectionStore,
  ) {}

  async assertMayRead(principal: Principal, caseId: string): Promise<void> {
    const schema = this.store.schema;
    const [row] = await this.dataSource.query(
      `select township from ${tableName(schema, 'cases')} where case_id = $1`,
      [caseId],
    );
    if (!row) {
      throw new DomainError('CASE.NOT_FOUND', `no case ${caseId}`, 'caseId');
    }

    if (principal.role === 'township' && row.township !== principal.township) {
      throw new DomainError(
        'CASE.FORBIDDEN',
        'the case is not in your township',
      );
    }

    if (principal.role === 'liaison') {
      const [held] = await this.dataSource.query(
        `select 1 from ${tableName(schema, 'assignments')}
          where case_id = $1 and unit = $2 limit 1`,
        [caseId, principal.unit ?? ''],
      );
      if (!held) {
        throw new DomainError(
          'CASE.FORBIDDEN',
          'your unit has no assignment on this case',
        );
      }
    }
  }
}
