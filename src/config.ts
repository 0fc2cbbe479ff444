/**
 * Reads `okta:*` configuration (stack config in the provider, `new pulumi.Config("okta")` in a program) and
 * `OKTA_*` environment variables into validated client options. Pulumi-free: the caller adapts its config
 * object to `ConfigSource`. Secret values are never echoed in errors; only key and variable names are.
 */
import { createPrivateKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { z } from "zod";
import { KNOB_RANGES, KNOB_SETTINGS, type OktaAuth, type OktaClientOptions } from "./client/options";
import { signingAlgorithm } from "./client/auth/signing-key";
import { isLoopbackHost } from "./client/org-url";

/** Anything with `get(key)`, keys WITHOUT namespace (`"apiToken"`): Pulumi's `req.config` wrapped, or `pulumi.Config("okta")`. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/**
 * Everything configurable, every knob filled with its default. Picked from `OktaClientOptions` (so the
 * field types and docs stay in one place) and assignable to it minus the test hooks; `test/config.test.ts`
 * proves that at compile time.
 */
export type ResolvedOktaConfig = Required<
  Pick<
    OktaClientOptions,
    | "orgUrl"
    | "auth"
    | "maxRetries"
    | "perAttemptTimeoutMs"
    | "operationTimeoutMs"
    | "maxRateLimitWaitMs"
    | "maxApiCapacityPercent"
  >
>;

const BRAND = Symbol.for("pulumi-okta-identity-source.OktaConfigError");

/** Missing, conflicting or malformed configuration. `keys` are the `okta:` keys involved. */
export class OktaConfigError extends Error {
  override readonly name = "OktaConfigError";
  readonly [BRAND] = true;
  constructor(
    message: string,
    readonly keys: readonly string[] = [],
  ) {
    super(`${message} See the "Configuration" section of the pulumi-okta-identity-source README.`);
  }
}

/** True for an `OktaConfigError`, also when it comes from another copy of this package. */
export function isOktaConfigError(error: unknown): error is OktaConfigError {
  return error instanceof Error && (error.name === "OktaConfigError" || BRAND in error);
}

/** One row of the configuration table. */
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

/** Environment variable of each `okta:` key (the same names as `@pulumi/okta`, plus ours). */
const ENV = {
  orgUrl: "OKTA_ORG_URL",
  orgName: "OKTA_ORG_NAME",
  baseUrl: "OKTA_BASE_URL",
  apiToken: "OKTA_API_TOKEN",
  accessToken: "OKTA_ACCESS_TOKEN",
  clientId: "OKTA_API_CLIENT_ID",
  privateKey: "OKTA_API_PRIVATE_KEY",
  privateKeyId: "OKTA_API_PRIVATE_KEY_ID",
  scopes: "OKTA_API_SCOPES",
  // The knobs' variables are the ones the client's error hints name.
  maxRetries: KNOB_SETTINGS.maxRetries.env,
  requestTimeoutSeconds: KNOB_SETTINGS.perAttemptTimeoutMs.env,
  operationTimeoutSeconds: KNOB_SETTINGS.operationTimeoutMs.env,
  maxRateLimitWaitSeconds: KNOB_SETTINGS.maxRateLimitWaitMs.env,
  maxApiCapacity: KNOB_SETTINGS.maxApiCapacityPercent.env,
} as const;
type Key = keyof typeof ENV;

const SECRET_KEYS: ReadonlySet<Key> = new Set<Key>(["apiToken", "accessToken", "privateKey"]);
const DEFAULT_SCOPES = ["okta.identitySources.read", "okta.identitySources.manage"];
/**
 * The numeric keys: which client option each sets and the unit users write it in. Ranges and defaults come
 * from the client's `KNOB_RANGES`, so the config never accepts a value the client would refuse.
 */
const NUMERIC = {
  maxRetries: { option: "maxRetries", unit: "count" },
  requestTimeoutSeconds: { option: "perAttemptTimeoutMs", unit: "seconds" },
  operationTimeoutSeconds: { option: "operationTimeoutMs", unit: "seconds" },
  maxRateLimitWaitSeconds: { option: "maxRateLimitWaitMs", unit: "seconds" },
  maxApiCapacity: { option: "maxApiCapacityPercent", unit: "count" },
} as const satisfies Record<string, { option: keyof typeof KNOB_RANGES; unit: "count" | "seconds" }>;
type NumericKey = keyof typeof NUMERIC;

/** Range and default of a numeric key in the unit users write (seconds for timeouts). */
function userRange(key: NumericKey): { min: number; max: number; default: number } {
  const { option, unit } = NUMERIC[key];
  const r = KNOB_RANGES[option];
  const scale = unit === "seconds" ? 1000 : 1;
  return { min: r.min / scale, max: r.max / scale, default: r.default / scale };
}
/** "min–max" of a numeric key, for the descriptions (and so the README table) to follow the ranges. */
const span = (key: NumericKey): string => `${userRange(key).min}–${userRange(key).max}`;

const DESCRIPTIONS: Record<Key, string> = {
  orgUrl: "Full org URL (`https://dev-123.okta.com`); wins over orgName. `http://` only for loopback.",
  orgName: "Org subdomain (`dev-123`), combined with baseUrl.",
  baseUrl: "Org domain (`okta.com`, `oktapreview.com`, `okta-emea.com`).",
  apiToken: "API token, sent as `SSWS <token>`.",
  accessToken: "Ready-made OAuth 2.0 access token, sent as `Bearer <token>`.",
  clientId: "Client id of an OAuth service app, for private-key JWT auth.",
  privateKey:
    "The service app's private key (RSA of 2048 bits or more, or EC on P-256/384/521): PKCS#1 or PKCS#8 PEM text, or a path to a PEM file.",
  privateKeyId: "`kid` of the private key (needed when the app has several keys).",
  scopes: "Scopes to request: comma- or space-separated, or a JSON array.",
  maxRetries: `Retries after the first attempt, for 429, 5xx and network errors (${span("maxRetries")}).`,
  requestTimeoutSeconds: `Timeout of one HTTP attempt, in seconds (at most ${userRange("requestTimeoutSeconds").max}).`,
  operationTimeoutSeconds: "Deadline of one API call including retries and waits, in seconds.",
  maxRateLimitWaitSeconds: `Longest wait for a rate-limit window to reset, in seconds (${span("maxRateLimitWaitSeconds")}).`,
  maxApiCapacity: `Percent (${span("maxApiCapacity")}) of each rate-limit bucket this provider may use.`,
};

function defaultText(key: Key): string | undefined {
  if (key === "baseUrl") return "okta.com";
  if (key === "scopes") return DEFAULT_SCOPES.join(",");
  return key in NUMERIC ? String(userRange(key as NumericKey).default) : undefined;
}

/** Every key we read, in README table order. */
export const CONFIG_KEYS: readonly ConfigKey[] = (Object.keys(ENV) as Key[]).map((key) => {
  const def = defaultText(key);
  const row = { key, env: ENV[key], secret: SECRET_KEYS.has(key), description: DESCRIPTIONS[key] };
  return def === undefined ? row : { ...row, default: def };
});

type Layer = "config" | "env";
interface Field {
  key: Key;
  value: string;
  from: Layer;
}

/** Where a value came from, as the user would name it. */
const label = (f: Field): string => (f.from === "config" ? `okta:${f.key}` : `${ENV[f.key]} (environment)`);

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
    const raw = from === "config" ? source?.get(key) : env[ENV[key]];
    const value = raw?.trim();
    return value === undefined || value === "" ? undefined : { key, value, from };
  };
  const get = (key: Key): Field | undefined => layer("config", key) ?? layer("env", key);
  /** The client option's value: a whole number, or seconds converted to whole milliseconds. */
  const num = (key: NumericKey): number => {
    const f = get(key);
    const { option, unit } = NUMERIC[key];
    if (f === undefined) return KNOB_RANGES[option].default;
    return parse(unit === "seconds" ? millisecondsFromSeconds(key) : wholeNumber(key), f);
  };
  return {
    orgUrl: resolveOrgUrl(layer),
    auth: resolveAuth(layer),
    maxRetries: num("maxRetries"),
    perAttemptTimeoutMs: num("requestTimeoutSeconds"),
    operationTimeoutMs: num("operationTimeoutSeconds"),
    maxRateLimitWaitMs: num("maxRateLimitWaitSeconds"),
    maxApiCapacityPercent: num("maxApiCapacity"),
  };
}

type LayerFn = (from: Layer, key: Key) => Field | undefined;

function parse<T>(schema: z.ZodType<T>, f: Field): T {
  const result = schema.safeParse(f.value);
  if (result.success) return result.data;
  const reason = result.error.issues[0]?.message ?? "is invalid";
  const shown = echo(f);
  const got = shown === undefined ? "" : ` (got ${JSON.stringify(shown.slice(0, 80))})`;
  throw new OktaConfigError(`${label(f)} ${reason}${got}.`, [`okta:${f.key}`]);
}

/**
 * What of a bad value an error may show, to make typos obvious: nothing of a secret; only `protocol//host`
 * of an org URL (its user info, path or query may carry a token); nothing of an org name or domain that
 * carries `@` (user info); other values as given.
 */
function echo(f: Field): string | undefined {
  if (SECRET_KEYS.has(f.key)) return undefined;
  if (f.key === "orgUrl") {
    try {
      const url = new URL(f.value);
      return url.host === "" ? undefined : `${url.protocol}//${url.host}`;
    } catch {
      return undefined;
    }
  }
  return f.value.includes("@") ? undefined : f.value;
}

const NUMBER_TEXT = /^[+]?(\d+(\.\d*)?|\.\d+)$/;
function wholeNumber(key: NumericKey): z.ZodType<number> {
  const { min, max } = userRange(key);
  const rule = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^[+]?\d+$/, rule)
    .transform(Number)
    .pipe(z.number().min(min, rule).max(max, rule));
}
/** Seconds → whole milliseconds, range-checked after rounding (so 0.0001 s cannot become a 0 ms timeout). */
function millisecondsFromSeconds(key: NumericKey): z.ZodType<number> {
  const { min, max } = KNOB_RANGES[NUMERIC[key].option];
  const rule = `must be a number of seconds from ${span(key).replace("–", " to ")}`;
  return z
    .string()
    .regex(NUMBER_TEXT, rule)
    .transform((text) => Math.round(Number(text) * 1000))
    .pipe(z.number().min(min, rule).max(max, rule));
}

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const ADMIN_HINT = "is the Admin Console domain; the Okta API is served on the org domain without `-admin`";

/** Full URL → origin; https unless loopback; no credentials; no `-admin` host. */
const OrgUrl = z.string().transform((text, ctx) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    ctx.addIssue({ code: "custom", message: "must be a full URL such as https://dev-123.okta.com" });
    return z.NEVER;
  }
  const loopback = isLoopbackHost(url.hostname);
  const fail = (message: string): never => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  if (url.username !== "" || url.password !== "") return fail("must not contain credentials");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    return fail("must use https:// (plain http:// is allowed only for localhost/127.0.0.0/8/::1)");
  const first = url.hostname.split(".")[0] ?? "";
  if (first.toLowerCase().endsWith("-admin"))
    return fail(`${ADMIN_HINT} (use ${first.slice(0, -6)}${url.hostname.slice(first.length)})`);
  return url.origin;
});
const OrgName = z
  .string()
  .refine((s) => !s.toLowerCase().endsWith("-admin"), `${ADMIN_HINT} (drop "-admin")`)
  .refine(
    (s) => DNS_LABEL.test(s),
    "must be the org subdomain only (`dev-123`); put the domain in okta:baseUrl or use okta:orgUrl",
  );
const BaseUrl = z
  .string()
  .regex(
    /^[a-z0-9.-]+\.[a-z]{2,}$/i,
    "must be a domain such as okta.com or oktapreview.com (no scheme, no path)",
  );

const ORG_KEYS: readonly Key[] = ["orgUrl", "orgName", "baseUrl"];

/** The layer a group of keys is read from as a whole: stack config if it sets any of them, else the environment. */
function groupLayer(layer: LayerFn, keys: readonly Key[]): Layer {
  return keys.some((key) => layer("config", key) !== undefined) ? "config" : "env";
}

function resolveOrgUrl(layer: LayerFn): string {
  const from = groupLayer(layer, ORG_KEYS);
  const other: Layer = from === "config" ? "env" : "config";
  const names = layer(from, "orgUrl") !== undefined || layer(from, "orgName") !== undefined;
  if (from === "config" && !names) {
    throw new OktaConfigError(
      "okta:baseUrl is set in stack config but okta:orgName (or okta:orgUrl) is not. The org is read wholly " +
        "from stack config when it sets any org key, so OKTA_ORG_URL / OKTA_ORG_NAME in the environment are not " +
        "used: set okta:orgName, or remove okta:baseUrl from stack config.",
      ["okta:baseUrl", "okta:orgName", "okta:orgUrl"],
    );
  }
  if (
    from === "config" &&
    layer(from, "orgName") !== undefined &&
    layer(from, "baseUrl") === undefined &&
    layer(other, "baseUrl") !== undefined
  ) {
    // Silently using okta.com here could point at another org than the one OKTA_BASE_URL suggests.
    throw new OktaConfigError(
      "okta:orgName is set in stack config but its domain is only in OKTA_BASE_URL (environment), which is not " +
        "used: the org is read wholly from stack config. Set okta:baseUrl (okta.com is the default) or okta:orgUrl.",
      ["okta:orgName", "okta:baseUrl"],
    );
  }
  if (!names) {
    throw new OktaConfigError(
      "No Okta org: set `pulumi config set okta:orgUrl https://<org>.okta.com` or OKTA_ORG_URL, " +
        "or okta:orgName / OKTA_ORG_NAME (with okta:baseUrl / OKTA_BASE_URL when not okta.com).",
      ["okta:orgUrl", "okta:orgName"],
    );
  }
  const urlField = layer(from, "orgUrl");
  const nameField = layer(from, "orgName");
  const baseField = layer(from, "baseUrl");
  const fromName =
    nameField === undefined
      ? undefined
      : `https://${parse(OrgName, nameField)}.${baseField === undefined ? "okta.com" : parse(BaseUrl, baseField)}`;
  if (urlField === undefined) return new URL(fromName as string).origin;
  const url = parse(OrgUrl, urlField);
  if (fromName !== undefined && new URL(fromName).origin !== url) {
    throw new OktaConfigError(
      `${label(urlField)} and ${label(nameField as Field)} name different orgs; set only one of them.`,
      ["okta:orgUrl", "okta:orgName"],
    );
  }
  return url;
}

type Method = "apiToken" | "accessToken" | "privateKey";
const METHOD_KEYS: Record<Method, readonly Key[]> = {
  apiToken: ["apiToken"],
  accessToken: ["accessToken"],
  privateKey: ["clientId", "privateKey"],
};
const METHOD_HELP: Record<Method, string> = {
  apiToken: `okta:apiToken / ${ENV.apiToken}`,
  accessToken: `okta:accessToken / ${ENV.accessToken}`,
  privateKey: `okta:clientId + okta:privateKey / ${ENV.clientId} + ${ENV.privateKey}`,
};

/** Every key of the credential group: the three methods' keys plus the private-key options. */
const CREDENTIAL_KEYS: readonly Key[] = [
  "apiToken",
  "accessToken",
  "clientId",
  "privateKey",
  "privateKeyId",
  "scopes",
];

/** The scheme a pasted token may carry, which the Authorization header adds itself. */
const SCHEME_OF: Partial<Record<Key, string>> = { apiToken: "SSWS", accessToken: "Bearer" };

function resolveAuth(layer: LayerFn): OktaAuth {
  const from = groupLayer(layer, CREDENTIAL_KEYS);
  const where = from === "config" ? "stack config" : "the environment";
  const get = (key: Key): Field | undefined => layer(from, key);
  const candidates = (Object.keys(METHOD_KEYS) as Method[]).filter((m) =>
    METHOD_KEYS[m].some((key) => get(key)),
  );
  if (candidates.length > 1) {
    throw new OktaConfigError(
      `Conflicting Okta credentials in ${where}: ${candidates.map((m) => METHOD_HELP[m]).join(" and ")} ` +
        `are ${candidates.length === 2 ? "both" : "all"} set; keep exactly one auth method.`,
      candidates.flatMap((m) => METHOD_KEYS[m].map((key) => `okta:${key}`)),
    );
  }
  const method = candidates[0];
  if (method === undefined && from === "config") {
    const set = CREDENTIAL_KEYS.filter((key) => get(key)).map((key) => `okta:${key}`);
    throw new OktaConfigError(
      `Stack config sets ${set.join(" and ")}, options of private-key auth, but not okta:clientId + ` +
        "okta:privateKey. Credentials are read wholly from stack config when it sets any credential key, so " +
        `none in the environment are used: set okta:clientId and okta:privateKey, or remove ${set.join(" and ")} ` +
        "from stack config.",
      set,
    );
  }
  if (method === undefined) {
    throw new OktaConfigError(
      "No Okta credentials: set `pulumi config set --secret okta:apiToken <token>` or OKTA_API_TOKEN, " +
        "or okta:accessToken / OKTA_ACCESS_TOKEN, " +
        "or okta:clientId + okta:privateKey (OKTA_API_CLIENT_ID + OKTA_API_PRIVATE_KEY) for a service app.",
      ["okta:apiToken", "okta:accessToken", "okta:clientId", "okta:privateKey"],
    );
  }
  if (method === "apiToken" || method === "accessToken") return { kind: method, token: token(get(method)!) };
  const clientId = get("clientId") ?? missingForPrivateKey(from, "clientId");
  const privateKey = get("privateKey") ?? missingForPrivateKey(from, "privateKey");
  const keyId = get("privateKeyId");
  const scopes = get("scopes");
  return {
    kind: "privateKey",
    clientId: clientId.value,
    privateKeyPem: readPrivateKey(privateKey),
    ...(keyId === undefined ? {} : { keyId: keyId.value }),
    scopes: scopes === undefined ? [...DEFAULT_SCOPES] : parse(Scopes, scopes),
  };
}

/**
 * The token as the header needs it. A token pasted with its scheme (`SSWS 00ab…`, copied from a curl line)
 * would be sent as `SSWS SSWS 00ab…` and refused as "invalid token"; say so now, without the value.
 */
function token(f: Field): string {
  const scheme = SCHEME_OF[f.key];
  if (scheme !== undefined && new RegExp(`^${scheme}\\s`, "i").test(f.value)) {
    throw new OktaConfigError(
      `${label(f)} starts with "${scheme} ": set the token alone; the provider adds "${scheme} " to the ` +
        "Authorization header itself.",
      [`okta:${f.key}`],
    );
  }
  return f.value;
}

function missingForPrivateKey(from: Layer, key: "clientId" | "privateKey"): never {
  const partner = key === "clientId" ? "privateKey" : "clientId";
  const message =
    from === "config"
      ? `Private-key auth needs okta:${key}: set it with \`pulumi config set ${key === "privateKey" ? "--secret " : ""}` +
        `okta:${key} …\`. Stack config sets okta:${partner}, and credentials are never completed from the ` +
        `environment, so ${ENV[key]} is not used.`
      : `Private-key auth needs ${ENV[key]}: the environment sets ${ENV[partner]} but not ${ENV[key]}.`;
  throw new OktaConfigError(message, [`okta:${key}`]);
}

const Scopes = z
  .string()
  .transform((text, ctx) => {
    if (!text.startsWith("[")) return text.split(/[\s,]+/).filter((s) => s !== "");
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "starts with `[` but is not a JSON array of strings" });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(
        z.string().regex(/^[^\s,]+$/, "must list scope names without spaces"),
        "must be a JSON array of strings",
      )
      .min(1, "must list at least one scope"),
  );

/**
 * PEM text, or a path to a PEM file (relative to the working directory, `~/` allowed). Normalised to PKCS#8
 * PEM so the JWT signer needs one import path. Errors never include the value: it may be the key itself.
 */
function readPrivateKey(f: Field): string {
  let pem = f.value;
  if (pem.includes("-----BEGIN")) {
    // Env vars and CI secrets often carry the PEM on one line with literal "\n" separators.
    if (!pem.includes("\n")) pem = pem.replaceAll("\\n", "\n");
  } else {
    const path = pem.startsWith("~/") ? `${homedir()}${pem.slice(1)}` : pem;
    try {
      pem = readFileSync(path, "utf8");
    } catch {
      throw new OktaConfigError(
        `${label(f)} is neither PEM text (-----BEGIN … PRIVATE KEY-----) nor a readable file path.`,
        ["okta:privateKey"],
      );
    }
  }
  if (pem.includes("ENCRYPTED PRIVATE KEY") || pem.includes("Proc-Type: 4,ENCRYPTED")) {
    throw new OktaConfigError(`${label(f)} is an encrypted key; provide it unencrypted.`, [
      "okta:privateKey",
    ]);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw new OktaConfigError(`${label(f)} is not a valid PKCS#1, SEC1 or PKCS#8 PEM private key.`, [
      "okta:privateKey",
    ]);
  }
  // The client's own check, so a key it cannot sign with fails here, naming the setting.
  const checked = signingAlgorithm(key);
  if ("problem" in checked) throw new OktaConfigError(`${label(f)} ${checked.problem}.`, ["okta:privateKey"]);
  return key.export({ type: "pkcs8", format: "pem" }).toString();
}
