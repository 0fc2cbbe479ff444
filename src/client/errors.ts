import { optionName, type ClientSetting, type OktaAuth } from "./options";
import { isLoopbackHost } from "./org-url";
import { writtenPath } from "./path";
import { redact } from "./redact";
import type { RateLimitHeaders } from "./retry-timing";

// Neither error holds the request or its headers (only request id and rate-limit headers), so logging one
// cannot leak a credential. Guards check a brand, not `instanceof`: Pulumi's provider may load us twice.

const BRAND = "__oktaIdentitySourceError";

/** How a call failed: an HTTP answer, or no usable answer at all (status 0). */
export type FailureKind = "http" | "timeout" | "network" | "aborted" | "deadline";

export interface OktaApiErrorDetails {
  /** HTTP status; 0 when no response arrived (timeout, network, abort, deadline). */
  status: number;
  kind?: FailureKind;
  errorCode?: string;
  errorSummary?: string;
  errorCauses?: string[];
  errorId?: string;
  requestId?: string;
  method: string;
  path: string;
  attempts: number;
  /** Client operation, e.g. `sessions.create`; used for hints. */
  operation?: string;
  rateLimit?: RateLimitHeaders;
  /** Why the client stopped retrying, when it did not simply run out of reasons to. */
  retryNote?: string;
  /** The client's auth method, so a 401 hint names the settings actually in use. */
  authKind?: OktaAuth["kind"];
  /** Origin of the org URL the request went to (`https://dev-123.okta.com`). */
  origin?: string;
  /** Node's code for a failure without a response (`ECONNREFUSED`, `ECONNRESET`, …). */
  networkCode?: string;
  cause?: unknown;
}

const defineBrand = (target: object, value: string): void =>
  void Object.defineProperty(target, BRAND, { value, enumerable: false });

const KIND_TEXT: Record<Exclude<FailureKind, "http">, string> = {
  timeout: "no response before the per-attempt timeout",
  network: "network error",
  aborted: "aborted by the caller",
  deadline: "operation deadline reached",
};

type NameSetting = (setting: ClientSetting) => string;

/** 401 E0000011 (invalid token), by auth method: point at the settings the user actually set. */
function invalidTokenHint(kind: OktaAuth["kind"] | undefined, name: NameSetting): string {
  switch (kind) {
    case "apiToken":
      return `check the API token (${name("apiToken")}); it may be revoked or expired`;
    case "accessToken":
      return `check the access token (${name("accessToken")}); access tokens expire (Okta issues them for one hour) and this provider cannot renew one`;
    case "privateKey":
      return `Okta refused the service app's access token even after a fresh one was fetched; check that ${name("clientId")} and its private key belong to a service app of this org`;
    case undefined:
      return `check the API token (${name("apiToken")}) or the access token; it may be revoked or expired`;
  }
}

/**
 * A hint where we know the usual fix. Branches on status and errorCode only (docs/okta-api.md#errors).
 * `name` says how the user sets what a hint points at: the client knows the setting, not its name.
 */
export function hintFor(d: OktaApiErrorDetails, name: NameSetting = optionName): string | undefined {
  const code = d.errorCode;
  if (d.status === 401 && code === "E0000011") return invalidTokenHint(d.authKind, name);
  if (d.status === 403 && code === "E0000006") {
    return "the token lacks scope okta.identitySources.manage (writes) or okta.identitySources.read (reads), or the admin/service app has no admin role";
  }
  if ((d.status === 401 && code === "E0000015") || (d.status === 404 && isCollectionPath(d.path))) {
    return "check that the Identity Source Apps feature is enabled for the org and that the identity source id is the id of a Custom Identity Source app";
  }
  if (d.status === 400 && code === "E0000001" && d.operation === "sessions.create") {
    return "another import session is active for this identity source, or one was started less than five minutes ago; wait, or cancel the CREATED/IN_PROGRESS session";
  }
  if (d.status === 429) {
    return `rate limit still exhausted after ${d.attempts} attempt(s); lower parallelism or ${name("maxApiCapacityPercent")}, or raise ${name("maxRateLimitWaitMs")}`;
  }
  if (d.kind === "timeout") return `raise ${name("perAttemptTimeoutMs")}, or check connectivity to the org`;
  if (d.kind === "deadline") return `raise ${name("operationTimeoutMs")} or the call's deadline`;
  if (d.networkCode === "ECONNREFUSED") return connectionRefusedHint(d.origin, name);
  if (code === "invalid_dpop_proof" || code === "use_dpop_nonce") {
    return "the token endpoint kept rejecting our DPoP proofs; check this machine's clock (proofs carry the time) and the service app's DPoP setting";
  }
  if (code === "invalid_client" || code === "invalid_scope" || code === "unauthorized_client") {
    return "check the service app's client id, its registered public key (JWKS and key id), and the scopes granted to it";
  }
  return undefined;
}

/** Nothing listens at the org URL: a wrong URL, or (on a loopback URL) the emulator is not running. */
function connectionRefusedHint(origin: string | undefined, name: NameSetting): string {
  const check = `check the org URL (${name("orgUrl")})`;
  if (origin === undefined || !URL.canParse(origin) || !isLoopbackHost(new URL(origin).hostname))
    return check;
  return (
    `${origin} is this machine: if it is the emulator, it is not running (start it with \`npm run emulator\` ` +
    `in this package's repository, or \`npx okta-identity-source-emulator\`), or ${check}`
  );
}

/** A 404 on an identity-source-level path (a collection) means the identity source itself is missing. */
function isCollectionPath(path: string): boolean {
  return /\/identity-sources\/[^/]+(\/(sessions|users|groups))?$/.test(path);
}

function buildMessage(d: OktaApiErrorDetails, name: NameSetting): string {
  const what =
    d.status === 0
      ? KIND_TEXT[d.kind === undefined || d.kind === "http" ? "network" : d.kind] +
        (d.origin !== undefined && (d.kind === "network" || d.kind === "timeout")
          ? ` reaching ${d.origin}`
          : "")
      : [String(d.status), d.errorCode, d.errorSummary].filter(Boolean).join(" ");
  let message = `${d.method} ${d.path} failed: ${what}`;
  if (d.status === 0 && d.errorSummary) message += ` (${d.errorSummary})`;
  if (d.errorCauses && d.errorCauses.length > 0) message += ` (${d.errorCauses.join("; ")})`;
  if (d.requestId) message += ` [request ${d.requestId}]`;
  if (d.attempts > 1) message += ` after ${d.attempts} attempts`;
  if (d.retryNote) message += `; not retried: ${d.retryNote}`;
  const hint = hintFor(d, name);
  if (hint) message += `. Hint: ${hint}`;
  return message;
}

/** What an `OktaApiError` keeps of its details (an allow-list: see the top of this file). */
const API_ERROR_FIELDS = [
  ...["status", "kind", "errorCode", "errorSummary", "errorCauses", "errorId", "requestId", "method"],
  ...["path", "attempts", "operation", "rateLimit", "origin", "networkCode"],
] as const;

export class OktaApiError extends Error {
  override readonly name = "OktaApiError";
  declare readonly status: number;
  declare readonly kind: FailureKind;
  declare readonly errorCode: string | undefined;
  declare readonly errorSummary: string | undefined;
  declare readonly errorCauses: string[];
  declare readonly errorId: string | undefined;
  declare readonly requestId: string | undefined;
  declare readonly method: string;
  declare readonly path: string;
  declare readonly attempts: number;
  declare readonly operation: string | undefined;
  declare readonly rateLimit: RateLimitHeaders | undefined;
  declare readonly origin: string | undefined;
  declare readonly networkCode: string | undefined;

  // Text fields are redacted with the built-in patterns plus `secrets`; Okta's texts also of `personal`,
  // request profile values Okta may echo ("email: bob@example.com is invalid"); not the path (identifiers).
  // `nameSetting` names the settings a hint points at (`OktaClientOptions.nameSetting`).
  constructor(
    details: OktaApiErrorDetails,
    secrets: readonly string[] = [],
    personal: readonly string[] = [],
    nameSetting: NameSetting = optionName,
  ) {
    const d: OktaApiErrorDetails = {
      ...details,
      path: redact(writtenPath(details.path), secrets),
      kind: details.kind ?? (details.status === 0 ? "network" : "http"),
      errorCauses: (details.errorCauses ?? []).map((c) => redact(c, secrets, personal)),
    };
    for (const field of ["errorSummary", "retryNote"] as const) {
      const text = details[field];
      if (text !== undefined) d[field] = redact(text, secrets, personal);
    }
    super(buildMessage(d, nameSetting));
    for (const field of API_ERROR_FIELDS) Object.assign(this, { [field]: d[field] });
    defineBrand(this, "OktaApiError");
    if (details.cause !== undefined) {
      Object.defineProperty(this, "cause", { value: details.cause, writable: true, configurable: true });
    }
  }
}

/** One schema problem: where (dotted path with indices) and which zod code. Never the value. */
export interface ResponseIssue {
  path: string;
  code: string;
}

export interface InvalidResponseErrorDetails {
  method: string;
  path: string;
  status: number;
  requestId?: string | undefined;
  operation?: string;
  issues: ResponseIssue[];
}

/** A 2xx whose body we cannot use (malformed JSON, missing fields): retries or credentials will not help. */
export class InvalidResponseError extends Error {
  override readonly name = "InvalidResponseError";
  declare readonly method: string;
  declare readonly path: string;
  declare readonly status: number;
  declare readonly requestId: string | undefined;
  declare readonly operation: string | undefined;
  declare readonly issues: ResponseIssue[];

  constructor(d: InvalidResponseErrorDetails) {
    const path = writtenPath(d.path);
    const issues = d.issues.map((i) => `${i.path || "(root)"}: ${i.code}`).join("; ");
    super(
      `${d.method} ${path} returned ${d.status} with a body we cannot use (${issues})` +
        (d.requestId ? ` [request ${d.requestId}]` : ""),
    );
    const { method, status, requestId, operation } = d;
    Object.assign(this, { method, path, status, requestId, operation, issues: d.issues });
    defineBrand(this, "InvalidResponseError");
  }
}

/** The brand, or (a copy that lost it, e.g. rebuilt from a serialized form) the same name and shape. */
function isBranded(e: unknown, brand: string, shape: (r: Record<string, unknown>) => boolean): boolean {
  if (typeof e !== "object" || e === null) return false;
  const r = e as Record<string, unknown>;
  return r[BRAND] === brand || (r["name"] === brand && shape(r));
}

export function isOktaApiError(e: unknown): e is OktaApiError {
  return isBranded(
    e,
    "OktaApiError",
    (r) => typeof r["status"] === "number" && typeof r["method"] === "string",
  );
}

export function isInvalidResponseError(e: unknown): e is InvalidResponseError {
  return isBranded(e, "InvalidResponseError", (r) => Array.isArray(r["issues"]));
}

/** 404, or Okta's "not found" code on any status. */
export function isNotFoundError(e: unknown): boolean {
  return isOktaApiError(e) && (e.status === 404 || e.errorCode === "E0000007");
}

/**
 * Okta may or may not have applied the request: no answer (timeout, reset after sending, deadline) or a 5xx.
 * The client never re-sends a non-idempotent call then (`retry.ts`); callers reconcile by looking.
 */
export function isAmbiguousFailure(e: unknown): e is OktaApiError {
  return isOktaApiError(e) && (e.status === 0 ? e.kind !== "aborted" : e.status >= 500);
}
