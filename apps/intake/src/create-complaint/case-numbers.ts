import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const BLOCK = 100;

/**
 * Hands out case number sequence values from blocks taken from PostgreSQL,
 * one round trip per block instead of one per complaint. Numbers stay unique
 * across instances; with several instances they are not in arrival order,
 * and a restart leaves a gap.
 */
@Injectable()
export class CaseNumbers {
  private available: number[] = [];
  private refill: Promise<void> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async next(): Promise<number> {
    while (this.available.length === 0) {
      this.refill ??= this.take().finally(() => {
        this.refill = null;
      });
      await this.refill;
    }
    return this.available.shift() as number;
  }

  private async take(): Promise<void> {
    const rows: { n: string }[] = await this.dataSource.query(
      `select nextval('intake.case_number_seq') as n
         from generate_series(1, $1)`,
      [BLOCK],
    );
    this.available.push(...rows.map((r) => Number(r.n)).sort((a, b) => a - b));
  }
}
