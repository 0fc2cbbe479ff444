// The bulk bodies `planImport` returns and the client sends. Public, so free of zod (a public .d.ts importing
// zod breaks programs without `esModuleInterop`); `test/schemas/public-types-match-schemas.ts` matches the
// schemas (`upload-kinds.ts`).
import type {
  ImportDeleteGroups,
  ImportGroupProfile,
  ImportMemberships,
  ImportUserProfile,
} from "./import-data";

/** A user profile in a bulk upsert: the attributes of `ImportUserProfile`, none required. `null` clears one. */
export type BulkUserProfile = { [K in keyof ImportUserProfile]?: ImportUserProfile[K] | undefined };

/** A group profile in a bulk upsert: `displayName`, and any string attribute of the identity source's schema. */
export interface BulkGroupProfile extends ImportGroupProfile {
  [attribute: string]: string | null | undefined;
}

/** `POST …/bulk-upsert`: users to create or update. */
export interface BulkUpsertUsersBody {
  entityType: "USERS";
  profiles: { externalId: string; profile: BulkUserProfile }[];
}

/** `POST …/bulk-delete`: users to deactivate. */
export interface BulkDeleteUsersBody {
  entityType: "USERS";
  profiles: { externalId: string }[];
}

/** `POST …/bulk-groups-upsert`: groups to create or update. */
export interface BulkUpsertGroupsBody {
  profiles: { externalId: string; profile: BulkGroupProfile }[];
}

/** `POST …/bulk-groups-delete`: external ids of groups to delete. */
export type BulkDeleteGroupsBody = ImportDeleteGroups;

/** `POST …/bulk-group-memberships-upsert` and `…-delete`: members per group. */
export type BulkMembershipsBody = ImportMemberships;

/** The six upload kinds, in the order a job sends them (upserts before deletes; memberships last). */
export const UPLOAD_KINDS = [
  "upsertGroups",
  "upsertUsers",
  "upsertMemberships",
  "deleteMemberships",
  "deleteUsers",
  "deleteGroups",
] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/** The body of each upload kind. */
export interface UploadBodies {
  upsertUsers: BulkUpsertUsersBody;
  deleteUsers: BulkDeleteUsersBody;
  upsertGroups: BulkUpsertGroupsBody;
  deleteGroups: BulkDeleteGroupsBody;
  upsertMemberships: BulkMembershipsBody;
  deleteMemberships: BulkMembershipsBody;
}

/** The records a delta prunes, counted apart (`import/delta.ts`); here as public `describe-plan.ts` uses it. */
export type PrunedCount = "users" | "groups" | "memberships";
