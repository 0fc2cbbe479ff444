import { z } from "zod";
import {
  BulkUserProfileInput,
  GroupExternalId,
  BulkGroupProfileInput,
  MemberExternalId,
  UserExternalId,
} from "./profiles";

/**
 * The six bulk upload bodies, strict: this is what we send (API note §2.3). The planner builds them; the
 * client checks each against its schema before sending (`BULK_BODY_SCHEMAS`), so a malformed body fails
 * without spending one of the session's 50 uploads. No stricter than Okta: user profiles need no
 * `userName`/`email` here. Counts and bytes per upload are the planner's job (`limits.ts`).
 */

export const BulkUpsertUsersBody = z.strictObject({
  entityType: z.literal("USERS"),
  profiles: z.array(z.strictObject({ externalId: UserExternalId, profile: BulkUserProfileInput })).min(1),
});
export type BulkUpsertUsersBody = z.infer<typeof BulkUpsertUsersBody>;

export const BulkDeleteUsersBody = z.strictObject({
  entityType: z.literal("USERS"),
  profiles: z.array(z.strictObject({ externalId: UserExternalId })).min(1),
});
export type BulkDeleteUsersBody = z.infer<typeof BulkDeleteUsersBody>;

export const BulkUpsertGroupsBody = z.strictObject({
  profiles: z.array(z.strictObject({ externalId: GroupExternalId, profile: BulkGroupProfileInput })).min(1),
});
export type BulkUpsertGroupsBody = z.infer<typeof BulkUpsertGroupsBody>;

export const BulkDeleteGroupsBody = z.strictObject({
  externalIds: z.array(GroupExternalId).min(1),
});
export type BulkDeleteGroupsBody = z.infer<typeof BulkDeleteGroupsBody>;

export const BulkMembershipsBody = z.strictObject({
  memberships: z
    .array(
      z.strictObject({
        groupExternalId: GroupExternalId,
        memberExternalIds: z.array(MemberExternalId).min(1),
      }),
    )
    .min(1),
});
export type BulkMembershipsBody = z.infer<typeof BulkMembershipsBody>;

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

export interface UploadBodies {
  upsertUsers: BulkUpsertUsersBody;
  deleteUsers: BulkDeleteUsersBody;
  upsertGroups: BulkUpsertGroupsBody;
  deleteGroups: BulkDeleteGroupsBody;
  upsertMemberships: BulkMembershipsBody;
  deleteMemberships: BulkMembershipsBody;
}

/** The schema of each upload kind's body. */
export const BULK_BODY_SCHEMAS: { [K in UploadKind]: z.ZodType<UploadBodies[K]> } = {
  upsertUsers: BulkUpsertUsersBody,
  deleteUsers: BulkDeleteUsersBody,
  upsertGroups: BulkUpsertGroupsBody,
  deleteGroups: BulkDeleteGroupsBody,
  upsertMemberships: BulkMembershipsBody,
  deleteMemberships: BulkMembershipsBody,
};

/** URL path segment of each upload kind under `…/sessions/{sessionId}/`. */
export const UPLOAD_PATHS: Record<UploadKind, string> = {
  upsertUsers: "bulk-upsert",
  deleteUsers: "bulk-delete",
  upsertGroups: "bulk-groups-upsert",
  deleteGroups: "bulk-groups-delete",
  upsertMemberships: "bulk-group-memberships-upsert",
  deleteMemberships: "bulk-group-memberships-delete",
};
