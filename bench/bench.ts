/** What every bench module exports as `bench`: a name and a run that prints its figures. */
export interface Bench {
  name: string;
  run(): Promise<void> | void;
}

/** Runs `fn` `times` times and returns the result of the last run with the median and fastest wall time. */
export function timed<T>(times: number, fn: () => T): { result: T; medianMs: number; minMs: number } {
  const samples: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    result = fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { result: result as T, medianMs: samples[Math.floor(samples.length / 2)]!, minMs: samples[0]! };
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
export const num = (value: number): string => value.toLocaleString("en-US");
