/**
 * One import job at a time per identity source within this process. All dynamic resources of a deployment
 * run in one provider host process, and the engine runs resources in parallel: two `IdentitySourceImport`s on
 * the same identity source would otherwise race for Okta's single session slot and poll each other out. With
 * the lock the second simply starts when the first ends. Jobs in other processes are handled by the session
 * gate (`open-session.ts`).
 */

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
