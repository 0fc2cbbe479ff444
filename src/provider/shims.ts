/**
 * The only code serialized into state: per kind, methods that load `pulumi-okta-identity-source/provider` when
 * called. Only the kind name is captured: a few KB, the same in every install layout, working with newer releases.
 * NEVER rename the subpath or the kind names: state written by every earlier release calls them.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The resource kinds the provider entry point dispatches to (`kinds` in `src/provider/index.ts`). */
export type ResourceKind =
  "IdentitySourceUser" | "IdentitySourceGroup" | "IdentitySourceGroupMembership" | "IdentitySourceImport";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call */
function shimFor(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  // Resolved from the Pulumi project's node_modules when the host runs the method, never at serialization.
  const load = () => require("pulumi-okta-identity-source/provider");
  return {
    configure: async (req) => load().configure(req),
    check: async (olds, news) => load().kinds[kind].check(olds, news),
    diff: async (id, olds, news) => load().kinds[kind].diff(id, olds, news),
    create: async (inputs) => load().kinds[kind].create(inputs),
    read: async (id, props) => load().kinds[kind].read(id, props),
    update: async (id, olds, news) => load().kinds[kind].update(id, olds, news),
    delete: async (id, props) => load().kinds[kind].delete(id, props),
  };
}
/* eslint-enable */

// One shared object per kind: the SDK caches serialization by object identity.
export const identitySourceUserShim = shimFor("IdentitySourceUser");
export const identitySourceGroupShim = shimFor("IdentitySourceGroup");
export const identitySourceGroupMembershipShim = shimFor("IdentitySourceGroupMembership");
export const identitySourceImportShim = shimFor("IdentitySourceImport");
