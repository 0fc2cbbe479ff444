/**
 * `pulumi-okta-identity-source/provider`: the entry point every serialized shim calls at run time inside the
 * Pulumi dynamic-provider host. A public, permanent subpath: state written by any release calls it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { createProviderContext } from "./context";
import { createGroupKind } from "./group";
import { createGroupMembershipKind } from "./group-membership";
import { createImportKind } from "./import";
import type { ResourceKindProvider } from "./kind";
import { withNamedErrors } from "./named-errors";
import type { ResourceKind } from "./shims";
import { createUserKind } from "./user";

/** The process's one provider context: every kind below shares it. */
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
