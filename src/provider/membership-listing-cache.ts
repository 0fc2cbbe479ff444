/**
 * One listing of a group's members shared by every membership `read` of that group in this provider process:
 * the host runs every resource of a deployment in one process, and a group with 1,000 declared memberships
 * would otherwise be listed 1,000 times. Failed listings are not kept.
 *
 * Why the TTL (30 s) is safe: the host process lives for one CLI command, and within one refresh resources are
 * read at different moments anyway; a listing at most 30 s old only widens that spread for changes other
 * parties made, and our own creates/deletes invalidate the entry. A long `up --refresh` still lists again.
 */
import { isNotFoundError } from "../client/errors";
import type { OktaClient } from "../client/types";
import { MAX_MEMBERSHIP_PAGE_LIMIT } from "../schemas/limits";

export const MEMBERSHIP_LISTING_TTL_MS = 30_000;

/** Member external ids of the group, or `undefined` when the group itself does not exist. */
export type GroupMembers = ReadonlySet<string> | undefined;

interface Entry {
  promise: Promise<GroupMembers>;
  settledAt?: number;
}

export interface MembershipListingCacheOptions {
  ttlMs?: number;
  /** @internal Epoch ms; tests inject a fake clock. */
  clock?: () => number;
}

export class MembershipListingCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly clock: () => number;
  /** Listings started (not joined or reused). */
  listingsStarted = 0;

  constructor(options: MembershipListingCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? MEMBERSHIP_LISTING_TTL_MS;
    this.clock = options.clock ?? Date.now;
  }

  members(client: OktaClient, identitySourceId: string, group: string): Promise<GroupMembers> {
    const now = this.clock();
    this.prune(now);
    const key = keyOf(identitySourceId, group);
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit.promise;
    const entry: Entry = { promise: Promise.resolve(undefined) };
    this.listingsStarted += 1;
    entry.promise = list(client, identitySourceId, group).then(
      (members) => {
        entry.settledAt = this.clock();
        return members;
      },
      (error: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      },
    );
    this.entries.set(key, entry);
    return entry.promise;
  }

  invalidate(identitySourceId: string, group: string): void {
    this.entries.delete(keyOf(identitySourceId, group));
  }

  clear(): void {
    this.entries.clear();
    this.listingsStarted = 0;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.settledAt !== undefined && now - entry.settledAt >= this.ttlMs) this.entries.delete(key);
    }
  }
}

function keyOf(identitySourceId: string, group: string): string {
  return JSON.stringify([identitySourceId, group]);
}

async function list(client: OktaClient, identitySourceId: string, group: string): Promise<GroupMembers> {
  try {
    // The largest page the API allows, so 1,000 members cost one request.
    const ids = await client.memberships.listAll(identitySourceId, group, {
      pageSize: MAX_MEMBERSHIP_PAGE_LIMIT,
    });
    return new Set(ids);
  } catch (error) {
    if (isNotFoundError(error)) return undefined;
    throw error;
  }
}
