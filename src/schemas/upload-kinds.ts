import { z } from "zod";
import { UPLOAD_KINDS, type PrunedCount, type UploadBodies, type UploadKind } from "./bulk-bodies";
import type { ImportBlock } from "./import-args-rules";
import type { ImportGroup, ImportUser } from "./import-data";
import { MAX_ENTITIES_PER_UPLOAD } from "./limits";
import {
  BulkGroupProfileInput,
  BulkUserProfileInput,
  GroupExternalId,
  MemberExternalId,
  UserExternalId,
} from "./profiles";

/**
 * Bulk bodies, strict, checked before sending so a bad one spends none of the session's 50 uploads
 * (docs/okta-api.md#bulk-bodies). No stricter than Okta (no `userName`/`email`); the bounds only stop what Okta
 * must refuse (1–200 entries, docs/okta-api.md#limits): fitting the limits is the planner's job.
 */
const entries = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1).max(MAX_ENTITIES_PER_UPLOAD, `at most ${MAX_ENTITIES_PER_UPLOAD} entries per upload`);

export const BulkUpsertUsersBody = z.strictObject({
  entityType: z.literal("USERS"),
  profiles: entries(z.strictObject({ externalId: UserExternalId, profile: BulkUserProfileInput })),
});

export const BulkDeleteUsersBody = z.strictObject({
  entityType: z.literal("USERS"),
  profiles: entries(z.strictObject({ externalId: UserExternalId })),
});

export const BulkUpsertGroupsBody = z.strictObject({
  profiles: entries(z.strictObject({ externalId: GroupExternalId, profile: BulkGroupProfileInput })),
});

export const BulkDeleteGroupsBody = z.strictObject({ externalIds: entries(GroupExternalId) });

export const BulkMembershipsBody = z.strictObject({
  memberships: entries(
    z.strictObject({ groupExternalId: GroupExternalId, memberExternalIds: z.array(MemberExternalId).min(1) }),
  ),
});

/**
 * What tells the six bulk uploads apart (docs/okta-api.md#bulk-bodies). The client's bulk calls, the planner, the
 * plan line, the empty-session check and the outputs' counts derive from it; their job order is `UPLOAD_KINDS`.
 */
export interface UploadKindSpec<K extends UploadKind> {
  block: ImportBlock;
  /** Under `…/sessions/{sessionId}/`. */
  path: string;
  /** The strict schema the client checks every body against before sending it. */
  body: z.ZodType<UploadBodies[K]>;
  /**
   * The block's and the body's one list (`fixed`: the body's other fields). Records go whole into an upload, as
   * `entry` makes them; without `entry` (memberships) they split anywhere (`plan.ts`).
   */
  list: "profiles" | "externalIds" | "memberships";
  fixed?: { entityType: "USERS" };
  entry?: (record: never) => unknown;
  /** Deletes stage nothing when every record is already gone (`import/empty-session.ts`). */
  action: "upsert" | "delete";
  /** Its records count against a session's 10,000 users. */
  countsUsers?: true;
  /** The profiles in a body: personal data Okta may echo in its errors, kept out of messages (not group names). */
  personal?: (body: UploadBodies[K]) => Readonly<Record<string, unknown>>[];
  /** The plan line's words: one record, several, what happens to them. */
  words: readonly [string, string, string];
  /** Deletes: the count of a delta's pruned records it carries, and what the plan line says happens to them. */
  pruned?: { count: PrunedCount; done: string };
}

export const UPLOAD_KIND_SPECS: { readonly [K in UploadKind]: UploadKindSpec<K> } = {
  upsertGroups: {
    block: "upsertGroups",
    path: "bulk-groups-upsert",
    body: BulkUpsertGroupsBody,
    list: "profiles",
    // The spread turns the interface into an object type, which fits the body's index signature.
    entry: (g: ImportGroup) => ({ externalId: g.externalId, profile: { ...g.groupProfile } }),
    action: "upsert",
    words: ["group", "groups", "upserted"],
  },
  upsertUsers: {
    block: "upsertUsers",
    path: "bulk-upsert",
    body: BulkUpsertUsersBody,
    list: "profiles",
    fixed: { entityType: "USERS" },
    entry: (u: ImportUser) => ({ externalId: u.externalId, profile: u.profile }),
    action: "upsert",
    countsUsers: true,
    personal: (body) => body.profiles.map((p) => p.profile),
    words: ["user", "users", "upserted"],
  },
  upsertMemberships: {
    block: "upsertGroupMemberships",
    path: "bulk-group-memberships-upsert",
    body: BulkMembershipsBody,
    list: "memberships",
    action: "upsert",
    words: ["membership", "memberships", "added"],
  },
  deleteMemberships: {
    block: "deleteGroupMemberships",
    path: "bulk-group-memberships-delete",
    body: BulkMembershipsBody,
    list: "memberships",
    action: "delete",
    words: ["membership", "memberships", "removed"],
    pruned: { count: "memberships", done: "deleted" },
  },
  deleteUsers: {
    block: "deleteUsers",
    path: "bulk-delete",
    body: BulkDeleteUsersBody,
    list: "profiles",
    fixed: { entityType: "USERS" },
    entry: (u: { externalId: string }) => ({ externalId: u.externalId }),
    action: "delete",
    countsUsers: true,
    // Okta's bulk delete deactivates users rather than deleting them (docs/okta-api.md#bulk-bodies).
    words: ["user", "users", "deactivated"],
    pruned: { count: "users", done: "deactivated" },
  },
  deleteGroups: {
    block: "deleteGroups",
    path: "bulk-groups-delete",
    body: BulkDeleteGroupsBody,
    list: "externalIds",
    entry: (id: string) => id,
    action: "delete",
    words: ["group", "groups", "deleted"],
    pruned: { count: "groups", done: "deleted" },
  },
};

/** The upload kind that carries each argument block's records. */
export const UPLOAD_KIND_OF_BLOCK = Object.fromEntries(
  UPLOAD_KINDS.map((uploadKind) => [UPLOAD_KIND_SPECS[uploadKind].block, uploadKind]),
) as Record<ImportBlock, UploadKind>;
