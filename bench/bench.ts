/**
 * What the bench prints: one JSON line per figure on stdout, `{"figure": NAME, …fields, "goal": …, "met": …}`,
 * so runs can be compared and goals checked by a program; the human commentary goes to stderr.
 */

/** A named measurement; `run` prints its line(s) with `report` (a figure may print several, e.g. per kind). */
export interface Figure {
  name: string;
  run(): Promise<void> | void;
}

export type Fields = Record<string, string | number | boolean>;

/** Prints one figure line. `goal` is the rule as text and `met` whether this run meets it. */
export function report(figure: string, fields: Fields, goal?: { goal: string; met: boolean }): void {
  process.stdout.write(`${JSON.stringify({ figure, ...fields, ...(goal ?? {}) })}\n`);
}

/** Human commentary, kept off stdout so that stdout is JSON lines only. */
export function note(line: string): void {
  console.error(line);
}

export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `fn` `times` times and returns the result of the last run with the median and fastest wall time. */
export function timed<T>(times: number, fn: () => T): { result: T; medianMs: number; minMs: number } {
  const samples: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    result = fn();
    samples.push(elapsedMs(start));
  }
  return { result: result as T, medianMs: median(samples), minMs: Math.min(...samples) };
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Rounds to 0.1 for the JSON lines (sub-0.1 ms digits are noise here). */
export const round1 = (value: number): number => Math.round(value * 10) / 10;

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
export const num = (value: number): string => value.toLocaleString("en-US");
