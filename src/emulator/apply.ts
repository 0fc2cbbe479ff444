import { newGroupId, newUserId } from "./ids";
import type { ImportReport, MembershipEntry, Profile, SourceState, StagedUpload } from "./state";
import { emptyReport, findActiveUser, findGroupByExternalId, membersOf, removeGroup } from "./state";

/**
 * What a completed import does to an identity source, upload by upload in upload order (docs/okta-api.md#import-effects):
 * - user upsert creates the user or MERGES the sent attributes into its profile (an explicit `null` clears
 *   one; unsent ones keep their value) and reactivates a deactivated user;
 * - user bulk delete DEACTIVATES (GUIDE "Bulk deactivate data"): the record stays, the direct API no longer
 *   sees it (GET → 404), a later upsert reactivates it; unknown ids are ignored;
 * - group upsert creates (`00g…` id) or merges like users; group delete removes the group and its
 *   memberships; membership upsert/delete add/remove members.
 * Bulk bodies name groups by external id only. Memberships naming a group or an active user that does not exist when the import runs are skipped and
 * counted in the report.
 */
export function applyUploads(
  source: SourceState,
  uploads: readonly StagedUpload[],
  at: number,
): ImportReport {
  const report = emptyReport();
  for (const upload of uploads) {
    switch (upload.kind) {
      case "upsertUsers":
        for (const entry of upload.profiles) upsertUser(source, entry.externalId, entry.profile, at);
        report.usersUpserted += upload.profiles.length;
        break;
      case "deleteUsers":
        for (const externalId of upload.externalIds) {
          const user = findActiveUser(source, externalId);
          if (!user) continue;
          user.status = "DEACTIVATED";
          user.lastUpdatedAt = at;
          report.usersDeactivated += 1;
        }
        break;
      case "upsertGroups":
        for (const entry of upload.profiles) upsertGroup(source, entry.externalId, entry.profile, at);
        report.groupsUpserted += upload.profiles.length;
        break;
      case "deleteGroups":
        for (const externalId of upload.externalIds) {
          const group = findGroupByExternalId(source, externalId);
          if (!group) continue;
          removeGroup(source, group);
          report.groupsDeleted += 1;
        }
        break;
      case "upsertMemberships":
      case "deleteMemberships":
        applyMemberships(source, upload.memberships, upload.kind === "upsertMemberships", report);
        break;
    }
  }
  return report;
}

function merge(target: Profile, changes: Profile): Profile {
  return { ...target, ...changes };
}

function upsertUser(source: SourceState, externalId: string, profile: Profile, at: number): void {
  const existing = source.users.get(externalId);
  if (existing) {
    existing.profile = merge(existing.profile, profile);
    existing.status = "ACTIVE";
    existing.lastUpdatedAt = at;
    return;
  }
  source.users.set(externalId, {
    id: newUserId(),
    externalId,
    status: "ACTIVE",
    createdAt: at,
    lastUpdatedAt: at,
    profile: { ...profile },
  });
}

function upsertGroup(source: SourceState, externalId: string, profile: Profile, at: number): void {
  const existing = findGroupByExternalId(source, externalId);
  if (existing) {
    existing.profile = merge(existing.profile, profile);
    existing.lastUpdatedAt = at;
    return;
  }
  const id = newGroupId();
  source.groups.set(id, { id, externalId, createdAt: at, lastUpdatedAt: at, profile: { ...profile } });
}

function applyMemberships(
  source: SourceState,
  entries: readonly MembershipEntry[],
  add: boolean,
  report: ImportReport,
): void {
  for (const entry of entries) {
    const group = findGroupByExternalId(source, entry.groupExternalId);
    if (!group) {
      report.skipped += entry.memberExternalIds.length;
      continue;
    }
    const members = membersOf(source, group.id);
    for (const member of entry.memberExternalIds) {
      if (add) {
        if (!findActiveUser(source, member)) report.skipped += 1;
        else if (!members.has(member)) {
          members.add(member);
          report.membershipsAdded += 1;
        }
      } else if (members.delete(member)) {
        report.membershipsRemoved += 1;
      }
    }
  }
}
