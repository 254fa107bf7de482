/** A simulated clock in epoch seconds: it moves only when a scenario or test says so. */
export interface Clock {
  now(): number;
  advance(seconds: number): void;
}

/** 2026-01-01T09:00:00Z, the fixed instant every world starts at. */
export const DEFAULT_START_TIME = Date.UTC(2026, 0, 1, 9, 0, 0) / 1000;

export function createClock(start = DEFAULT_START_TIME): Clock {
  let now = start;
  return {
    now: () => now,
    advance(seconds) {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError(`the simulated clock only moves forward by a finite number of seconds, got ${seconds}`);
      }
      now += seconds;
    },
  };
}
