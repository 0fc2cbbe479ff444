/** Built by `src/config/` from the user's settings. No Pulumi or environment names: hints ask `nameSetting`. */
import type { AttemptTimer, Transport } from "./transport";

// The config layer derives its ranges (seconds for timeouts) from these, so it accepts only what the client
// accepts. Timeouts are at least 1 ms: a 0 ms timeout fails every request.
export const KNOBS = {
  /** Retries after the first attempt, for 429, 5xx and network errors. @default 5 */
  maxRetries: { min: 0, max: 100, default: 5, integer: true },
  /** Timeout of one HTTP attempt. @default 30_000 */
  perAttemptTimeoutMs: { min: 1, max: 300_000, default: 30_000, integer: true },
  /** Deadline of one operation including every retry and wait. @default 300_000 */
  operationTimeoutMs: { min: 1, max: 86_400_000, default: 300_000, integer: true },
  /** Longest single wait for a rate-limit window to reset before giving up. @default 120_000 */
  maxRateLimitWaitMs: { min: 0, max: 3_600_000, default: 120_000, integer: true },
  /**
   * Share of each rate-limit bucket this process may use, in percent. Below the reserve the gate waits for
   * the window to reset instead of spending the last requests. @default 90
   */
  maxApiCapacityPercent: { min: 1, max: 100, default: 90, integer: false },
} as const;
export type Knob = keyof typeof KNOBS;

/** What a hint may point the user at: a numeric option, the org URL, or the credential of an auth method. */
export type ClientSetting = Knob | "orgUrl" | "apiToken" | "accessToken" | "clientId";

/** Its path in `OktaClientOptions`. */
export function optionName(setting: ClientSetting): string {
  if (setting === "apiToken" || setting === "accessToken") return "auth.token";
  return setting === "clientId" ? "auth.clientId" : setting;
}

export type OktaAuth =
  /** `Authorization: SSWS <token>`. */
  | { kind: "apiToken"; token: string }
  /** A ready-made OAuth 2.0 access token: `Authorization: Bearer <token>`. */
  | { kind: "accessToken"; token: string }
  /**
   * OAuth 2.0 client credentials with a private-key JWT client assertion (service app). The token is cached
   * until shortly before expiry; DPoP is used when the token endpoint asks for it.
   */
  | { kind: "privateKey"; clientId: string; privateKeyPem: string; keyId?: string; scopes: string[] };

export type KnobOptions = { [K in Knob]?: number };

export interface OktaClientOptions extends KnobOptions {
  /** Origin of the org, without a trailing slash: `https://dev-123.okta.com` or `http://127.0.0.1:8080`. */
  orgUrl: string;
  auth: OktaAuth;
  /** Appended to our User-Agent. */
  userAgentSuffix?: string;
  /** How error hints name a setting, in the words of the caller's users. @default optionName */
  nameSetting?: (setting: ClientSetting) => string;
  /** @internal Current time in epoch milliseconds. Tests inject a fake clock. */
  clock?: () => number;
  /** @internal Waits `ms` (or until `signal` aborts). Tests inject a fake sleep. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** @internal Jitter source in [0, 1) for retry backoff. Tests inject a fixed value. @default Math.random */
  random?: () => number;
  /** @internal Arms each HTTP attempt's timeout. Tests fire it by hand. @default real timers */
  attemptTimer?: AttemptTimer;
  /** Receives already-redacted events (request, response, retry, wait) for debugging. */
  onEvent?: (event: ClientEvent) => void;
  /** @internal Wraps the HTTP transport: fault tests time an attempt out without waiting for a timer. */
  wrapTransport?: (transport: Transport) => Transport;
}

export type ClientEvent =
  | { type: "request"; method: string; path: string; attempt: number }
  | { type: "response"; method: string; path: string; status: number; attempt: number; requestId?: string }
  | { type: "retry"; method: string; path: string; attempt: number; delayMs: number; reason: string }
  | { type: "rate-limit-wait"; path: string; delayMs: number };

export interface CallOptions {
  /** Aborts waits and the request in flight. */
  signal?: AbortSignal;
  /** Absolute deadline in epoch ms (clock time); the earlier of this and `operationTimeoutMs` applies. */
  deadline?: number;
}
