import { z } from "zod";
import type { PrunedCount } from "../schemas/bulk-bodies";
import type { ImportBlock } from "../schemas/import-args";
import type { ImportData, ImportGroup, ImportMembership, ImportUser } from "../schemas/import-data";

/** What an update sends when only the changes go out: what is new or changed since the baseline (the declaration
 * of the last run Okta confirmed), `null` and absent attributes alike; with `prune`, the baseline's upserted
 * records no longer declared are deleted. No baseline: everything declared, nothing pruned. */
export interface ImportDelta {
  data: ImportData;
  /** How many of the deletes in `data` come from `prune` (the rest were declared). */
  pruned: PrunedCounts;
  /** The deletes in `data` that come from `prune`. */
  prunes: PrunedRecords;
}

export type PrunedCounts = Record<PrunedCount, number>;

/** Deletes that `prune` adds: user and group external ids, membership pairs by group. A run that carried some
 * and was not confirmed keeps them in its (secret) outputs as `unconfirmedPrunes` (docs/import.md#updates). */
export const PRUNED_RECORDS = z.object({
  users: z.array(z.string()).optional(),
  groups: z.array(z.string()).optional(),
  memberships: z
    .array(z.object({ groupExternalId: z.string(), memberExternalIds: z.array(z.string()) }))
    .optional(),
});
export type PrunedRecords = z.infer<typeof PRUNED_RECORDS>;

/** `same`: blocks the caller found written the same way in both (e.g. `check`, which compares them anyway). They
 * add nothing to the delta, prune included (a valid job never both upserts and deletes a record, so a record of
 * one side's unchanged block is never in the other side's changed one), and are not walked. */
export function importDelta(
  baseline: ImportData | undefined,
  next: ImportData,
  prune: boolean,
  same: ReadonlySet<ImportBlock> = new Set(),
): ImportDelta {
  if (baseline === undefined) return { data: next, pruned: prunedCounts({}), prunes: {} };
  const before = without(baseline, same);
  const after = without(next, same);
  const users = recordDelta(
    before.upsertUsers?.profiles ?? [],
    after.upsertUsers?.profiles ?? [],
    (u) => u.profile,
    (before.deleteUsers?.profiles ?? []).map((u) => u.externalId),
    (after.deleteUsers?.profiles ?? []).map((u) => u.externalId),
    prune,
  );
  const deleteUsers = [...users.deletes, ...users.pruned];
  const groups = recordDelta(
    before.upsertGroups?.profiles ?? [],
    after.upsertGroups?.profiles ?? [],
    (g) => g.groupProfile,
    before.deleteGroups?.externalIds ?? [],
    after.deleteGroups?.externalIds ?? [],
    prune,
  );
  const deleteGroups = [...groups.deletes, ...groups.pruned];

  const oldPairs = membersByGroup(before.upsertGroupMemberships?.memberships);
  const newPairs = membersByGroup(after.upsertGroupMemberships?.memberships);
  const declaredRemovedPairs = membersByGroup(after.deleteGroupMemberships?.memberships);
  const addedPairs = pairsNotIn(newPairs, [oldPairs]);
  const removedPairs = pairsNotIn(declaredRemovedPairs, [
    membersByGroup(before.deleteGroupMemberships?.memberships),
  ]);
  const prunedPairs = prune ? pairsNotIn(oldPairs, [newPairs, declaredRemovedPairs]) : [];
  removedPairs.push(...prunedPairs);
  const prunes = prunedRecords(users.pruned, groups.pruned, prunedPairs);

  const data: ImportData = {};
  if (next.membershipPacking !== undefined) data.membershipPacking = next.membershipPacking;
  if (users.upserts.length > 0) data.upsertUsers = { profiles: users.upserts };
  if (deleteUsers.length > 0)
    data.deleteUsers = { profiles: deleteUsers.map((externalId) => ({ externalId })) };
  if (groups.upserts.length > 0) data.upsertGroups = { profiles: groups.upserts };
  if (deleteGroups.length > 0) data.deleteGroups = { externalIds: deleteGroups };
  if (addedPairs.length > 0) data.upsertGroupMemberships = { memberships: addedPairs };
  if (removedPairs.length > 0) data.deleteGroupMemberships = { memberships: removedPairs };
  return { data, pruned: prunedCounts(prunes), prunes };
}

function without(data: ImportData, same: ReadonlySet<ImportBlock>): ImportData {
  if (same.size === 0) return data;
  const rest: ImportData = { ...data };
  for (const block of same) delete rest[block];
  return rest;
}

export function prunedCounts(prunes: PrunedRecords): PrunedCounts {
  const memberships = (prunes.memberships ?? []).reduce((n, m) => n + m.memberExternalIds.length, 0);
  return { users: prunes.users?.length ?? 0, groups: prunes.groups?.length ?? 0, memberships };
}

function prunedRecords(users: string[], groups: string[], memberships: ImportMembership[]): PrunedRecords {
  return {
    ...(users.length > 0 ? { users } : {}),
    ...(groups.length > 0 ? { groups } : {}),
    ...(memberships.length > 0 ? { memberships } : {}),
  };
}

/** Both sets of prune deletes (duplicates are dropped by `withPrunes`). */
export function unionOfPrunes(a: PrunedRecords, b: PrunedRecords): PrunedRecords {
  return prunedRecords(
    [...(a.users ?? []), ...(b.users ?? [])],
    [...(a.groups ?? []), ...(b.groups ?? [])],
    [...(a.memberships ?? []), ...(b.memberships ?? [])],
  );
}

/** `data` with the deletes of `prunes` that it does not declare (neither upserted nor deleted) added to its
 * delete blocks, and those added; `data` itself when none is. */
export function withPrunes<D extends ImportData>(
  data: D,
  prunes: PrunedRecords,
): { data: D; added: PrunedRecords } {
  const declaredUsers = new Set([
    ...(data.upsertUsers?.profiles ?? []).map((u) => u.externalId),
    ...(data.deleteUsers?.profiles ?? []).map((u) => u.externalId),
  ]);
  const declaredGroups = new Set([
    ...(data.upsertGroups?.profiles ?? []).map((g) => g.externalId),
    ...(data.deleteGroups?.externalIds ?? []),
  ]);
  const added = prunedRecords(
    [...new Set(prunes.users ?? [])].filter((id) => !declaredUsers.has(id)),
    [...new Set(prunes.groups ?? [])].filter((id) => !declaredGroups.has(id)),
    pairsNotIn(membersByGroup(prunes.memberships), [
      membersByGroup(data.upsertGroupMemberships?.memberships),
      membersByGroup(data.deleteGroupMemberships?.memberships),
    ]),
  );
  if (Object.keys(added).length === 0) return { data, added };
  const out: D = { ...data };
  if (added.users) {
    const profiles = added.users.map((externalId) => ({ externalId }));
    out.deleteUsers = { ...data.deleteUsers, profiles: [...(data.deleteUsers?.profiles ?? []), ...profiles] };
  }
  if (added.groups)
    out.deleteGroups = { externalIds: [...(data.deleteGroups?.externalIds ?? []), ...added.groups] };
  if (added.memberships) {
    const memberships = [...(data.deleteGroupMemberships?.memberships ?? []), ...added.memberships];
    out.deleteGroupMemberships = { ...data.deleteGroupMemberships, memberships };
  }
  return { data: out, added };
}

/** Users or groups: upserts new or changed, deletes new, and with `prune` the baseline's upserts now absent (`pruned`). */
function recordDelta<R extends ImportUser | ImportGroup>(
  oldUpserts: readonly R[],
  newUpserts: readonly R[],
  profileOf: (record: R) => object,
  oldDeletes: readonly string[],
  newDeletes: readonly string[],
  prune: boolean,
): { upserts: R[]; deletes: string[]; pruned: string[] } {
  const confirmed = new Map(oldUpserts.map((r) => [r.externalId, profileOf(r)]));
  const upserts = newUpserts.filter((r) => {
    const before = confirmed.get(r.externalId);
    return before === undefined || !sameSetAttributes(before, profileOf(r));
  });
  const deletedBefore = new Set(oldDeletes);
  const deletes = newDeletes.filter((id) => !deletedBefore.has(id));
  if (!prune) return { upserts, deletes, pruned: [] };
  const declared = new Set([...newUpserts.map((r) => r.externalId), ...newDeletes]);
  return { upserts, deletes, pruned: [...confirmed.keys()].filter((id) => !declared.has(id)) };
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
