import { z } from "zod";
import { IdentitySourceId, UserExternalIdInPath, UserProfileInput } from "./profiles";

/**
 * The inputs of `IdentitySourceUser` as the provider receives them (resolved, secrets unwrapped). Strict, so
 * a misspelt argument fails at preview. `resourceName` is the hidden input each resource class adds so the
 * provider can prefix its messages; `__provider` is the serialized shim the host adds to every call.
 */
export const IdentitySourceUserInputs = z.strictObject({
  identitySourceId: IdentitySourceId,
  externalId: UserExternalIdInPath,
  profile: UserProfileInput,
  adoptExisting: z.boolean().optional(),
  secretProfile: z.boolean().optional(),
  resourceName: z.string().optional(),
  __provider: z.string().optional(),
});
export type IdentitySourceUserInputs = z.infer<typeof IdentitySourceUserInputs>;
