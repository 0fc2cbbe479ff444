import { z } from "zod";
import { DOT_SEGMENT_REASON, hasPathSeparator, isDotSegment, PATH_SEPARATOR_REASON } from "./path-ids";
import {
  GroupExternalIdInPath,
  GroupProfileInput,
  IdentitySourceId,
  MemberExternalIdInPath,
  UserExternalIdInPath,
  UserProfileInput,
} from "./profiles";

// Record resources' inputs as the provider gets them (resolved, unwrapped); strict: a typo fails at preview.
// Added: `resourceName` (the provider's message prefix) and `__provider` (the host's serialized shim).
const ADDED = { resourceName: z.string().optional(), __provider: z.string().optional() };

export const IdentitySourceUserInputs = z.strictObject({
  identitySourceId: IdentitySourceId,
  externalId: UserExternalIdInPath,
  profile: UserProfileInput,
  adoptExisting: z.boolean().optional(),
  secretProfile: z.boolean().optional(),
  ...ADDED,
});
export type IdentitySourceUserInputs = z.infer<typeof IdentitySourceUserInputs>;

export const IdentitySourceGroupInputs = z.strictObject({
  identitySourceId: IdentitySourceId,
  externalId: GroupExternalIdInPath,
  profile: GroupProfileInput,
  adoptExisting: z.boolean().optional(),
  ...ADDED,
});

/** `groupOrExternalId`: an Okta group id (`00g…`) or external id, as the API takes; both ≤ 255. */
export const IdentitySourceGroupMembershipInputs = z.strictObject({
  identitySourceId: IdentitySourceId,
  groupOrExternalId: GroupExternalIdInPath,
  memberExternalId: MemberExternalIdInPath,
  ...ADDED,
});

/** The lookups' arguments (`src/functions/`), checked before any request with the same id rules. */
export const UserLookupArgs = z.object({
  identitySourceId: IdentitySourceId,
  externalId: UserExternalIdInPath,
});
export const GroupLookupArgs = z.object({
  identitySourceId: IdentitySourceId,
  externalId: GroupExternalIdInPath,
});
export const MembershipsLookupArgs = z.object({
  identitySourceId: IdentitySourceId,
  groupExternalId: GroupExternalIdInPath,
});

/** A session id (`aps…`); empty means "no session id", as `@pulumi/okta` treats it. */
const SessionId = z
  .string()
  .refine((value) => !isDotSegment(value), DOT_SEGMENT_REASON)
  .refine((value) => !hasPathSeparator(value), PATH_SEPARATOR_REASON);

export const SessionsLookupArgs = z.object({
  identitySourceId: IdentitySourceId,
  sessionId: SessionId.optional(),
});
