/**
 * A fake clock and sleep for tests, so retry/backoff/rate-limit code can be exercised without real waits.
 *
 * - `createFakeClock(startMs)`: manual mode. `sleep(ms)` resolves only when `advance()` moves time to or
 *   past its wake-up time; tests drive time explicitly.
 * - `createFakeClock(startMs, { autoAdvance: true })`: `sleep(ms)` immediately moves the clock forward by
 *   `ms` and resolves (on a microtask). This is the mode most tests want: code under test runs at full
 *   speed and `sleeps` records every requested wait for assertions.
 *
 * Both modes honour an AbortSignal: an aborted sleep rejects with the signal's reason. Members are
 * function-valued properties, so `clock.now` and `clock.sleep` can be passed around unbound.
 */

export interface FakeClock {
  /** Current fake time in epoch milliseconds. */
  readonly now: () => number;
  /** Waits `ms` of fake time (or rejects when `signal` aborts). */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Moves time forward by `ms` and wakes every sleeper whose time has come (in wake-up order). */
  readonly advance: (ms: number) => void;
  /** Every duration passed to `sleep`, in call order. */
  readonly sleeps: number[];
  /** Number of sleepers still waiting (manual mode). */
  readonly pending: () => number;
}

export interface FakeClockOptions {
  /** When true, `sleep(ms)` advances the clock by `ms` itself and resolves at once. @default false */
  autoAdvance?: boolean;
}

interface Sleeper {
  wakeAt: number;
  resolve: () => void;
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const err = new Error("The operation was aborted");
  err.name = "AbortError";
  return err;
}

export function createFakeClock(startMs = Date.UTC(2026, 0, 1), options: FakeClockOptions = {}): FakeClock {
  let current = startMs;
  const sleepers: Sleeper[] = [];
  const sleeps: number[] = [];

  const advance = (ms: number): void => {
    current += Math.max(0, ms);
    // Wake in wake-up order so chained sleeps observe a consistent clock.
    sleepers.sort((a, b) => a.wakeAt - b.wakeAt);
    while (sleepers.length > 0 && sleepers[0]!.wakeAt <= current) {
      sleepers.shift()!.resolve();
    }
  };

  const sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    const duration = Math.max(0, ms);
    sleeps.push(duration);
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (options.autoAdvance) {
      current += duration;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = {
        wakeAt: current + duration,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        const index = sleepers.indexOf(sleeper);
        if (index >= 0) sleepers.splice(index, 1);
        reject(abortReason(signal!));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      if (duration === 0) {
        sleeper.resolve();
        return;
      }
      sleepers.push(sleeper);
    });
  };

  return { now: () => current, sleep, advance, sleeps, pending: () => sleepers.length };
}
