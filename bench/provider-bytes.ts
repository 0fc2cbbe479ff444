/**
 * `provider-bytes`: the provider text the Pulumi SDK stores with every resource of a kind (`__provider`),
 * serialized the way `pulumi.dynamic.Resource` does it (`serializeFunction(() => provider)`).
 */
import {
  identitySourceGroupMembershipShim,
  identitySourceGroupShim,
  identitySourceImportShim,
  identitySourceUserShim,
} from "../src/provider/shims";
import { type Figure, report } from "./bench";

const LIMIT = 4096;

const SHIMS = {
  IdentitySourceUser: identitySourceUserShim,
  IdentitySourceGroup: identitySourceGroupShim,
  IdentitySourceGroupMembership: identitySourceGroupMembershipShim,
  IdentitySourceImport: identitySourceImportShim,
};

export const figures: Figure[] = [
  {
    name: "provider-bytes",
    async run() {
      // The SDK loads this module itself, on demand, for the same purpose.
      const { serializeFunction } = (await import("@pulumi/pulumi/runtime/closure/serializeClosure")) as {
        serializeFunction: (fn: () => unknown, args: { allowSecrets: boolean }) => Promise<{ text: string }>;
      };
      for (const [resource, shim] of Object.entries(SHIMS)) {
        const { text } = await serializeFunction(() => shim, { allowSecrets: true });
        const bytes = Buffer.byteLength(text);
        report("provider-bytes", { resource, bytes }, { goal: `bytes <= ${LIMIT}`, met: bytes <= LIMIT });
      }
    },
  },
];
