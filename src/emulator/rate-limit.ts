import type { Clock } from "./clock";

/**
 * Okta-style rate limiting: a request counter per bucket and window, reported on every response as
 * `X-Rate-Limit-Limit/Remaining/Reset` (Reset in epoch seconds, docs/okta-api.md#rate-limits). Windows start at a bucket's
 * first request and are not aligned to the minute, as in Okta.
 */

export interface RateLimitConfig {
  /** Requests allowed per bucket and window. */
  limit: number;
  windowSeconds: number;
}

/**
 * With rate limiting off, headers still advertise a bucket (10,000 per minute) and count honestly, but no
 * request is refused.
 */
export const DISABLED_RATE_LIMIT: RateLimitConfig = { limit: 10_000, windowSeconds: 60 };

interface Window {
  endsAt: number;
  used: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

/** The bucket a path counts against: the token endpoint, sessions (with uploads), users, groups. */
export function bucketOf(pathname: string): string {
  if (pathname === "/oauth2/v1/token") return "oauth2/token";
  const match = /^\/api\/v1\/identity-sources\/[^/]+\/(sessions|users|groups)(\/|$)/.exec(pathname);
  return match ? `identity-sources/${match[1]}` : "other";
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly config: RateLimitConfig;

  constructor(
    config: RateLimitConfig | false,
    private readonly clock: Clock,
  ) {
    this.enforced = config !== false;
    this.config = config === false ? DISABLED_RATE_LIMIT : config;
    if (!(this.config.limit >= 1) || !(this.config.windowSeconds > 0)) {
      throw new RangeError("rateLimit needs limit ≥ 1 and windowSeconds > 0");
    }
  }

  readonly enforced: boolean;

  /** Counts one request against `bucket`. */
  take(bucket: string): RateLimitDecision {
    const window = this.current(bucket);
    const allowed = !this.enforced || window.used < this.config.limit;
    if (allowed) window.used += 1;
    return { allowed, headers: this.headersOf(window) };
  }

  /** Headers for `bucket` without counting (for injected faults). */
  peek(bucket: string): Record<string, string> {
    return this.headersOf(this.current(bucket));
  }

  private current(bucket: string): Window {
    const now = this.clock.now();
    let window = this.windows.get(bucket);
    if (!window || now >= window.endsAt) {
      window = { endsAt: now + this.config.windowSeconds * 1000, used: 0 };
      this.windows.set(bucket, window);
    }
    return window;
  }

  private headersOf(window: Window): Record<string, string> {
    return {
      "X-Rate-Limit-Limit": String(this.config.limit),
      "X-Rate-Limit-Remaining": String(Math.max(0, this.config.limit - window.used)),
      "X-Rate-Limit-Reset": String(Math.ceil(window.endsAt / 1000)),
    };
  }
}
