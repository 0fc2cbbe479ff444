import type { ImportDelta } from "../import/delta";

/**
 * The deltas `check` computed in this provider process, for the `update` the host calls next. Only `check` is
 * given the previous inputs (the declaration of the last run); `diff` and `update` get the previous outputs,
 * which hold no record. So `check` computes the delta from the previous inputs and `update` takes it when the
 * previous outputs show that those inputs are what the last run carried (same payload digest) and that Okta
 * confirmed it. Without a match (another process, a run `check` did not see), `update` sends everything.
 *
 * Keyed by (previous payload digest, digest of the new declaration's plan, prune); holds the last few, each
 * taken once.
 */
export class CheckedDeltas {
  private readonly entries: { key: string; delta: ImportDelta }[] = [];

  constructor(private readonly capacity = 4) {}

  remember(previousDigest: string, nextPlanDigest: string, prune: boolean, delta: ImportDelta): void {
    const key = keyOf(previousDigest, nextPlanDigest, prune);
    const at = this.entries.findIndex((e) => e.key === key);
    if (at >= 0) this.entries.splice(at, 1);
    this.entries.push({ key, delta });
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  take(previousDigest: string, nextPlanDigest: string, prune: boolean): ImportDelta | undefined {
    const key = keyOf(previousDigest, nextPlanDigest, prune);
    const at = this.entries.findIndex((e) => e.key === key);
    if (at < 0) return undefined;
    return this.entries.splice(at, 1)[0]!.delta;
  }
}

const keyOf = (previousDigest: string, nextPlanDigest: string, prune: boolean): string =>
  `${previousDigest} ${nextPlanDigest} ${String(prune)}`;
