import { Injectable } from '@nestjs/common';

/**
 * The time a service acts on. Deadlines, reminders and escalation read it, so
 * tests and demos can drive time (CLOCK=manual) instead of waiting for it.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;
  private frozen: number | null = null;

  constructor(readonly manual = false) {}

  now(): Date {
    return new Date(this.frozen ?? Date.now() + this.offsetMs);
  }

  /** Moves time forward (manual clocks only). */
  advance(ms: number): Date {
    this.assertManual();
    if (this.frozen !== null) this.frozen += ms;
    else this.offsetMs += ms;
    return this.now();
  }

  /** Sets the time (manual clocks only); it then stands still until moved. */
  set(at: Date): void {
    this.assertManual();
    this.frozen = at.getTime();
  }

  private assertManual(): void {
    if (!this.manual) throw new Error('the clock is not manual (set CLOCK=manual)');
  }
}
