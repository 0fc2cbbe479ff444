/**
 * The emulator's notion of time. Session rules (five-minute rule, 24 h expiry, import delay, rate-limit
 * windows, the `Date` header) all read this clock, so tests move time forward instead of waiting.
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
}

/** A clock that only moves when told to. Listeners run after every move (the emulator subscribes). */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` (must be ≥ 0). */
  advance(ms: number): void;
  /** Jumps to `ms` (may not go backwards: session rules assume time is monotonic). */
  set(ms: number): void;
  /** Calls `listener` after every move; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Waits `ms`, or rejects with the signal's reason when `signal` aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Real timers, unref'd: a pending wake-up never keeps the process alive. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    const aborted = (): Error =>
      signal?.reason instanceof Error ? signal.reason : new DOMException("aborted", "AbortError");
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    timer.unref();
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** A controllable clock starting at `startMs` (default: 2026-01-01T00:00:00Z, a whole second). */
export function createManualClock(startMs = Date.UTC(2026, 0, 1)): ManualClock {
  let current = startMs;
  const listeners = new Set<() => void>();
  const moveTo = (next: number): void => {
    if (!Number.isFinite(next) || next < current) {
      throw new RangeError(`the manual clock cannot move backwards (from ${current} to ${next})`);
    }
    current = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    now: () => current,
    advance: (ms) => moveTo(current + ms),
    set: (ms) => moveTo(ms),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function isManualClock(clock: Clock): clock is ManualClock {
  const candidate = clock as Partial<ManualClock>;
  return typeof candidate.advance === "function" && typeof candidate.subscribe === "function";
}

/** Okta timestamps have second precision: `2026-04-19T20:30:31.000Z` (docs/okta-api.md#identifiers). */
export function oktaTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}
