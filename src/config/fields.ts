import type { z } from "zod";
import { OktaConfigError } from "./error";
import { SETTINGS, type Key } from "./settings";

export type Layer = "config" | "env";
/** A value as read from one layer. */
export interface Field {
  key: Key;
  value: string;
  from: Layer;
}
/** Reads one key from one layer; undefined when unset or blank. */
export type LayerFn = (from: Layer, key: Key) => Field | undefined;

/** Where a value came from, as the user would name it. */
export const label = (f: Field): string =>
  f.from === "config" ? `okta:${f.key}` : `${SETTINGS[f.key].env} (environment)`;

/** The layer a group of keys is read from as a whole: stack config if it sets any of them, else the environment. */
export function groupLayer(layer: LayerFn, keys: readonly Key[]): Layer {
  return keys.some((key) => layer("config", key) !== undefined) ? "config" : "env";
}

export function parse<T>(schema: z.ZodType<T>, f: Field): T {
  const result = schema.safeParse(f.value);
  if (result.success) return result.data;
  const reason = result.error.issues[0]?.message ?? "is invalid";
  const shown = echo(f);
  const got = shown === undefined ? "" : ` (got ${JSON.stringify(shown.slice(0, 80))})`;
  throw new OktaConfigError(`${label(f)} ${reason}${got}.`, [`okta:${f.key}`]);
}

// What of a bad value errors show, to make typos obvious: nothing of a secret or of an org name/domain with
// `@` (user info); only `protocol//host` of an org URL (the rest may carry a token); other values as given.
function echo(f: Field): string | undefined {
  if (SETTINGS[f.key].secret) return undefined;
  if (f.key === "orgUrl") {
    if (!URL.canParse(f.value)) return undefined;
    const url = new URL(f.value);
    return url.host === "" ? undefined : `${url.protocol}//${url.host}`;
  }
  return f.value.includes("@") ? undefined : f.value;
}
