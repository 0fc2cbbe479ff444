/** A real wait that an AbortSignal can end early (with the signal's reason when it is an Error). */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = (): Error => (signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    if (signal?.aborted) return reject(aborted());
    const done = (): void => (signal?.removeEventListener("abort", onAbort), resolve());
    const timer = setTimeout(done, Math.max(0, ms));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(aborted());
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
