import type { Clock } from '../../src/domain/clock';

export interface Duration {
  readonly days?: number;
  readonly hours?: number;
  readonly minutes?: number;
  readonly seconds?: number;
}

/** A clock that stands still until a test sets or advances it, so "now" is part of the story. */
export class FixedClock implements Clock {
  private current: number;

  constructor(at: Date | string) {
    this.current = new Date(at).getTime();
  }

  /** A fresh Date each time, so code under test cannot move the clock by mutating it. */
  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  advance({ days = 0, hours = 0, minutes = 0, seconds = 0 }: Duration): void {
    this.current += (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
  }
}
