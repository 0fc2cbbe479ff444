/**
 * Virtual time for tests where a client talks to the emulator over real loopback HTTP: the client's clock
 * and sleep and the emulator's clock are one manual clock, and `runUntil` moves it to the next sleeper's
 * wake-up time whenever nothing is in flight. Waits of minutes pass in milliseconds, in the same order
 * they would in real time, without any test sleeping for real.
 */
import type { ManualClock } from "../../src/emulator";

interface Sleeper {
  wakeAt: number;
  resolve: () => void;
}

export interface VirtualTime {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Call when a request goes out and when its answer (or failure) comes back. */
  inFlight: (delta: 1 | -1) => void;
  /** Drives time until `done()`; fails when everything waits and nobody sleeps (a deadlock). */
  runUntil: (done: () => boolean) => Promise<void>;
}

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function virtualTime(clock: ManualClock): VirtualTime {
  const sleepers: Sleeper[] = [];
  let flying = 0;

  const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new Error("aborted"));
      const sleeper: Sleeper = { wakeAt: clock.now() + Math.max(0, ms), resolve };
      sleepers.push(sleeper);
      signal?.addEventListener(
        "abort",
        () => {
          sleepers.splice(sleepers.indexOf(sleeper), 1);
          reject(new Error("aborted"));
        },
        { once: true },
      );
    });

  const runUntil = async (done: () => boolean): Promise<void> => {
    for (;;) {
      // Loopback I/O completes on macrotasks; advance only once every request has its answer.
      await macrotask();
      if (done()) return;
      if (flying > 0) continue;
      await macrotask();
      if (done() || flying > 0) continue;
      sleepers.sort((a, b) => a.wakeAt - b.wakeAt);
      const next = sleepers[0];
      if (!next) throw new Error("deadlock: nothing in flight and nobody sleeping");
      if (next.wakeAt > clock.now()) clock.set(next.wakeAt);
      while (sleepers.length > 0 && sleepers[0]!.wakeAt <= clock.now()) sleepers.shift()!.resolve();
    }
  };

  return { now: () => clock.now(), sleep, inFlight: (delta) => void (flying += delta), runUntil };
}
