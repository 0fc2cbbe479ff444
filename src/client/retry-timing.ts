/** Malformed values yield `undefined`, so the caller falls back to ordinary backoff. */

/** Lower-case names. */
export type Headers = Readonly<Record<string, string | undefined>>;

/** Epoch-seconds values below this are read as delta seconds (no Okta reset is before 2001-09-09). */
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

/** Okta's window reset is truncated to whole seconds; come back one second after it (as the Go SDK does). */
export const RESET_MARGIN_MS = 1000;

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** An HTTP-date (RFC 9110 IMF-fixdate and the obsolete forms `Date.parse` understands). */
export function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "" || /^\s*\d+\s*$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export interface RateLimitHeaders {
  limit?: number;
  remaining?: number;
  /** Epoch seconds. */
  reset?: number;
}

export function parseRateLimitHeaders(headers: Headers): RateLimitHeaders {
  const out: RateLimitHeaders = {};
  for (const field of ["limit", "remaining", "reset"] as const) {
    const value = integer(headers[`x-rate-limit-${field}`]);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/**
 * The server's clock then. `Date` has whole seconds, so the server's time is in [Date, Date + 1 s):
 * our clock when it falls in that second (finer, no skew), else `Date` (corrects skew); our clock without
 * `Date`. Reading Date alone would make every wait up to a second too long, adding up over many windows.
 */
function serverNow(headers: Headers, nowMs: number): number {
  const date = parseHttpDate(headers["date"]);
  if (date === undefined) return nowMs;
  return nowMs >= date && nowMs < date + 1000 ? nowMs : date;
}

/** `Retry-After` as milliseconds from now: delta seconds or an HTTP-date. */
export function parseRetryAfter(headers: Headers, nowMs: number): number | undefined {
  const value = headers["retry-after"];
  const seconds = integer(value);
  if (seconds !== undefined) return seconds * 1000;
  const at = parseHttpDate(value);
  return at === undefined ? undefined : Math.max(0, at - serverNow(headers, nowMs));
}

/** Milliseconds until the rate-limit window resets, plus the one-second margin: `Reset − Date + 1 s`. */
export function rateLimitResetDelay(headers: Headers, nowMs: number): number | undefined {
  const reset = integer(headers["x-rate-limit-reset"]);
  if (reset === undefined) return undefined;
  if (reset < EPOCH_SECONDS_THRESHOLD) return reset * 1000 + RESET_MARGIN_MS;
  return Math.max(0, reset * 1000 - serverNow(headers, nowMs)) + RESET_MARGIN_MS;
}

export interface ServerDelay {
  delayMs: number;
  source: "retry-after" | "x-rate-limit-reset";
}

/** `Retry-After` wins over `X-Rate-Limit-Reset`. */
export function serverRetryDelay(headers: Headers, nowMs: number): ServerDelay | undefined {
  const retryAfter = parseRetryAfter(headers, nowMs);
  if (retryAfter !== undefined) return { delayMs: retryAfter, source: "retry-after" };
  const reset = rateLimitResetDelay(headers, nowMs);
  return reset === undefined ? undefined : { delayMs: reset, source: "x-rate-limit-reset" };
}
