import { z } from "zod";
import {
  BulkUserProfileInput,
  GroupExternalId,
  BulkGroupProfileInput,
  MemberExternalId,
  UserExternalId,
} from "./profiles";
import { MAX_ENTITIES_PER_UPLOAD } from "./limits";

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
