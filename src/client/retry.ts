import { KNOBS, optionName, type ClientSetting } from "./options";
import { serverRetryDelay, type Headers } from "./retry-timing";
import type { NetworkErrorKind } from "./transport";

// The retry policy, pure; `send.ts` does the waiting.
// - 429: always safe to resend, also a non-idempotent POST (Okta rejects before processing).
// - 5xx, timeouts, connection resets: only idempotent requests. For the others these are AMBIGUOUS: Okta may
//   have applied it (created the session, stored an upload, which spends one of the session's 50 uploads).
//   Okta has no idempotency key, so we surface the error; the caller reconciles (e.g. lists sessions).
// - 501/505 and other 4xx/3xx never: the same request will fail the same way.

export interface RetryInput {
  /** Undefined when no response arrived. */
  status?: number;
  headers?: Headers;
  errorKind?: NetworkErrorKind;
  /** 1-based. */
  attempt: number;
  /** Retries allowed after the first attempt. */
  maxRetries: number;
  idempotent: boolean;
  now: number;
  deadline: number;
  /** False only when the failure certainly happened before the request reached the server. */
  requestSent: boolean;
  /** Longest server-directed wait we accept. @default KNOBS.maxRateLimitWaitMs.default */
  maxRateLimitWaitMs?: number;
  /** How the reason names that setting. @default optionName */
  nameSetting?: (setting: ClientSetting) => string;
  /** Jitter source in [0, 1). @default Math.random */
  random?: () => number;
}

export type RetryDecision =
  { retry: true; delayMs: number; reason: string } | { retry: false; reason: string };

/** Backoff: the first retry's ceiling, and the largest. */
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

const NEVER_RETRIED_5XX = new Set([501, 505]);

/** Full jitter: uniform in [0, min(cap, base·2^(attempt−1))). */
export function backoffDelay(attempt: number, random: () => number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(Math.min(0.999999, Math.max(0, random())) * ceiling);
}

export function decideRetry(input: RetryInput): RetryDecision {
  const what = input.status !== undefined ? `HTTP ${input.status}` : (input.errorKind ?? "network error");
  const stop = (reason: string): RetryDecision => ({ retry: false, reason });
  if (input.errorKind === "aborted") return stop("aborted by the caller");
  if (input.errorKind === "fatal") return stop(`${what} will not change on retry`);

  const status = input.status;
  const isRateLimit = status === 429;
  const isServerError =
    status !== undefined && status >= 500 && status <= 599 && !NEVER_RETRIED_5XX.has(status);
  const isNetwork = status === undefined;
  if (!isRateLimit && !isServerError && !isNetwork) return stop(`${what} is not retryable`);
  // The request may have been applied: only idempotent requests may be sent again.
  if ((isServerError || (isNetwork && input.requestSent)) && !input.idempotent) {
    return stop(`${what} after the request was sent; it is not idempotent and Okta may have applied it`);
  }
  if (input.attempt > input.maxRetries) return stop(`no retries left after ${input.attempt} attempt(s)`);

  const maxWait = input.maxRateLimitWaitMs ?? KNOBS.maxRateLimitWaitMs.default;
  const server = isNetwork ? undefined : serverRetryDelay(input.headers ?? {}, input.now);
  // Only a 429 is timed by X-Rate-Limit-Reset; a 5xx carries rate-limit headers too, but they say nothing
  // about when the server recovers. Retry-After counts for both.
  const usable = server && (isRateLimit || server.source === "retry-after") ? server : undefined;
  if (usable && usable.delayMs > maxWait) {
    const setting = (input.nameSetting ?? optionName)("maxRateLimitWaitMs");
    return stop(
      `${what}: the server asks to wait ${usable.delayMs} ms (${usable.source}), more than ${setting} (${maxWait / 1000} s)`,
    );
  }
  const delayMs = usable
    ? usable.delayMs
    : backoffDelay(input.attempt, input.random ?? Math.random, BASE_DELAY_MS, MAX_DELAY_MS);
  const reason = usable
    ? `${what}: waiting ${delayMs} ms as directed by ${usable.source}`
    : `${what}: backing off ${delayMs} ms`;

  if (input.now + delayMs >= input.deadline) {
    return stop(`${what}: waiting ${delayMs} ms would pass the operation deadline`);
  }
  return { retry: true, delayMs, reason };
}
