// Runs a refresh at most once per interval however often it is asked for: the first ask runs at
// once, later asks within the interval collapse into one run at its end. The lobby can send many
// frames a second; the counts and the current page need fetching again only once a second.

export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Throttled {
  /** Asks for a run: now, or once at the end of the current interval. */
  request(): void;
  /** Drops a run that is waiting. */
  cancel(): void;
}

export function throttle(run: () => void, intervalMs: number, timers: Timers = realTimers): Throttled {
  let lastRun = -Infinity;
  let waiting: unknown = null;
  const fire = () => {
    waiting = null;
    lastRun = timers.now();
    run();
  };
  return {
    request() {
      if (waiting !== null) return;
      const wait = lastRun + intervalMs - timers.now();
      if (wait <= 0) fire();
      else waiting = timers.setTimeout(fire, wait);
    },
    cancel() {
      if (waiting !== null) timers.clearTimeout(waiting);
      waiting = null;
    },
  };
}
