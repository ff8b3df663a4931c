import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  MatrixEntry,
  MatrixVersion,
  matrixInForce,
} from '@lianzhi/domain';

export type MatrixStatus = 'draft' | 'active';

export interface StoredMatrixVersion extends MatrixVersion {
  readonly number: number;
  readonly status: MatrixStatus;
  readonly note: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly activatedBy: string | null;
  readonly activatedAt: string | null;
}

interface VersionRow {
  version: string;
  number: number;
  status: MatrixStatus;
  effective_from: string | null;
  entries: MatrixEntry[];
  note: string | null;
  created_by: string;
  created_at: Date;
  activated_by: string | null;
  activated_at: Date | null;
}

/** How long an instance trusts its copy of the active versions. */
const CACHE_MS = 2_000;

/**
 * The versions of the 职责清单 kept in the routing schema. Routing reads the
 * active versions for every case, so they are cached briefly in memory.
 */
@Injectable()
export class MatrixStore {
  private cache: { versions: MatrixVersion[]; until: number } | null = null;
  /**
   * Versions never change once created, so each is read and compiled by the
   * classifier once per process; only the list of active ones is refreshed.
   */
  private readonly loaded = new Map<string, MatrixVersion>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The version in force at an instant.
   * LIMITATION: another instance's activation is seen here up to two seconds
   * late; a case received in that window is routed on the previous version,
   * which its decision records.
   */
  async inForce(at: Date | string): Promise<MatrixVersion> {
    return matrixInForce(await this.activeVersions(), at);
  }

  /**
   * The version for a case: the one in force when it was received, or the
   * earliest for a case received before any version applied (a backdated
   * import), so that no case is left unrouted for want of a matrix.
   */
  async forCase(receivedAt: string): Promise<MatrixVersion> {
    const versions = await this.activeVersions();
    try {
      return matrixInForce(versions, receivedAt);
    } catch (error) {
      const earliest = [...versions].sort((a, b) =>
        a.effectiveFrom.localeCompare(b.effectiveFrom),
      )[0];
      if (!earliest) throw error;
      return earliest;
    }
  }

  async activeVersions(): Promise<MatrixVersion[]> {
    if (this.cache && this.cache.until > Date.now()) return this.cache.versions;

    const rows: VersionRow[] = await this.dataSource.query(
      `select version, effective_from::text from routing.matrix_versions
        where status = 'active'`,
    );
    const versions: MatrixVersion[] = [];
    for (const row of rows) {
      const known = this.loaded.get(row.version);
      if (known && known.effectiveFrom === row.effective_from) {
        versions.push(known);
        continue;
      }
      const stored = await this.find(row.version);
      const version: MatrixVersion = {
        version: stored.version,
        effectiveFrom: stored.effectiveFrom,
        entries: stored.entries,
      };
      this.loaded.set(row.version, version);
      versions.push(version);
    }
    this.cache = { versions, until: Date.now() + CACHE_MS };
    return versions;
  }

  forget(): void {
    this.cache = null;
  }

  async list(): Promise<StoredMatrixVersion[]> {
    const rows: VersionRow[] = await this.dataSource.query(
      `select version, number, status, effective_from::text, '[]'::jsonb as entries,
              note, created_by, created_at, activated_by, activated_at
         from routing.matrix_versions order by number`,
    );
    return rows.map(toStored).map(({ entries: _e, ...rest }) => ({
      ...rest,
      entries: [],
    }));
  }

  async find(
    version: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<StoredMatrixVersion> {
    const rows: VersionRow[] = await manager.query(
      `select version, number, status, effective_from::text, entries, note,
              created_by, created_at, activated_by, activated_at
         from routing.matrix_versions where version = $1
         ${lock ? 'for update' : ''}`,
      [version],
    );
    if (rows.length === 0) {
      throw new DomainError(
        'MATRIX.NOT_FOUND',
        `职责清单版本 ${version} 不存在`,
        'version',
      );
    }
    return toStored(rows[0]);
  }

  async history(version: string) {
    return this.dataSource.query(
      `select action, effective_from::text as "effectiveFrom", actor, note, at
         from routing.matrix_history where version = $1 order by id`,
      [version],
    );
  }
}

function toStored(r: VersionRow): StoredMatrixVersion {
  return {
    version: r.version,
    number: r.number,
    status: r.status,
    effectiveFrom: r.effective_from as string,
    entries: r.entries,
    note: r.note,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    activatedBy: r.activated_by,
    activatedAt: r.activated_at?.toISOString() ?? null,
  };
}
