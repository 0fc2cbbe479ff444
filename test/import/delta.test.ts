import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { importDelta } from "../../src/import/delta";
import { IMPORT_BLOCKS } from "../../src/schemas/import-args";
import type {
  ImportData,
  ImportGroupProfile,
  ImportMembership,
  ImportUserProfile,
} from "../../src/schemas/import-data";

/**
 * Okta's records as a model: what a job leaves after it is applied in the planner's order (upserts, membership
 * additions, membership removals, deletes). Profiles are kept without unset attributes (`null` = absent).
 */
interface Records {
  users: Map<string, string>;
  groups: Map<string, string>;
  pairs: Map<string, boolean>;
}

const DELETED = "(deleted)";
const setAttributes = (profile: object): string =>
  JSON.stringify(
    Object.entries(profile)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
const pairKey = (group: string, member: string): string => JSON.stringify([group, member]);

function pairsOf(memberships: readonly ImportMembership[] | undefined): string[] {
  return (memberships ?? []).flatMap((m) => m.memberExternalIds.map((id) => pairKey(m.groupExternalId, id)));
}

function apply(records: Records, data: ImportData): Records {
  const next: Records = {
    users: new Map(records.users),
    groups: new Map(records.groups),
    pairs: new Map(records.pairs),
  };
  for (const g of data.upsertGroups?.profiles ?? [])
    next.groups.set(g.externalId, setAttributes(g.groupProfile));
  for (const u of data.upsertUsers?.profiles ?? []) next.users.set(u.externalId, setAttributes(u.profile));
  for (const key of pairsOf(data.upsertGroupMemberships?.memberships)) next.pairs.set(key, true);
  for (const key of pairsOf(data.deleteGroupMemberships?.memberships)) next.pairs.set(key, false);
  for (const u of data.deleteUsers?.profiles ?? []) next.users.set(u.externalId, DELETED);
  for (const id of data.deleteGroups?.externalIds ?? []) next.groups.set(id, DELETED);
  return next;
}

const empty = (): Records => ({ users: new Map(), groups: new Map(), pairs: new Map() });

/** What the new declaration asks for, on top of the confirmed records: applied as is, plus prune's deletes. */
function expected(confirmed: Records, baseline: ImportData, next: ImportData, prune: boolean): Records {
  const out = apply(confirmed, next);
  if (!prune) return out;
  const declaredUsers = new Set([
    ...(next.upsertUsers?.profiles ?? []).map((u) => u.externalId),
    ...(next.deleteUsers?.profiles ?? []).map((u) => u.externalId),
  ]);
  for (const u of baseline.upsertUsers?.profiles ?? [])
    if (!declaredUsers.has(u.externalId)) out.users.set(u.externalId, DELETED);
  const declaredGroups = new Set([
    ...(next.upsertGroups?.profiles ?? []).map((g) => g.externalId),
    ...(next.deleteGroups?.externalIds ?? []),
  ]);
  for (const g of baseline.upsertGroups?.profiles ?? [])
    if (!declaredGroups.has(g.externalId)) out.groups.set(g.externalId, DELETED);
  const declaredPairs = new Set([
    ...pairsOf(next.upsertGroupMemberships?.memberships),
    ...pairsOf(next.deleteGroupMemberships?.memberships),
  ]);
  for (const key of pairsOf(baseline.upsertGroupMemberships?.memberships))
    if (!declaredPairs.has(key)) out.pairs.set(key, false);
  return out;
}

const USERS = ["u0", "u1", "u2", "u3", "u4"];
const GROUPS = ["g0", "g1", "g2"];
const value = fc.constantFrom<string | null | undefined>(undefined, null, "Ada", "Grace");

/** Per id: absent, upserted (one of a few profiles, unset attributes as null or left out) or deleted. */
const fate = <P>(profile: fc.Arbitrary<P>) =>
  fc.oneof(
    fc.constant({ fate: "absent" as const }),
    fc.constant({ fate: "delete" as const }),
    profile.map((p) => ({ fate: "upsert" as const, p })),
  );

const userProfile = fc.record({ firstName: value, lastName: value }).map(({ firstName, lastName }) => {
  const profile: ImportUserProfile = { userName: "user", email: "user@example.com" };
  if (firstName !== undefined) profile["firstName"] = firstName;
  if (lastName !== undefined) profile["lastName"] = lastName;
  return profile;
});
const groupProfile = value.map((description) => {
  const profile: ImportGroupProfile = { displayName: "Group" };
  if (description !== undefined) profile["description"] = description;
  return profile;
});

/** A declaration; membership pairs of one group are spread over several entries (a group repeats). */
const declaration: fc.Arbitrary<ImportData> = fc
  .record({
    users: fc.tuple(...USERS.map(() => fate(userProfile))),
    groups: fc.tuple(...GROUPS.map(() => fate(groupProfile))),
    pairs: fc.tuple(
      ...GROUPS.flatMap(() => USERS.map(() => fc.constantFrom("absent", "add", "remove", "add2", "remove2"))),
    ),
  })
  .map(({ users, groups, pairs }) => {
    const data: ImportData = {};
    const upsertUsers = USERS.flatMap((id, i) =>
      users[i]!.fate === "upsert"
        ? [{ externalId: id, profile: (users[i] as { p: ImportUserProfile }).p }]
        : [],
    );
    const deleteUsers = USERS.filter((_, i) => users[i]!.fate === "delete").map((externalId) => ({
      externalId,
    }));
    const upsertGroups = GROUPS.flatMap((id, i) =>
      groups[i]!.fate === "upsert"
        ? [{ externalId: id, groupProfile: (groups[i] as { p: ImportGroupProfile }).p }]
        : [],
    );
    const deleteGroups = GROUPS.filter((_, i) => groups[i]!.fate === "delete");
    const entries = (wanted: string[]): ImportMembership[] =>
      GROUPS.flatMap((g, gi) =>
        wanted
          .map((w) => USERS.filter((_, ui) => pairs[gi * USERS.length + ui] === w))
          .filter((members) => members.length > 0)
          .map((memberExternalIds) => ({ groupExternalId: g, memberExternalIds })),
      );
    const added = entries(["add", "add2"]);
    const removed = entries(["remove", "remove2"]);
    if (upsertUsers.length) data.upsertUsers = { profiles: upsertUsers };
    if (deleteUsers.length) data.deleteUsers = { profiles: deleteUsers };
    if (upsertGroups.length) data.upsertGroups = { profiles: upsertGroups };
    if (deleteGroups.length) data.deleteGroups = { externalIds: deleteGroups };
    if (added.length) data.upsertGroupMemberships = { memberships: added };
    if (removed.length) data.deleteGroupMemberships = { memberships: removed };
    return data;
  });

/** Okta's records before the baseline ran: anything, so that deltas cannot rely on a blank directory. */
const before = fc.tuple(declaration, declaration).map(([a, b]) => apply(apply(empty(), a), b));

describe("importDelta", () => {
  it("applied to the confirmed records, yields exactly what the new declaration asks for (with and without prune)", () => {
    fc.assert(
      fc.property(before, declaration, declaration, fc.boolean(), (start, baseline, next, prune) => {
        const confirmed = apply(start, baseline);
        const { data } = importDelta(baseline, next, prune);
        assert.deepEqual(apply(confirmed, data), expected(confirmed, baseline, next, prune));
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the same delta when told which blocks are written the same way (they are not walked)", () => {
    const BLOCKS = IMPORT_BLOCKS;
    const ids = (list: readonly { externalId: string }[] | undefined) =>
      (list ?? []).map((r) => r.externalId);
    const pairs = (list: readonly ImportMembership[] | undefined) =>
      (list ?? []).flatMap((m) => m.memberExternalIds.map((id) => `${m.groupExternalId} ${id}`));
    const disjoint = (a: string[], b: string[]) => !a.some((x) => b.includes(x));
    fc.assert(
      fc.property(
        declaration,
        declaration,
        fc.tuple(...BLOCKS.map(() => fc.boolean())),
        fc.boolean(),
        (baseline, other, fromBaseline, prune) => {
          const next: ImportData = {};
          BLOCKS.forEach((block, i) => {
            const source = fromBaseline[i] ? baseline : other;
            if (source[block] !== undefined) Object.assign(next, { [block]: source[block] });
          });
          fc.pre(
            disjoint(ids(next.upsertUsers?.profiles), ids(next.deleteUsers?.profiles)) &&
              disjoint(ids(next.upsertGroups?.profiles), next.deleteGroups?.externalIds ?? []) &&
              disjoint(
                pairs(next.upsertGroupMemberships?.memberships),
                pairs(next.deleteGroupMemberships?.memberships),
              ),
          );
          const same = new Set(BLOCKS.filter((block) => isDeepStrictEqual(baseline[block], next[block])));
          assert.deepEqual(importDelta(baseline, next, prune, same), importDelta(baseline, next, prune));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never sends an unchanged record", () => {
    fc.assert(
      fc.property(declaration, declaration, fc.boolean(), (baseline, next, prune) => {
        const { data } = importDelta(baseline, next, prune);
        const confirmedUsers = new Map(
          (baseline.upsertUsers?.profiles ?? []).map((u) => [u.externalId, setAttributes(u.profile)]),
        );
        for (const u of data.upsertUsers?.profiles ?? [])
          assert.notEqual(confirmedUsers.get(u.externalId), setAttributes(u.profile));
        const confirmedGroups = new Map(
          (baseline.upsertGroups?.profiles ?? []).map((g) => [g.externalId, setAttributes(g.groupProfile)]),
        );
        for (const g of data.upsertGroups?.profiles ?? [])
          assert.notEqual(confirmedGroups.get(g.externalId), setAttributes(g.groupProfile));
        const deletedUsers = new Set((baseline.deleteUsers?.profiles ?? []).map((u) => u.externalId));
        for (const u of data.deleteUsers?.profiles ?? []) assert.ok(!deletedUsers.has(u.externalId));
        const deletedGroups = new Set(baseline.deleteGroups?.externalIds ?? []);
        for (const id of data.deleteGroups?.externalIds ?? []) assert.ok(!deletedGroups.has(id));
        const added = new Set(pairsOf(baseline.upsertGroupMemberships?.memberships));
        for (const key of pairsOf(data.upsertGroupMemberships?.memberships)) assert.ok(!added.has(key));
        const removed = new Set(pairsOf(baseline.deleteGroupMemberships?.memberships));
        for (const key of pairsOf(data.deleteGroupMemberships?.memberships)) assert.ok(!removed.has(key));
      }),
      { numRuns: 2000 },
    );
  });

  it("without a baseline sends everything declared and prunes nothing", () => {
    fc.assert(
      fc.property(declaration, (next) => {
        const delta = importDelta(undefined, next, true);
        assert.equal(delta.data, next);
        assert.deepEqual(delta.pruned, { users: 0, groups: 0, memberships: 0 });
      }),
    );
  });

  it("counts what prune deletes, per kind: a removed user and its pairs, nothing else", () => {
    const profile = (name: string) => ({ userName: name, email: `${name}@example.com` });
    const baseline: ImportData = {
      upsertUsers: {
        profiles: [
          { externalId: "a", profile: profile("a") },
          { externalId: "b", profile: profile("b") },
        ],
      },
      upsertGroupMemberships: { memberships: [{ groupExternalId: "g", memberExternalIds: ["a", "b"] }] },
    };
    const next: ImportData = {
      upsertUsers: { profiles: [{ externalId: "a", profile: profile("a") }] },
      upsertGroupMemberships: { memberships: [{ groupExternalId: "g", memberExternalIds: ["a"] }] },
    };
    assert.deepEqual(importDelta(baseline, next, true), {
      data: {
        deleteUsers: { profiles: [{ externalId: "b" }] },
        deleteGroupMemberships: { memberships: [{ groupExternalId: "g", memberExternalIds: ["b"] }] },
      },
      pruned: { users: 1, groups: 0, memberships: 1 },
      prunes: { users: ["b"], memberships: [{ groupExternalId: "g", memberExternalIds: ["b"] }] },
    });
    assert.deepEqual(importDelta(baseline, next, false).data, {});
  });
});
