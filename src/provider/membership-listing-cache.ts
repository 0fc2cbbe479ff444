/**
 * One listing of a group's members per provider process, shared by every membership `read` of the group (the
 * host runs a deployment in one process; 1,000 memberships would be 1,000 listings). Failed listings are not kept.
 * The 30 s TTL is safe: one refresh reads resources at different moments anyway, so it only widens that spread
 * for other parties' changes; our own creates/deletes invalidate the entry; a long `up --refresh` lists again.
 */
import { isNotFoundError } from "../client/errors";
import type { OktaClient } from "../client/types";
import { MAX_MEMBERSHIP_PAGE_LIMIT } from "../schemas/limits";

/** Member external ids of the group, or `undefined` when the group itself does not exist. */
export type GroupMembers = ReadonlySet<string> | undefined;

interface Entry {
  promise: Promise<GroupMembers>;
  settledAt?: number;
}

export class MembershipListingCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly clock: () => number;

  /** `clock`: epoch ms; tests inject a fake one. */
  constructor({ ttlMs = 30_000, clock = Date.now }: { ttlMs?: number; clock?: () => number } = {}) {
    this.ttlMs = ttlMs;
    this.clock = clock;
  }

  members(client: OktaClient, identitySourceId: string, group: string): Promise<GroupMembers> {
    const now = this.clock();
    for (const [key, entry] of this.entries) {
      if (entry.settledAt !== undefined && now - entry.settledAt >= this.ttlMs) this.entries.delete(key);
    }
    const key = keyOf(identitySourceId, group);
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit.promise;
    // The largest page the API allows, so 1,000 members cost one request.
    const promise = client.memberships
      .listAll(identitySourceId, group, { pageSize: MAX_MEMBERSHIP_PAGE_LIMIT })
      .then(
        (ids): GroupMembers => new Set(ids),
        (error: unknown) => {
          if (isNotFoundError(error)) return undefined;
          throw error;
        },
      );
    const entry: Entry = { promise };
    this.entries.set(key, entry);
    // Registered before the caller's own callbacks, so the entry is settled (or dropped) before they run.
    promise.then(
      () => (entry.settledAt = this.clock()),
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    return promise;
  }

  invalidate(identitySourceId: string, group: string): void {
    this.entries.delete(keyOf(identitySourceId, group));
  }

  clear(): void {
    this.entries.clear();
  }
}

function keyOf(identitySourceId: string, group: string): string {
  return JSON.stringify([identitySourceId, group]);
}
