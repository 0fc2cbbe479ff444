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
 * The six bulk upload bodies, strict: this is what we send (docs/okta-api.md#bulk-bodies). The planner builds them; the
 * client checks each against its schema before sending (`UPLOAD_KIND_SPECS`, upload-kinds.ts), so a malformed body fails
 * without spending one of the session's 50 uploads. No stricter than Okta: user profiles need no
 * `userName`/`email` here. Each top-level array holds 1–200 entries (SPEC `maxItems: 200` for groups and
 * memberships; GUIDE "up to 200 user profiles" for users). Fitting uploads into the limits (entities,
 * member ids, bytes) is the planner's job (`limits.ts`); these bounds only stop a body Okta must refuse.
 */

/** An upload's entries: 1 to `MAX_ENTITIES_PER_UPLOAD`. */
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

export const BulkDeleteGroupsBody = z.strictObject({
  externalIds: entries(GroupExternalId),
});

export const BulkMembershipsBody = z.strictObject({
  memberships: entries(
    z.strictObject({
      groupExternalId: GroupExternalId,
      memberExternalIds: z.array(MemberExternalId).min(1),
    }),
  ),
});
