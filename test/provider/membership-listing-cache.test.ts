import assert from "node:assert/strict";
import { OktaApiError } from "../../src/client/errors";
import type { OktaClient } from "../../src/client/types";
import { MembershipListingCache } from "../../src/provider/membership-listing-cache";

/** A client whose only working call is `memberships.listAll`, counting calls. */
function listingClient(listAll: (isId: string, group: string) => Promise<string[]>): {
  client: OktaClient;
  calls: string[];
} {
  const calls: string[] = [];
  const client = {
    memberships: {
      listAll: (isId: string, group: string, opts?: { pageSize?: number }) => {
        calls.push(`${isId}/${group}/${opts?.pageSize}`);
        return listAll(isId, group);
      },
    },
  } as unknown as OktaClient;
  return { client, calls };
}

describe("MembershipListingCache", () => {
  it("shares one in-flight listing among concurrent reads of the same group, at the largest page size", async () => {
    let release!: (ids: string[]) => void;
    const { client, calls } = listingClient(() => new Promise((r) => (release = r)));
    const cache = new MembershipListingCache({ clock: () => 0 });
    const reads = [1, 2, 3].map(() => cache.members(client, "0oa1", "G1"));
    release(["u1", "u2"]);
    const results = await Promise.all(reads);
    assert.deepEqual(calls, ["0oa1/G1/1000"]);
    for (const r of results) assert.equal(r?.has("u2"), true);
  });

  it("reuses a finished listing until the TTL runs out, then lists again", async () => {
    let now = 0;
    const { client, calls } = listingClient(async () => ["u1"]);
    const cache = new MembershipListingCache({ ttlMs: 1000, clock: () => now });
    await cache.members(client, "0oa1", "G1");
    now = 999;
    await cache.members(client, "0oa1", "G1");
    assert.equal(calls.length, 1);
    now = 1000;
    await cache.members(client, "0oa1", "G1");
    assert.equal(calls.length, 2);
  });

  it("keeps groups and identity sources apart", async () => {
    const { client, calls } = listingClient(async (_i, g) => [g]);
    const cache = new MembershipListingCache({ clock: () => 0 });
    const a = await cache.members(client, "0oa1", "G1");
    const b = await cache.members(client, "0oa1", "G2");
    const c = await cache.members(client, "0oa2", "G1");
    assert.equal(calls.length, 3);
    assert.deepEqual([a?.has("G1"), b?.has("G2"), c?.has("G1")], [true, true, true]);
  });

  it("lists again after an invalidation", async () => {
    const { client, calls } = listingClient(async () => []);
    const cache = new MembershipListingCache({ clock: () => 0 });
    await cache.members(client, "0oa1", "G1");
    cache.invalidate("0oa1", "G1");
    await cache.members(client, "0oa1", "G1");
    assert.equal(calls.length, 2);
  });

  it("answers undefined for a group that does not exist and keeps that answer", async () => {
    const notFound = new OktaApiError({
      status: 404,
      errorCode: "E0000007",
      method: "GET",
      path: "/x",
      attempts: 1,
    });
    const { client, calls } = listingClient(() => Promise.reject(notFound));
    const cache = new MembershipListingCache({ clock: () => 0 });
    assert.equal(await cache.members(client, "0oa1", "gone"), undefined);
    assert.equal(await cache.members(client, "0oa1", "gone"), undefined);
    assert.equal(calls.length, 1);
  });

  it("does not keep a failed listing, so the next read tries again", async () => {
    let fail = true;
    const { client, calls } = listingClient(async () => {
      if (fail) throw new OktaApiError({ status: 500, method: "GET", path: "/x", attempts: 6 });
      return ["u1"];
    });
    const cache = new MembershipListingCache({ clock: () => 0 });
    await assert.rejects(cache.members(client, "0oa1", "G1"), /500/);
    fail = false;
    assert.equal((await cache.members(client, "0oa1", "G1"))?.has("u1"), true);
    assert.equal(calls.length, 2);
  });
});
