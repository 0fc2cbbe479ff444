/**
 * Provider output reaches the terminal without a resource URN, so every line names the resource. Lines never
 * contain payloads, profiles, headers or tokens.
 */

/** The input key under which each resource class passes its Pulumi name (not an argument). */
export const RESOURCE_NAME_KEY = "resourceName";

export function resourceNameOf(inputs: Record<string, unknown> | undefined): string {
  const name = inputs?.[RESOURCE_NAME_KEY];
  return typeof name === "string" && name !== "" ? name : "okta-identity-source";
}

/** Progress and information: stdout, shown by the CLI as info. */
export function logInfo(resourceName: string, message: string): void {
  console.log(`${resourceName}: ${message}`);
}
