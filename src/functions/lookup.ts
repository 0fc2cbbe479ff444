import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { OktaConnection } from "../okta-connection";
import { toCheckFailures } from "../schemas/check-failures";

/**
 * The Okta connection of the program process (lookups run there, not in the provider host), configured as the
 * provider is: stack config under `okta:`, then `OKTA_*` environment variables.
 */
export const lookupConnection = new OktaConnection(() => {
  const config = new pulumi.Config("okta");
  return { get: (key) => config.get(key) };
});

/**
 * A lookup's arguments, validated before any request: a bad id fails naming the lookup, the field and the
 * rule (never the value), as `check` does for resources.
 */
export function checkedArgs<T>(lookup: string, schema: z.ZodType<T>, args: unknown): T {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const problems = toCheckFailures(result.error.issues, args).map((f) => `${f.property}: ${f.reason}`);
  throw new TypeError(`${lookup}: ${problems.join("; ")}`);
}

/** Fails a lookup of a record Okta does not have, after a missing identity source has failed naming itself. */
export async function notFound(
  lookup: string,
  identitySourceId: string,
  what: string,
  cause?: unknown,
): Promise<never> {
  await lookupConnection.confirmIdentitySource(identitySourceId);
  const message = `${lookup}: no ${what} in identity source ${identitySourceId}`;
  throw cause === undefined ? new Error(message) : new Error(message, { cause });
}

/** Okta's profile as lookups return it: string attributes only; nulls (unset attributes) dropped. */
export function profileOf(profile: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(profile)) if (value !== null) out[key] = value;
  return out;
}
