import { z } from "zod";
import { GroupExternalIdInPath, GroupProfileInput, IdentitySourceId } from "./profiles";

/** The inputs of `IdentitySourceGroup` as the provider receives them. Strict; see `user-args.ts`. */
export const IdentitySourceGroupInputs = z.strictObject({
  identitySourceId: IdentitySourceId,
  externalId: GroupExternalIdInPath,
  profile: GroupProfileInput,
  adoptExisting: z.boolean().optional(),
  resourceName: z.string().optional(),
  __provider: z.string().optional(),
});
export type IdentitySourceGroupInputs = z.infer<typeof IdentitySourceGroupInputs>;
