import { z } from "zod";
import {
  GroupExternalIdInPath,
  GroupProfileInput,
  IdentitySourceId,
  MemberExternalIdInPath,
  UserExternalIdInPath,
  UserProfileInput,
} from "./profiles";

/**
 * The inputs of the record resources as the provider receives them (resolved, secrets unwrapped). Strict, so
 * a misspelt argument fails at preview. `resourceName` is the hidden input each resource class adds so the
 * provider can prefix its messages; `__provider` is the serialized shim the host adds to every call.
 */
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
export type IdentitySourceGroupInputs = z.infer<typeof IdentitySourceGroupInputs>;

/**
 * `groupOrExternalId` accepts an Okta group id (`00g…`) or the group's external id, as the API does; both are
 * bounded by the external-id limit (255).
 */
export const IdentitySourceGroupMembershipInputs = z.strictObject({
  identitySourceId: IdentitySourceId,
  groupOrExternalId: GroupExternalIdInPath,
  memberExternalId: MemberExternalIdInPath,
  ...ADDED,
});
export type IdentitySourceGroupMembershipInputs = z.infer<typeof IdentitySourceGroupMembershipInputs>;
