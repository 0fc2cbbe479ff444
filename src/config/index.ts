/**
 * Reads `okta:*` configuration (stack config in the provider, `new pulumi.Config("okta")` in a program) and
 * `OKTA_*` environment variables into validated client options. Pulumi-free: the caller adapts its config
 * object to `ConfigSource`. Secret values are never echoed in errors; only key and variable names are.
 * The keys and variables are `settings.ts`'s one table; the org and the credential resolve in their files.
 */
import { z } from "zod";
import { KNOBS, type Knob, type OktaClientOptions } from "../client/options";
import { resolveAuth } from "./credentials";
import { parse, type Field, type Layer } from "./fields";
import { resolveOrgUrl } from "./org";
import { NUMERIC_KEYS, SETTINGS, type Key, type NumericKey } from "./settings";

export { isOktaConfigError, OktaConfigError } from "./fields";
export { CONFIG_KEYS, nameSetting, type ConfigKey } from "./settings";

/** Anything with `get(key)`, keys WITHOUT namespace (`"apiToken"`): Pulumi's `req.config` wrapped, or `pulumi.Config("okta")`. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/**
 * Everything configurable, every knob filled with its default. Picked from `OktaClientOptions` (so the
 * field types and docs stay in one place) and assignable to it minus the test hooks; `test/config.test.ts`
 * proves that at compile time.
 */
export type ResolvedOktaConfig = Required<Pick<OktaClientOptions, "orgUrl" | "auth" | Knob>>;

/**
 * Resolves configuration (`docs/configuration-precedence.md`): each knob from `source` first, then its
 * environment variable. The org and the credential are each read as a whole from one place: from stack
 * config if it sets any key of the group, else from the environment; a stack credential is never completed
 * with environment parts. So stack `okta:orgUrl` with `OKTA_API_TOKEN` in the environment works (typical CI),
 * and a stray `OKTA_API_TOKEN` does not conflict with `okta:accessToken`.
 * @throws OktaConfigError with the key and variable to set, never a secret value.
 */
export function resolveOktaConfig(
  source: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedOktaConfig {
  const layer = (from: Layer, key: Key): Field | undefined => {
    const raw = from === "config" ? source?.get(key) : env[SETTINGS[key].env];
    const value = raw?.trim();
    return value === undefined || value === "" ? undefined : { key, value, from };
  };
  const orgUrl = resolveOrgUrl(layer);
  const auth = resolveAuth(layer);
  // Each client option from its key: a whole number, or seconds converted to whole milliseconds.
  const knobs = NUMERIC_KEYS.map((key) => {
    const { option, unit } = SETTINGS[key].knob!;
    const f = layer("config", key) ?? layer("env", key);
    if (f === undefined) return [option, KNOBS[option].default];
    return [option, parse(unit === "seconds" ? milliseconds(key) : wholeNumber(key), f)];
  });
  return { orgUrl, auth, ...(Object.fromEntries(knobs) as Record<Knob, number>) };
}

const NUMBER_TEXT = /^[+]?(\d+(\.\d*)?|\.\d+)$/;
function wholeNumber(key: NumericKey): z.ZodType<number> {
  const { min, max } = SETTINGS[key].knob!.range;
  const rule = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^[+]?\d+$/, rule)
    .transform(Number)
    .pipe(z.number().min(min, rule).max(max, rule));
}
/** Seconds → whole milliseconds, range-checked after rounding (so 0.0001 s cannot become a 0 ms timeout). */
function milliseconds(key: NumericKey): z.ZodType<number> {
  const { option, range } = SETTINGS[key].knob!;
  const rule = `must be a number of seconds from ${range.min} to ${range.max}`;
  return z
    .string()
    .regex(NUMBER_TEXT, rule)
    .transform((text) => Math.round(Number(text) * 1000))
    .pipe(z.number().min(KNOBS[option].min, rule).max(KNOBS[option].max, rule));
}
