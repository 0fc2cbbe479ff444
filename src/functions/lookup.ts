import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { OktaConnection } from "../okta-connection";
import { toCheckFailures } from "../schemas/check-failures";

/** The program process's Okta connection (lookups run there), configured as the provider: `okta:`, then `OKTA_*`. */
export const lookupConnection = new OktaConnection(() => {
  const config = new pulumi.Config("okta");
  return { get: (key) => config.get(key) };
});

/** Validated before any request: a bad id fails naming the lookup, field and rule (never the value), as `check`. */
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

/** `value` without its undefined keys: lookups' results leave unset fields absent. */
export const definedOnly = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Defined<T>;
type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Okta's profile as lookups return it: string attributes only; nulls (unset attributes) dropped. */
export const profileOf = (profile: Record<string, string | null>) =>
  Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== null)) as Record<string, string>;
