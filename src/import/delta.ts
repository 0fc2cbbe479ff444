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

  const oldPairs = membersByGroup(baseline.upsertGroupMemberships?.memberships);
  const newPairs = membersByGroup(next.upsertGroupMemberships?.memberships);
  const declaredRemovedPairs = membersByGroup(next.deleteGroupMemberships?.memberships);
  const addedPairs = pairsNotIn(newPairs, [oldPairs]);
  const removedPairs = pairsNotIn(declaredRemovedPairs, [
    membersByGroup(baseline.deleteGroupMemberships?.memberships),
  ]);
  if (prune) {
    const prunedPairs = pairsNotIn(oldPairs, [newPairs, declaredRemovedPairs]);
    for (const entry of prunedPairs) pruned.memberships += entry.memberExternalIds.length;
    removedPairs.push(...prunedPairs);
  }

  const data: ImportData = {};
  if (next.membershipPacking !== undefined) data.membershipPacking = next.membershipPacking;
  if (upsertUsers.length > 0) data.upsertUsers = { profiles: upsertUsers };
  if (deleteUsers.length > 0)
    data.deleteUsers = { profiles: deleteUsers.map((externalId) => ({ externalId })) };
  if (upsertGroups.length > 0) data.upsertGroups = { profiles: upsertGroups };
  if (deleteGroups.length > 0) data.deleteGroups = { externalIds: deleteGroups };
  if (addedPairs.length > 0) data.upsertGroupMemberships = { memberships: addedPairs };
  if (removedPairs.length > 0) data.deleteGroupMemberships = { memberships: removedPairs };
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

/** Equal attribute by attribute, `null` and absent alike ("not set"), in any key order; allocates nothing. */
function sameSetAttributes(a: object, b: object): boolean {
  const before = a as Record<string, unknown>;
  const after = b as Record<string, unknown>;
  let set = 0;
  for (const key in before) {
    const value = before[key];
    if (value === null || value === undefined) continue;
    if (after[key] !== value) return false;
    set++;
  }
  for (const key in after) if (after[key] !== null && after[key] !== undefined) set--;
  return set === 0;
}

/** Members per group of a memberships block; a group may appear in several entries. */
function membersByGroup(memberships: readonly ImportMembership[] | undefined): Map<string, Set<string>> {
  const byGroup = new Map<string, Set<string>>();
  for (const entry of memberships ?? []) {
    const members = byGroup.get(entry.groupExternalId);
    if (members) for (const member of entry.memberExternalIds) members.add(member);
    else byGroup.set(entry.groupExternalId, new Set(entry.memberExternalIds));
  }
  return byGroup;
}

/** The (group, member) pairs of `from` found in none of `excluded`, one entry per group. */
function pairsNotIn(
  from: ReadonlyMap<string, ReadonlySet<string>>,
  excluded: readonly ReadonlyMap<string, ReadonlySet<string>>[],
): ImportMembership[] {
  const entries: ImportMembership[] = [];
  for (const [groupExternalId, members] of from) {
    const others = excluded.map((pairs) => pairs.get(groupExternalId)).filter((m) => m !== undefined);
    const memberExternalIds = [...members].filter((member) => !others.some((m) => m.has(member)));
    if (memberExternalIds.length > 0) entries.push({ groupExternalId, memberExternalIds });
  }
  return entries;
}
