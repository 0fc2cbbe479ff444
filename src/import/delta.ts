import type { ImportData, ImportGroup, ImportMembership, ImportUser } from "../schemas/import-data";

/**
 * What an update sends when only the changes go out: the difference between the baseline (the declaration of
 * the last run Okta confirmed, every session COMPLETED) and the new declaration.
 *
 * - Users and groups: those new or whose profile changed. An attribute that is `null` and one left out are the
 *   same ("not set").
 * - Membership pairs (group, member): those new to the upsert block.
 * - Delete entries: those new to their delete block.
 * - With `prune`: a record of the baseline's upsert blocks absent from the new declaration (and not already
 *   deleted by it) is deleted: users through `deleteUsers`, groups through `deleteGroups`, pairs through
 *   `deleteGroupMemberships`.
 *
 * No baseline: everything declared is sent (nothing is known to be confirmed, and nothing is pruned).
 * The result is planned like any job, so the planner's order and limits hold.
 */
export interface ImportDelta {
  data: ImportData;
  /** How many of the deletes in `data` come from `prune` (the rest were declared). */
  pruned: { users: number; groups: number; memberships: number };
}

export function importDelta(baseline: ImportData | undefined, next: ImportData, prune: boolean): ImportDelta {
  const pruned = { users: 0, groups: 0, memberships: 0 };
  if (baseline === undefined) return { data: next, pruned };

  const users = recordDelta(
    baseline.upsertUsers?.profiles ?? [],
    next.upsertUsers?.profiles ?? [],
    (u) => u.profile,
    (baseline.deleteUsers?.profiles ?? []).map((u) => u.externalId),
    (next.deleteUsers?.profiles ?? []).map((u) => u.externalId),
    prune,
  );
  const upsertUsers = users.upserts;
  const deleteUsers = users.deletes;
  pruned.users = users.pruned;
  const groups = recordDelta(
    baseline.upsertGroups?.profiles ?? [],
    next.upsertGroups?.profiles ?? [],
    (g) => g.groupProfile,
    baseline.deleteGroups?.externalIds ?? [],
    next.deleteGroups?.externalIds ?? [],
    prune,
  );
  const upsertGroups = groups.upserts;
  const deleteGroups = groups.deletes;
  pruned.groups = groups.pruned;

  const oldPairs = pairsOf(baseline.upsertGroupMemberships?.memberships);
  const newPairs = pairsOf(next.upsertGroupMemberships?.memberships);
  const oldRemovedPairs = pairsOf(baseline.deleteGroupMemberships?.memberships);
  const declaredRemovedPairs = pairsOf(next.deleteGroupMemberships?.memberships);
  const addedPairs = [...newPairs.values()].filter((pair) => !oldPairs.has(pairKey(pair)));
  const removedPairs = [...declaredRemovedPairs.values()].filter(
    (pair) => !oldRemovedPairs.has(pairKey(pair)),
  );
  if (prune) {
    for (const [key, pair] of oldPairs)
      if (!newPairs.has(key) && !declaredRemovedPairs.has(key)) {
        removedPairs.push(pair);
        pruned.memberships++;
      }
  }

  const data: ImportData = {};
  if (next.membershipPacking !== undefined) data.membershipPacking = next.membershipPacking;
  if (upsertUsers.length > 0) data.upsertUsers = { profiles: upsertUsers };
  if (deleteUsers.length > 0)
    data.deleteUsers = { profiles: deleteUsers.map((externalId) => ({ externalId })) };
  if (upsertGroups.length > 0) data.upsertGroups = { profiles: upsertGroups };
  if (deleteGroups.length > 0) data.deleteGroups = { externalIds: deleteGroups };
  if (addedPairs.length > 0) data.upsertGroupMemberships = { memberships: entriesOf(addedPairs) };
  if (removedPairs.length > 0) data.deleteGroupMemberships = { memberships: entriesOf(removedPairs) };
  return { data, pruned };
}

/** Whether a delta sends nothing. */
export function isEmptyDelta(delta: ImportDelta): boolean {
  const { data } = delta;
  return !(
    data.upsertUsers ||
    data.deleteUsers ||
    data.upsertGroups ||
    data.deleteGroups ||
    data.upsertGroupMemberships ||
    data.deleteGroupMemberships
  );
}

/** Users or groups: upserts new or changed, deletes new, and with `prune` the baseline's upserts now absent. */
function recordDelta<R extends ImportUser | ImportGroup>(
  oldUpserts: readonly R[],
  newUpserts: readonly R[],
  profileOf: (record: R) => object,
  oldDeletes: readonly string[],
  newDeletes: readonly string[],
  prune: boolean,
): { upserts: R[]; deletes: string[]; pruned: number } {
  const confirmed = new Map(oldUpserts.map((r) => [r.externalId, profileOf(r)]));
  const upserts = newUpserts.filter((r) => {
    const before = confirmed.get(r.externalId);
    return before === undefined || !sameSetAttributes(before, profileOf(r));
  });
  const deletedBefore = new Set(oldDeletes);
  const deletes = newDeletes.filter((id) => !deletedBefore.has(id));
  let pruned = 0;
  if (prune) {
    const declared = new Set([...newUpserts.map((r) => r.externalId), ...newDeletes]);
    for (const id of confirmed.keys())
      if (!declared.has(id)) {
        deletes.push(id);
        pruned++;
      }
  }
  return { upserts, deletes, pruned };
}

/** Equal attribute by attribute, `null` and absent alike ("not set"), in any key order. */
function sameSetAttributes(a: object, b: object): boolean {
  const setIn = (o: object) => Object.entries(o).filter(([, v]) => v !== null && v !== undefined);
  const before = setIn(a);
  const after = new Map(setIn(b));
  return before.length === after.size && before.every(([k, v]) => after.get(k) === v);
}

type Pair = readonly [group: string, member: string];

const pairKey = ([group, member]: Pair): string => JSON.stringify([group, member]);

/** Every (group, member) pair of a memberships block, by key; a group may appear in several entries. */
function pairsOf(memberships: readonly ImportMembership[] | undefined): Map<string, Pair> {
  const pairs = new Map<string, Pair>();
  for (const entry of memberships ?? [])
    for (const member of entry.memberExternalIds) {
      const pair: Pair = [entry.groupExternalId, member];
      pairs.set(pairKey(pair), pair);
    }
  return pairs;
}

/** Pairs back into one entry per group. */
function entriesOf(pairs: readonly Pair[]): ImportMembership[] {
  const byGroup = new Map<string, string[]>();
  for (const [group, member] of pairs) {
    const members = byGroup.get(group);
    if (members) members.push(member);
    else byGroup.set(group, [member]);
  }
  return [...byGroup].map(([groupExternalId, memberExternalIds]) => ({ groupExternalId, memberExternalIds }));
}
