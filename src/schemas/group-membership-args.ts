import { z } from "zod";
import { GroupExternalIdInPath, IdentitySourceId, MemberExternalIdInPath } from "./profiles";

/**
 * The inputs of `IdentitySourceGroupMembership`. `groupOrExternalId` accepts an Okta group id (`00g…`) or the
 * group's external id, as the API does; both are bounded by the external-id limit (255).
 */
export const IdentitySourceGroupMembershipInputs = z.strictObject({
  identitySourceId: IdentitySourceId,
  groupOrExternalId: GroupExternalIdInPath,
  memberExternalId: MemberExternalIdInPath,
  resourceName: z.string().optional(),
  __provider: z.string().optional(),
});
export type IdentitySourceGroupMembershipInputs = z.infer<typeof IdentitySourceGroupMembershipInputs>;
