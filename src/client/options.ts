/**
 * What the client needs to know. `src/config.ts` builds this from stack config and the environment; tests
 * build it directly. Nothing here is Pulumi-specific.
 */

import { DEFAULT_MAX_RATE_LIMIT_WAIT_MS } from "./retry";
import type { AttemptTimer, Transport } from "./transport";

export { KNOB_SETTINGS, knobSetting } from "./knob-settings";

/**
 * Range and default of each numeric knob of `OktaClientOptions`, in its own unit. The one source for both
 * the client's check at creation and `src/config.ts` (which converts seconds), so every value the config
 * accepts is one the client accepts. Timeouts must be at least 1 ms: a 0 ms timeout fails every request.
 */
export const KNOB_RANGES = {
  maxRetries: { min: 0, max: 100, default: 5 },
  perAttemptTimeoutMs: { min: 1, max: 300_000, default: 30_000 },
  operationTimeoutMs: { min: 1, max: 86_400_000, default: 300_000 },
  maxRateLimitWaitMs: { min: 0, max: 3_600_000, default: DEFAULT_MAX_RATE_LIMIT_WAIT_MS },
  maxApiCapacityPercent: { min: 1, max: 100, default: 90 },
} as const;

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

export interface OktaClientOptions {
  /** Origin of the org, without a trailing slash: `https://dev-123.okta.com` or `http://127.0.0.1:8080`. */
  orgUrl: string;
  auth: OktaAuth;
  /** Retries after the first attempt, for 429, 5xx and network errors. @default 5 */
  maxRetries?: number;
  /** Timeout of one HTTP attempt. @default 30_000 */
  perAttemptTimeoutMs?: number;
  /** Deadline of one operation including every retry and wait. @default 300_000 */
  operationTimeoutMs?: number;
  /** Longest single wait for a rate-limit window to reset before giving up. @default 120_000 */
  maxRateLimitWaitMs?: number;
  /**
   * Share of each rate-limit bucket this process may use, in percent (1–100). Below the reserve the gate
   * waits for the window to reset instead of spending the last requests. @default 90
   */
  maxApiCapacityPercent?: number;
  /** Appended to our User-Agent. */
  userAgentSuffix?: string;
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

/** Per-call options. */
export interface CallOptions {
  /** Aborts waits and the request in flight. */
  signal?: AbortSignal;
  /** Absolute deadline in epoch ms (clock time); the earlier of this and `operationTimeoutMs` applies. */
  deadline?: number;
}
