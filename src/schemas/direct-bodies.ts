import { z } from "zod";
import {
  BulkGroupProfileInput,
  BulkUserProfileInput,
  GroupExternalId,
  MemberExternalId,
  UserExternalId,
} from "./profiles";

// Direct endpoints' bodies (docs/okta-api.md#direct-bodies), strict; the client checks each before sending. No
// stricter than Okta: custom string attributes pass (docs/okta-api.md#profiles), no typo rule (`firstname`).

const required = (what: string) =>
  z.string({
    error: (issue) =>
      issue.input === undefined ? `is required by the direct ${what} endpoints` : "must be a string",
  });

/** POST/PUT: the bulk profile plus `userName` and `email` required (SPEC `IdentitySourceUserProfileForUpsertRequired`). */
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

/** PATCH …/users/{externalId}: merges. SPEC reuses the "required" profile, but a merge (partial) needs none. */
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
