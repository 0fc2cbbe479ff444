/** `pulumi-okta-identity-source/provider`: what every serialized shim calls (`shims.ts`). A permanent subpath. */
import type * as pulumi from "@pulumi/pulumi";
import { createProviderContext } from "./context";
import { createGroupKind } from "./group";
import { createGroupMembershipKind } from "./group-membership";
import { createImportKind } from "./import";
import type { ResourceKindProvider } from "./kind";
import { withNamedErrors } from "./named-errors";
import type { ResourceKind } from "./shims";
import { createUserKind } from "./user";

const context = createProviderContext();

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  context.configure(req.config);
}

export const kinds: Record<ResourceKind, ResourceKindProvider> = {
  IdentitySourceUser: withNamedErrors(createUserKind(context)),
  IdentitySourceGroup: withNamedErrors(createGroupKind(context)),
  IdentitySourceGroupMembership: withNamedErrors(createGroupMembershipKind(context)),
  IdentitySourceImport: withNamedErrors(createImportKind(context)),
};
