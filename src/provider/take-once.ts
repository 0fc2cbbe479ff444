/**
 * What `check` worked out in this process, for the host's next step with the same inputs: the last few entries,
 * each taken once. Without a match (another process, a changed input) the caller does the work itself.
 */
export class TakeOnce<V> {
  private readonly entries: { key: string; value: V }[] = [];

  constructor(private readonly capacity: number) {}

  remember(key: string, value: V): void {
    const at = this.entries.findIndex((e) => e.key === key);
    if (at >= 0) this.entries.splice(at, 1);
    this.entries.push({ key, value });
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  take(key: string): V | undefined {
    const at = this.entries.findIndex((e) => e.key === key);
    return at < 0 ? undefined : this.entries.splice(at, 1)[0]!.value;
  }
}
