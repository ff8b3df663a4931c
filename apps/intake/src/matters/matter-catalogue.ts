import { Injectable } from '@nestjs/common';
import { DEFAULT_MATRIX, findUnit, MatrixEntry } from '@lianzhi/domain';

export interface Matter {
  readonly code: string;
  readonly label: string;
  /** The lead unit's name, or 属地镇街 when the township leads. */
  readonly group: string;
}

/**
 * The matter types a complaint may name, read from the responsibility matrix
 * in force. Intake only checks that a category exists; routing decides.
 */
@Injectable()
export class MatterCatalogue {
  private readonly matters = new Map<string, Matter>(
    DEFAULT_MATRIX.entries.map((e) => [e.code, toMatter(e)]),
  );

  all(): Matter[] {
    return [...this.matters.values()];
  }

  find(code: string): Matter | undefined {
    return this.matters.get(code);
  }
}

function toMatter(entry: MatrixEntry): Matter {
  const lead = entry.responsible.find((r) => r.role === 'lead');
  const group = lead ? (findUnit(lead.unit)?.name ?? '属地镇街') : '属地镇街';
  return { code: entry.code, label: entry.label, group };
}
