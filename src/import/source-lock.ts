// One import job at a time per identity source in this process: the engine runs resources in parallel in one
// host process, and two jobs would race for Okta's single session slot. Other processes: the session gate.

/** Per key, the last job's outcome: settles when that job does, never rejects. */
const tails = new Map<string, Promise<unknown>>();

export async function withSourceLock<T>(
  key: string,
  fn: () => Promise<T>,
  onQueued?: () => void,
): Promise<T> {
  const previous = tails.get(key);
  if (previous) onQueued?.();
  const result = previous ? previous.then(() => fn()) : fn();
  const tail = result.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await result;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
