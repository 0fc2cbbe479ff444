/**
 * What `check` worked out in this provider process, kept for the `create` or `update` the host calls next
 * with the same inputs: the last few entries by key, each taken once, so nothing stays in memory longer than
 * one step of the engine. Used for the plans `check` validated (by plan digest: a match means the records
 * `create` would send are exactly those validated) and for the deltas it computed from the previous inputs
 * (which only `check` is given). Without a match (another process, a changed input) the caller does the work
 * itself.
 */
export class TakeOnce<V> {
  private readonly entries: { key: string; value: V }[] = [];

  constructor(private readonly capacity: number) {}

  /** Keeps `value` under `key`, as the most recent entry; the oldest goes past capacity. */
  remember(key: string, value: V): void {
    const at = this.entries.findIndex((e) => e.key === key);
    if (at >= 0) this.entries.splice(at, 1);
    this.entries.push({ key, value });
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  /** The value kept under `key`, forgotten as it is taken; undefined when there is none. */
  take(key: string): V | undefined {
    const at = this.entries.findIndex((e) => e.key === key);
    return at < 0 ? undefined : this.entries.splice(at, 1)[0]!.value;
  }
}
