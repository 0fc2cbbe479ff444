/**
 * `pulumi-okta-identity-source/provider`: the entry point every serialized shim calls at run time inside the
 * Pulumi dynamic-provider host. A public, permanent subpath: state written by any release calls it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKindProvider } from "./kind";
import type { ResourceKind } from "./shims";
import { withNamedErrors } from "./named-errors";
import { configureFromPulumi } from "./runtime";
import { identitySourceUserKind } from "./user";
import { identitySourceGroupKind } from "./group";
import { identitySourceGroupMembershipKind } from "./group-membership";
import { identitySourceImportKind } from "./import";

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  configureFromPulumi(req.config);
}

export const kinds: Record<ResourceKind, ResourceKindProvider> = {
  IdentitySourceUser: withNamedErrors(identitySourceUserKind),
  IdentitySourceGroup: withNamedErrors(identitySourceGroupKind),
  IdentitySourceGroupMembership: withNamedErrors(identitySourceGroupMembershipKind),
  IdentitySourceImport: withNamedErrors(identitySourceImportKind),
};
