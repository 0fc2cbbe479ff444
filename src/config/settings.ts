import { KNOBS, type ClientSetting, type Knob } from "../client/options";

type Unit = "count" | "seconds";

/** One row of the configuration table (docs/configuration.md). */
export interface ConfigKey {
  /** Key under the `okta:` namespace. */
  key: string;
  /** Environment variable read when the key is not in stack config. */
  env: string;
  /** Set it with `pulumi config set --secret`. */
  secret: boolean;
  /** Default as a user would write it; absent when there is none. */
  default?: string;
  description: string;
}

interface Setting extends Omit<ConfigKey, "key" | "secret"> {
  secret?: boolean;
  /** For a numeric key: the client option it sets, in which unit, and its range in that unit. */
  knob?: { option: Knob; unit: Unit; range: { min: number; max: number } };
}

/** A numeric key: range and default come from the client's `KNOBS`, so config never accepts what it refuses. */
function knob(env: string, option: Knob, describe: (range: string, max: number) => string) {
  const unit: Unit = option.endsWith("Ms") ? "seconds" : "count"; // an option in milliseconds is set in seconds
  const scale = unit === "seconds" ? 1000 : 1;
  const { min, max, default: def } = KNOBS[option];
  const range = { min: min / scale, max: max / scale };
  const description = describe(`${range.min}–${range.max}`, range.max);
  return { env, description, default: String(def / scale), knob: { option, unit, range } };
}

export const DEFAULT_SCOPES = ["okta.identitySources.read", "okta.identitySources.manage"];

// Every `okta:` key in docs/configuration.md's table order (a test keeps them equal), with its environment
// variable: the names of `@pulumi/okta`, plus ours.
const TABLE = {
  orgUrl: {
    env: "OKTA_ORG_URL",
    description: "Full org URL (`https://dev-123.okta.com`); wins over orgName. `http://` only for loopback.",
  },
  orgName: { env: "OKTA_ORG_NAME", description: "Org subdomain (`dev-123`), combined with baseUrl." },
  baseUrl: {
    env: "OKTA_BASE_URL",
    default: "okta.com",
    description: "Org domain (`okta.com`, `oktapreview.com`, `okta-emea.com`).",
  },
  apiToken: { env: "OKTA_API_TOKEN", secret: true, description: "API token, sent as `SSWS <token>`." },
  accessToken: {
    env: "OKTA_ACCESS_TOKEN",
    secret: true,
    description: "Ready-made OAuth 2.0 access token, sent as `Bearer <token>`.",
  },
  clientId: {
    env: "OKTA_API_CLIENT_ID",
    description: "Client id of an OAuth service app, for private-key JWT auth.",
  },
  privateKey: {
    env: "OKTA_API_PRIVATE_KEY",
    secret: true,
    description:
      "The service app's private key (RSA of 2048 bits or more, or EC on P-256/384/521): PKCS#1, SEC1 or PKCS#8 PEM text, or a path to a PEM file.",
  },
  privateKeyId: {
    env: "OKTA_API_PRIVATE_KEY_ID",
    description: "`kid` of the private key (needed when the app has several keys).",
  },
  scopes: {
    env: "OKTA_API_SCOPES",
    default: DEFAULT_SCOPES.join(","),
    description: "Scopes to request: comma- or space-separated, or a JSON array.",
  },
  maxRetries: knob(
    "OKTA_MAX_RETRIES",
    "maxRetries",
    (span) => `Retries after the first attempt, for 429, 5xx and network errors (${span}).`,
  ),
  requestTimeoutSeconds: knob(
    "OKTA_REQUEST_TIMEOUT",
    "perAttemptTimeoutMs",
    (_, max) => `Timeout of one HTTP attempt, in seconds (at most ${max}).`,
  ),
  operationTimeoutSeconds: knob(
    "OKTA_OPERATION_TIMEOUT",
    "operationTimeoutMs",
    () => "Deadline of one API call including retries and waits, in seconds.",
  ),
  maxRateLimitWaitSeconds: knob(
    "OKTA_MAX_RATE_LIMIT_WAIT",
    "maxRateLimitWaitMs",
    (span) => `Longest wait for a rate-limit window to reset, in seconds (${span}).`,
  ),
  maxApiCapacity: knob(
    "OKTA_MAX_API_CAPACITY",
    "maxApiCapacityPercent",
    (span) => `Percent (${span}) of each rate-limit bucket this provider may use.`,
  ),
} satisfies Record<string, Setting>;

export type Key = keyof typeof TABLE;
export type NumericKey = { [K in Key]: (typeof TABLE)[K] extends { knob: object } ? K : never }[Key];
export const SETTINGS: Record<Key, Setting> = TABLE;
export const KEYS = Object.keys(TABLE) as Key[];
export const NUMERIC_KEYS = KEYS.filter((key): key is NumericKey => SETTINGS[key].knob !== undefined);

/** Every key we read, in docs/configuration.md's table order. */
export const CONFIG_KEYS: readonly ConfigKey[] = KEYS.map((key) => {
  const { knob: _, secret = false, ...row } = SETTINGS[key];
  return { key, secret, ...row };
});

/** How users set what a client hint names (`OktaClientOptions.nameSetting`): key and variable, not option. */
export function nameSetting(setting: ClientSetting): string {
  const key = KEYS.find((k) => k === setting || SETTINGS[k].knob?.option === setting)!;
  const { env } = SETTINGS[key];
  if (setting === "apiToken" || setting === "accessToken") return `stack config okta:${key} or env ${env}`;
  return setting === "orgUrl"
    ? `okta:orgUrl / ${env}, or okta:orgName + okta:baseUrl`
    : `okta:${key} / ${env}`;
}
