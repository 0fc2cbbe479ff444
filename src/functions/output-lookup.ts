/**
 * The `…Output` forms of the lookups. They run in the program process (not through the engine's invoke), so
 * `dependsOn` is honoured here: the lookup waits until every dependency is created, as an invoke with
 * `dependsOn` does, and stays unknown during a preview in which a dependency is not created yet. Without it,
 * "look up the members of the group this program just managed" would read Okta before the membership exists.
 */
import * as pulumi from "@pulumi/pulumi";

/** A resource is ready once Okta has it: a custom resource when its id is known, a component by its URN. */
const readinessOf = (resource: pulumi.Resource): pulumi.Output<string> =>
  pulumi.CustomResource.isInstance(resource) ? resource.id : resource.urn;

function dependenciesReady(opts: pulumi.InvokeOutputOptions | undefined): pulumi.Output<string[]> {
  return pulumi.output(opts?.dependsOn ?? []).apply((deps) => {
    const list: pulumi.Input<pulumi.Resource>[] = Array.isArray(deps) ? deps : [deps];
    return pulumi.all(list.map((dep) => pulumi.output(dep).apply(readinessOf)));
  });
}

export function outputLookup<A, R>(
  args: pulumi.Input<A>,
  opts: pulumi.InvokeOutputOptions | undefined,
  lookup: (resolved: pulumi.Unwrap<A>) => Promise<R>,
): pulumi.Output<R> {
  return pulumi
    .all([pulumi.output(args), dependenciesReady(opts)])
    .apply(([resolved]) => lookup(resolved as pulumi.Unwrap<A>));
}
