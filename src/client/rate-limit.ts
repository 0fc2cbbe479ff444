import { parseRateLimitHeaders, rateLimitResetDelay, type Headers } from "./retry-timing";

/**
 * Proactive pacing from `X-Rate-Limit-*` headers: before a request, if the bucket's remaining count is at
 * or below the reserve we leave for others (`maxApiCapacityPercent`), wait until the window resets.
 * Reactive handling of a 429 is the retry policy's job (`retry.ts`); this gate only tries to avoid them.
 *
 * The state is module-level, keyed by org URL: a Pulumi provider process builds one client per
 * configuration, and other code may build more; they all spend the same org's quota.
 */

/**
 * Bucket key. Okta's recorded traffic for this API (API note §3.4: limit 15, remaining falling 10→9→8→7
 * across POST /sessions, GET /sessions, GET /sessions/{id} and DELETE /sessions/{id}) shows ONE bucket
 * shared by every identity-sources endpoint and method, so all of them share a key. Erring this way only
 * costs an early wait if Okta ever splits the bucket; splitting it here would cost 429s. Other paths (the
 * OAuth token endpoint) get a key of their own.
 */
export function bucketKey(path: string): string {
  const clean = path.replace(/[?#].*$/, "");
  return /^\/api\/v1\/identity-sources(\/|$)/.test(clean) ? "/api/v1/identity-sources/*" : clean;
}

interface BucketState {
  limit: number;
  remaining: number;
  /** Local-clock epoch ms after which the window has reset (includes the 1 s margin). */
  resetAtMs: number;
}

/** Requests kept in reserve: `ceil((100 − percent)% of limit)`, at least 1 below 100 %, none at 100 %. */
export function reserveFor(limit: number, capacityPercent: number): number {
  if (capacityPercent >= 100) return 0;
  return Math.max(1, Math.ceil((limit * (100 - capacityPercent)) / 100));
}

export class RateLimitGate {
  private readonly buckets = new Map<string, BucketState>();

  /** Records the headers of a response (any status). Incomplete header sets are ignored. */
  update(key: string, headers: Headers, nowMs: number): void {
    const { limit, remaining } = parseRateLimitHeaders(headers);
    const delay = rateLimitResetDelay(headers, nowMs);
    if (limit === undefined || remaining === undefined || delay === undefined) return;
    this.buckets.set(key, { limit, remaining, resetAtMs: nowMs + delay });
  }

  /** How long to wait before sending on `key` (0: go now). Forgets state whose window has passed. */
  delayBeforeSend(key: string, nowMs: number, capacityPercent: number): number {
    const state = this.buckets.get(key);
    if (!state) return 0;
    if (nowMs >= state.resetAtMs) {
      this.buckets.delete(key);
      return 0;
    }
    return state.remaining <= reserveFor(state.limit, capacityPercent) ? state.resetAtMs - nowMs : 0;
  }

  /**
   * Counts a request we are about to send, so concurrent callers in this process do not all spend the
   * same "remaining" before the first response corrects it.
   */
  take(key: string): void {
    const state = this.buckets.get(key);
    if (state) state.remaining = Math.max(0, state.remaining - 1);
  }

  snapshot(key: string): Readonly<BucketState> | undefined {
    const state = this.buckets.get(key);
    return state ? { ...state } : undefined;
  }
}

const MAX_GATE_ROUNDS = 5;

export interface AcquireOptions {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  capacityPercent: number;
  /** Longest single wait; a longer one is not taken (see below). */
  maxWaitMs: number;
  deadline: number;
  signal?: AbortSignal;
  onWait?: (delayMs: number) => void;
}

/**
 * Waits until the gate lets `key` through, then counts the request. A wait longer than `maxWaitMs` or
 * past the deadline is not taken: the request goes out on the reserve, and if the bucket really is empty
 * the 429 path decides (and reports) instead of the gate failing silently.
 */
export async function acquire(gate: RateLimitGate, key: string, o: AcquireOptions): Promise<void> {
  // Bounded: a sleep that does not move the clock must not spin forever.
  for (let round = 0; round < MAX_GATE_ROUNDS; round++) {
    const now = o.now();
    const delay = gate.delayBeforeSend(key, now, o.capacityPercent);
    if (delay <= 0 || delay > o.maxWaitMs || now + delay >= o.deadline) break;
    o.onWait?.(delay);
    await o.sleep(delay, o.signal);
  }
  gate.take(key);
}

const gates = new Map<string, RateLimitGate>();

/** The process-wide gate of one org. */
export function gateFor(orgUrl: string): RateLimitGate {
  const key = orgUrl.replace(/\/+$/, "").toLowerCase();
  let gate = gates.get(key);
  if (!gate) {
    gate = new RateLimitGate();
    gates.set(key, gate);
  }
  return gate;
}

/** @internal Tests only: forget every org's state. */
export function clearRateLimitState(): void {
  gates.clear();
}
