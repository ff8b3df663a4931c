import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  DomainError,
  MatrixEntry,
  MatrixProblem,
  MatrixVersion,
  Principal,
  shanghaiLocalDate,
  validateMatrix,
} from '@lianzhi/domain';
import { Clock } from '@lianzhi/platform';
import { MatrixStore, StoredMatrixVersion } from './matrix-store';

/**
 * The district office edits the 职责清单 as new versions: a version is
 * created as a draft, validated whole, and activated from a date on. Nothing
 * is edited in place, so every past decision still names the version it used.
 */
@Injectable()
export class MatrixAdmin {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: MatrixStore,
    private readonly clock: Clock,
  ) {}

  async create(
    input: { effectiveFrom: string; entries: MatrixEntry[]; note?: string },
    by: Principal,
  ): Promise<StoredMatrixVersion> {
    return this.dataSource.transaction(async (manager) => {
      // One writer at a time, so version numbers never collide.
      await manager.query(`lock table routing.matrix_versions in exclusive mode`);
      const [{ next }] = await manager.query(
        `select coalesce(max(number), 0) + 1 as next from routing.matrix_versions`,
      );
      const version = String(next);

      const problems = problemsOf({
        version,
        effectiveFrom: input.effectiveFrom,
        entries: input.entries,
      });
      if (problems.length > 0) {
        const [first] = problems;
        throw new DomainError(
          'MATRIX.INVALID',
          `${first.code}: ${first.message}`,
          first.field,
        );
      }

      await manager.query(
        `insert into routing.matrix_versions
           (version, number, status, effective_from, entries, note, created_by)
         values ($1, $2, 'draft', $3, $4, $5, $6)`,
        [
          version,
          next,
          input.effectiveFrom,
          JSON.stringify(input.entries),
          input.note ?? null,
          by.sub,
        ],
      );
      await manager.query(
        `insert into routing.matrix_history (version, action, effective_from, actor, note)
         values ($1, 'created', $2, $3, $4)`,
        [version, input.effectiveFrom, by.sub, input.note ?? null],
      );
      return this.store.find(version, manager);
    });
  }

  /**
   * Puts a draft in force from a day on. A version activated for the same day
   * as an active one supersedes it, so exactly one version rules each day.
   */
  async activate(
    version: string,
    effectiveFrom: string,
    by: Principal,
  ): Promise<StoredMatrixVersion> {
    const today = shanghaiLocalDate(this.clock.now());
    if (Number.isNaN(Date.parse(effectiveFrom))) {
      throw new DomainError(
        'MATRIX.INVALID',
        '生效日期须为有效日期 YYYY-MM-DD',
        'effectiveFrom',
      );
    }
    if (effectiveFrom < today) {
      throw new DomainError(
        'MATRIX.INVALID',
        `生效日期不能早于今天（${today}）：已派出的案件不能改用新版本`,
        'effectiveFrom',
      );
    }

    const activated = await this.dataSource.transaction(async (manager) => {
      const current = await this.store.find(version, manager, true);
      if (current.status !== 'draft') {
        throw new DomainError(
          'MATRIX.NOT_DRAFT',
          `职责清单版本 ${version} 已是 ${current.status}，不能再次启用`,
          'version',
        );
      }

      // TypeORM answers an update with [rows, count].
      const [superseded]: [{ version: string }[], number] = await manager.query(
        `update routing.matrix_versions set status = 'superseded'
          where status = 'active' and effective_from = $1
          returning version`,
        [effectiveFrom],
      );
      await manager.query(
        `update routing.matrix_versions
            set status = 'active', effective_from = $2,
                activated_by = $3, activated_at = now()
          where version = $1`,
        [version, effectiveFrom, by.sub],
      );
      await manager.query(
        `insert into routing.matrix_history (version, action, effective_from, actor)
         values ($1, 'activated', $2, $3)`,
        [version, effectiveFrom, by.sub],
      );
      for (const row of superseded) {
        await manager.query(
          `insert into routing.matrix_history (version, action, effective_from, actor, note)
           values ($1, 'superseded', $2, $3, $4)`,
          [row.version, effectiveFrom, by.sub, `由版本 ${version} 取代`],
        );
      }
      return this.store.find(version, manager);
    });

    this.store.forget();
    return activated;
  }
}

/** The validator's problems; a shape it cannot even read is one too. */
function problemsOf(matrix: MatrixVersion): MatrixProblem[] {
  try {
    return validateMatrix(matrix);
  } catch {
    return [
      {
        code: 'MATRIX.MALFORMED',
        field: 'entries',
        message: '事项的结构无法识别',
      },
    ];
  }
}
