/**
 * The plans `check` found valid in this provider process, by plan digest, so that the `create` or `update`
 * the host calls next with the same inputs does not validate 100,000s of records a second time: each pass
 * leaves tens of megabytes of short-lived copies that V8 may promote to the old generation, which is what set
 * the peak memory of a large job.
 *
 * Why a plan digest is a sound key: it covers every upload body in order (`planDigest`), so a match means the
 * records `create` would send are exactly those `check` validated; the rest of the arguments is validated
 * again every time (`parseImportEnvelope`), which is cheap. The engine hands `create` and `update` the inputs
 * `check` returned, so a match is the normal case; without one (another process, a changed input), the records
 * are validated as before.
 *
 * Holds digests only (64 characters each), the last few, and `take` removes the one it uses: nothing of the
 * payload stays in memory.
 */
export class CheckedPlans {
  private readonly digests: string[] = [];

  constructor(private readonly capacity = 8) {}

  /** Records that `check` validated the records of the plan with this digest. */
  remember(digest: string): void {
    if (this.digests.includes(digest)) return;
    this.digests.push(digest);
    if (this.digests.length > this.capacity) this.digests.shift();
  }

  /** Whether `check` validated this plan's records; forgets it, so it is used once. */
  take(digest: string): boolean {
    const index = this.digests.indexOf(digest);
    if (index < 0) return false;
    this.digests.splice(index, 1);
    return true;
  }
}
