// Lookups run in the program, not through the engine's invoke, so `dependsOn` is honoured here as an invoke
// does (wait for creation; unknown in preview until then): else reading a group's members this program just
// managed would read Okta before the membership exists.
import * as pulumi from "@pulumi/pulumi";

type Expand = (resources: Set<pulumi.Resource>, exclude: Set<pulumi.Resource>) => Promise<pulumi.Resource[]>;

/**
 * A `dependsOn` list's resources, a component standing for its children as in an invoke: the SDK's own expansion
 * (`runtime/dependsOn`, internal but what invokes call) where present; an older SDK waits for the entries given.
 */
async function expand(resources: pulumi.Resource[]): Promise<pulumi.Resource[]> {
  let sdk: { getAllTransitivelyReferencedResources?: Expand } = {};
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional internal module of the peer SDK
    sdk = require("@pulumi/pulumi/runtime/dependsOn") as typeof sdk;
  } catch {} // an older SDK
  return sdk.getAllTransitivelyReferencedResources?.(new Set(resources), new Set()) ?? resources;
}

/** Every dependency ready: a custom resource once its id is known (Okta has it), another by its URN. */
function dependenciesReady(opts: pulumi.InvokeOutputOptions | undefined): pulumi.Output<string[]> {
  return pulumi
    .output(opts?.dependsOn ?? [])
    .apply((deps) => expand(Array.isArray(deps) ? deps : [deps]))
    .apply((resources) =>
      pulumi.all(resources.map((r) => (pulumi.CustomResource.isInstance(r) ? r.id : r.urn))),
    );
}

/** A lookup's arguments, each a `pulumi.Input`. */
export type InputsOf<A> = { [K in keyof A]: pulumi.Input<A[K]> };

/** The `…Output` form of a lookup: it takes `pulumi.Input`s and waits for `dependsOn`. */
export function outputForm<A, R>(
  lookup: (args: A, opts?: pulumi.InvokeOptions) => Promise<R>,
): (args: InputsOf<A>, opts?: pulumi.InvokeOutputOptions) => pulumi.Output<R> {
  return (args, opts) =>
    pulumi
      .all([pulumi.output(args), dependenciesReady(opts)])
      .apply(([resolved]) => lookup(resolved as A, opts));
}
