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
const DirectUserProfile = z
  .object({ userName: required("user"), email: required("user") })
  .and(BulkUserProfileInput);

const GroupBody = z.strictObject({ externalId: GroupExternalId, profile: BulkGroupProfileInput });
export type GroupBody = z.infer<typeof GroupBody>;

/** The schema of each direct operation's body, by client operation name. */
export const DIRECT_BODY_SCHEMAS = {
  /** POST …/users (UserRequestSchema). */
  "users.create": z.strictObject({ externalId: UserExternalId, profile: DirectUserProfile }),
  /** PUT …/users/{externalId}: replaces the profile (UserRequestSchema; Terraform also sends `externalId`). */
  "users.replace": z.strictObject({ externalId: UserExternalId.optional(), profile: DirectUserProfile }),
  /** PATCH …/users/{externalId}: merges. SPEC reuses the "required" profile, but a merge (partial) needs none. */
  "users.patch": z.strictObject({ profile: BulkUserProfileInput }),
  /** POST …/groups and POST …/groups/{groupOrExternalId} (GroupsRequestSchema), custom attributes allowed. */
  "groups.create": GroupBody,
  "groups.update": GroupBody,
  /** POST …/groups/{groupOrExternalId}/membership (MembershipRequestSchema). */
  "memberships.add": z.strictObject({ memberExternalId: MemberExternalId }),
} as const;

type BodyOf<K extends keyof typeof DIRECT_BODY_SCHEMAS> = z.infer<(typeof DIRECT_BODY_SCHEMAS)[K]>;
export type CreateUserBody = BodyOf<"users.create">;
export type ReplaceUserBody = BodyOf<"users.replace">;
export type PatchUserBody = BodyOf<"users.patch">;
