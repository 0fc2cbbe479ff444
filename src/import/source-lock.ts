// One import job at a time per identity source in this process: the engine runs resources in parallel in one
// host process, and two jobs would race for Okta's single session slot. Other processes: the session gate.

const tails = new Map<string, Promise<void>>();

export async function withSourceLock<T>(
  key: string,
  fn: () => Promise<T>,
  onQueued?: () => void,
): Promise<T> {
  const previous = tails.get(key);
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = (previous ?? Promise.resolve()).then(() => mine);
  tails.set(key, tail);
  try {
    if (previous) {
      onQueued?.();
      await previous;
    }
    return await fn();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
