import { z } from "zod";
import {
  BulkGroupProfileInput,
  BulkUserProfileInput,
  GroupExternalId,
  MemberExternalId,
  UserExternalId,
} from "./profiles";

/**
 * Request bodies of the direct endpoints (docs/okta-api.md#direct-bodies), strict: the client checks each body
 * before sending it (`DIRECT_BODY_SCHEMAS`). No stricter than Okta: custom string attributes pass
 * (docs/okta-api.md#profiles), and `UserProfileInput`'s typo rule (`firstname`) is for what users write only.
 */

const required = (what: string) =>
  z.string({
    error: (issue) =>
      issue.input === undefined ? `is required by the direct ${what} endpoints` : "must be a string",
  });

/**
 * A user profile for POST/PUT: the bulk profile's attributes and limits, plus `userName` and `email`
 * required (SPEC `IdentitySourceUserProfileForUpsertRequired`).
 */
export const DirectUserProfile = z
  .object({ userName: required("user"), email: required("user") })
  .and(BulkUserProfileInput);

/** POST …/users (UserRequestSchema). */
export const CreateUserBody = z.strictObject({ externalId: UserExternalId, profile: DirectUserProfile });
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/** PUT …/users/{externalId}: replaces the profile (UserRequestSchema; Terraform also sends `externalId`). */
export const ReplaceUserBody = z.strictObject({
  externalId: UserExternalId.optional(),
  profile: DirectUserProfile,
});
export type ReplaceUserBody = z.infer<typeof ReplaceUserBody>;

/**
 * PATCH …/users/{externalId}: merges the attributes sent. SPEC reuses the "required" profile here, but a
 * merge needs none of them and the emulator (like the resources) sends partial profiles: none required.
 */
export const PatchUserBody = z.strictObject({ profile: BulkUserProfileInput });
export type PatchUserBody = z.infer<typeof PatchUserBody>;

/** POST …/groups and POST …/groups/{groupOrExternalId} (GroupsRequestSchema), custom attributes allowed. */
export const GroupBody = z.strictObject({ externalId: GroupExternalId, profile: BulkGroupProfileInput });
export type GroupBody = z.infer<typeof GroupBody>;

/** POST …/groups/{groupOrExternalId}/membership (MembershipRequestSchema). */
export const AddMemberBody = z.strictObject({ memberExternalId: MemberExternalId });

/** The schema of each direct operation's body, by client operation name. */
export const DIRECT_BODY_SCHEMAS = {
  "users.create": CreateUserBody,
  "users.replace": ReplaceUserBody,
  "users.patch": PatchUserBody,
  "groups.create": GroupBody,
  "groups.update": GroupBody,
  "memberships.add": AddMemberBody,
} as const;
