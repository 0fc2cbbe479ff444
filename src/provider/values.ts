/**
 * Small pure helpers shared by the record kinds (user, group, membership): input parsing, output shaping and
 * the diff rule. Nothing here does I/O.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { isOktaApiError } from "../client/errors";
import { type CheckFailure, toCheckFailures } from "../schemas/check-failures";
import { withReservedKeyFailures } from "../schemas/reserved-keys";
import { containsUnknown } from "../schemas/unknown";

/** Keys the host or our resource classes add to every input bag; never compared, never sent to Okta. */
export const BOOKKEEPING_KEYS: readonly string[] = ["__provider", "resourceName"];

/** `check`: validate with the strict schema; failures name the path and the rule, never the value. */
export function checkWith(
  schema: z.ZodType,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult> {
  const failures = failuresOf(schema, news);
  // The inputs are returned as given: the schema only validates, so state keeps exactly what the user wrote.
  return Promise.resolve(failures.length === 0 ? { inputs: news } : { inputs: news, failures });
}

/** The schema's failures plus reserved keys (`__proto__`…), which the schema's output no longer shows. */
function failuresOf(
  schema: z.ZodType,
  input: Record<string, unknown>,
  result: z.ZodSafeParseResult<unknown> = schema.safeParse(input),
): CheckFailure[] {
  return withReservedKeyFailures(input, result.success ? [] : toCheckFailures(result.error.issues, input));
}

/**
 * Parses inputs that `check` already accepted. A failure here means the engine skipped `check` (or state from
 * an incompatible release), so the message lists the problems the way `check` would have.
 */
export function parseInputs<T>(schema: z.ZodType<T>, raw: Record<string, unknown>, what: string): T {
  const result = schema.safeParse(raw);
  const failures = failuresOf(schema, raw, result);
  if (result.success && failures.length === 0) return result.data;
  const problems = failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
  throw new Error(`invalid ${what} arguments: ${problems || "values are not known yet"}`);
}

/**
 * Profile as compared and stored: attributes that are null, absent or empty mean "not set" in Okta (it
 * returns explicit nulls for unset attributes, and TF maps "" to null too), so all three are dropped on
 * both sides of every comparison. Keys are sorted so the stored text is stable.
 */
export function normalizeProfile(profile: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (profile === null || typeof profile !== "object") return out;
  for (const key of Object.keys(profile).sort()) {
    const value = (profile as Record<string, unknown>)[key];
    if (typeof value === "string" && value !== "") out[key] = value;
  }
  return out;
}

/** The host rejects `undefined` anywhere in a returned property bag ("Unexpected struct type"). */
export function stripUndefined<T extends Record<string, unknown>>(bag: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(bag)) {
    if (value === undefined) continue;
    out[key] =
      value !== null && typeof value === "object" && !Array.isArray(value)
        ? stripUndefined(value as Record<string, unknown>)
        : value;
  }
  return out as T;
}

/** Copies the listed keys from `from` when they are set (booleans, the resource name) into a new bag. */
export function pick(
  from: Record<string, unknown> | undefined,
  keys: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = from?.[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export interface DiffRule {
  /** Keys whose change replaces the record (compared as given). */
  replaceKeys: readonly string[];
  /** Keys whose change is an in-place update, each with the normalisation applied to both sides. */
  updateKeys: Readonly<Record<string, (value: unknown) => unknown>>;
}

/**
 * `diff`: `olds` are the stored outputs, `news` the checked inputs. A value not known yet (preview) counts
 * as changed. Every replacement deletes first: the new record would otherwise collide with the old one
 * whenever both keys name the same Okta record (an external id whose case changed, a group named by Okta id
 * instead of external id) or share a unique attribute (a user's login).
 */
export function diffWith(
  rule: DiffRule,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): pulumi.dynamic.DiffResult {
  const replaces = rule.replaceKeys.filter(
    (key) => containsUnknown(news[key]) || !jsonEqual(olds[key], news[key]),
  );
  const updates = Object.entries(rule.updateKeys).filter(
    ([key, normalize]) =>
      containsUnknown(news[key]) || !jsonEqual(normalize(olds[key]), normalize(news[key])),
  );
  if (replaces.length > 0) return { changes: true, replaces, deleteBeforeReplace: true };
  return { changes: updates.length > 0 };
}

/** `undefined` and `false` are the same setting for an optional boolean that defaults to false. */
export const flag = (value: unknown): boolean => value === true;
/** For an optional boolean that defaults to true. */
export const flagDefaultTrue = (value: unknown): boolean => value !== false;

/** The string at `key`, or undefined. */
export function stringAt(bag: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = bag?.[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * An error the host turns into a partially created resource (`ErrorResourceInitFailed`): the record exists
 * in Okta, so its id and what we know of it must reach state, or the next run would try to create it again.
 * The host stores `properties` verbatim and adds the serialized provider (`__provider`) only to successful
 * results, so it is copied from the create inputs here: without it, refresh and destroy of the partially
 * created record fail with "no provider".
 */
export function partialFailure(
  message: string,
  id: string,
  properties: Record<string, unknown>,
  createInputs: Record<string, unknown>,
): Error & { id: string; properties: Record<string, unknown>; reasons: string[] } {
  return Object.assign(new Error(message), {
    id,
    properties: stripUndefined({ ...properties, __provider: createInputs["__provider"] }),
    reasons: [message],
  });
}

/** How an ambiguous failure ended, for a short line: "502", or "no answer" for a timeout or a lost connection. */
export function answerOf(error: unknown): string {
  return isOktaApiError(error) && error.status > 0 ? String(error.status) : "no answer";
}
