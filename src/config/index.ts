/** Pulumi-free: the caller adapts its config object to `ConfigSource`. */
import { z } from "zod";
import { KNOBS, type Knob, type OktaClientOptions } from "../client/options";
import { resolveAuth } from "./credentials";
import { parse, type Field, type Layer } from "./fields";
import { resolveOrgUrl } from "./org";
import { NUMERIC_KEYS, SETTINGS, type Key, type NumericKey } from "./settings";

export { isOktaConfigError, OktaConfigError } from "./error";
export { CONFIG_KEYS, nameSetting, type ConfigKey } from "./settings";

/** Anything with `get(key)`, keys WITHOUT namespace (`"apiToken"`): Pulumi's `req.config` wrapped, or `pulumi.Config("okta")`. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/** Every knob filled with its default; `test/config.test.ts` proves it assignable to `OktaClientOptions`. */
export type ResolvedOktaConfig = Required<Pick<OktaClientOptions, "orgUrl" | "auth" | Knob>>;

/**
 * Each knob from `source`, else its environment variable; the org and the credential each wholly from one
 * of them (docs/configuration-precedence.md).
 * @throws OktaConfigError with the key and variable to set, never a secret value.
 */
export function resolveOktaConfig(
  source: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedOktaConfig {
  const layer = (from: Layer, key: Key): Field | undefined => {
    const value = (from === "config" ? source?.get(key) : env[SETTINGS[key].env])?.trim();
    return value ? { key, value, from } : undefined;
  };
  const orgUrl = resolveOrgUrl(layer);
  const auth = resolveAuth(layer);
  const knobs = NUMERIC_KEYS.map((key) => {
    const { option } = SETTINGS[key].knob!;
    const f = layer("config", key) ?? layer("env", key);
    return [option, f === undefined ? KNOBS[option].default : parse(numberOf(key), f)];
  });
  return { orgUrl, auth, ...(Object.fromEntries(knobs) as Record<Knob, number>) };
}

// A whole number, or seconds as whole ms, checked against the client's range after rounding (0.0001 s
// cannot become a 0 ms timeout).
function numberOf(key: NumericKey): z.ZodType<number> {
  const { option, unit, range } = SETTINGS[key].knob!;
  const seconds = unit === "seconds";
  const rule = `must be a ${seconds ? "number of seconds" : "whole number"} from ${range.min} to ${range.max}`;
  return z
    .string()
    .regex(seconds ? /^[+]?(\d+(\.\d*)?|\.\d+)$/ : /^[+]?\d+$/, rule)
    .transform((text) => (seconds ? Math.round(Number(text) * 1000) : Number(text)))
    .pipe(z.number().min(KNOBS[option].min, rule).max(KNOBS[option].max, rule));
}
