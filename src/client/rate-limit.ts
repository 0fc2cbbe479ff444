import { parseRateLimitHeaders, rateLimitResetDelay, RESET_MARGIN_MS, type Headers } from "./retry-timing";

// Proactive pacing from `X-Rate-Limit-*` headers; a 429 that still happens is `retry.ts`'s.
// The state is module-level, keyed by org URL: every client of the process spends the same org's quota.

/**
 * Okta's recorded traffic (docs/okta-api.md#rate-limits: remaining 10→9→8→7 across POST, GET and DELETE of
 * /sessions) shows ONE bucket for every identity-sources endpoint and method. If Okta splits it this only
 * costs an early wait; splitting it here would cost 429s. Other paths (the token endpoint) get their own key.
 */
export function bucketKey(path: string): string {
  const clean = path.replace(/[?#].*$/, "");
  return /^\/api\/v1\/identity-sources(\/|$)/.test(clean) ? "/api/v1/identity-sources/*" : clean;
}

export interface BucketState {
  limit: number;
  /** The server's last `Remaining` for this window, less every request we sent since. */
  remaining: number;
  /** The window's `X-Rate-Limit-Reset` (epoch seconds): tells a later window (or another bucket) apart. */
  resetEpochS: number;
  /** Local-clock epoch ms after which the window has reset (includes the 1 s margin). */
  resetAtMs: number;
}

/** `probe`: the budget is unknown and this request is sent to learn it; `await-answer`: a probe is out. */
export type GateDecision =
  { kind: "go"; probe: boolean } | { kind: "wait"; ms: number } | { kind: "await-answer" };

export interface BucketView {
  state: BucketState | undefined;
  probing: boolean;
  /** The last answer carried no rate-limit headers (a proxy may strip them): nothing to pace by. */
  unmetered?: boolean;
}

// While the budget is unknown (first request, a window just reset) ONE request goes and the others await its
// answer: sending all would overspend before the budget is known, and their 429s would all wake at one reset.
export function decideRateLimitGate(bucket: BucketView, nowMs: number, reserve: number): GateDecision {
  const { state } = bucket;
  if (state !== undefined && nowMs < state.resetAtMs) {
    return state.remaining > reserve
      ? { kind: "go", probe: false }
      : { kind: "wait", ms: state.resetAtMs - nowMs };
  }
  // Answers without headers (a proxy, an error page) give nothing to pace by, whether or not an earlier,
  // now-passed window had them: holding everyone behind one probe would only serialise the requests.
  if (bucket.unmetered) return { kind: "go", probe: false };
  return bucket.probing ? { kind: "await-answer" } : { kind: "go", probe: true };
}

/** Requests kept in reserve: `ceil((100 − percent)% of limit)`, at least 1 below 100 %, none at 100 %. */
export function reserveFor(limit: number, capacityPercent: number): number {
  return capacityPercent >= 100 ? 0 : Math.max(1, Math.ceil((limit * (100 - capacityPercent)) / 100));
}

interface Bucket extends Required<BucketView> {
  waiters: Set<() => void>;
}

/** `done` must be called once the request is answered or has failed. */
export interface GatePass {
  probe: boolean;
}

export class RateLimitGate {
  private readonly buckets = new Map<string, Bucket>();

  private bucket(key: string): Bucket {
    const fresh = (): Bucket => ({ state: undefined, probing: false, unmetered: false, waiters: new Set() });
    return this.buckets.get(key) ?? this.buckets.set(key, fresh()).get(key)!;
  }

  // Within one window the lower of our count and the server's wins (another client may spend the bucket);
  // a later window replaces ours once ours has ended; an answer about an earlier window is stale.
  update(key: string, headers: Headers, nowMs: number): void {
    const { limit, remaining, reset } = parseRateLimitHeaders(headers);
    const delay = rateLimitResetDelay(headers, nowMs);
    const bucket = this.bucket(key);
    if (limit === undefined || remaining === undefined || reset === undefined || delay === undefined) {
      bucket.unmetered = true;
      return;
    }
    bucket.unmetered = false;
    const fresh: BucketState = { limit, remaining, resetEpochS: reset, resetAtMs: nowMs + delay };
    const state = bucket.state;
    if (state === undefined || (reset > state.resetEpochS && nowMs >= state.resetAtMs - RESET_MARGIN_MS)) {
      bucket.state = fresh;
    } else if (reset === state.resetEpochS) {
      state.remaining = Math.min(state.remaining, remaining);
      // Past our estimate of the reset yet still the same window: we came back early; go by this answer.
      if (nowMs >= state.resetAtMs) state.resetAtMs = fresh.resetAtMs;
    } else if (reset > state.resetEpochS) {
      // An overlapping window (the server keeps more buckets than we assume): the tighter count is safe.
      state.remaining = Math.min(state.remaining, remaining);
    }
    this.wake(bucket);
  }

  /** A pass is counted against the budget. */
  decide(key: string, nowMs: number, capacityPercent: number): GateDecision {
    const bucket = this.bucket(key);
    const reserve = bucket.state ? reserveFor(bucket.state.limit, capacityPercent) : 0;
    const decision = decideRateLimitGate(bucket, nowMs, reserve);
    if (decision.kind === "go") this.count(bucket, decision.probe);
    return decision;
  }

  /** Lets a request through without asking (a wait the caller will not take): still counted. */
  force(key: string): GatePass {
    const bucket = this.bucket(key);
    const probe = bucket.state === undefined && !bucket.probing;
    this.count(bucket, probe);
    return { probe };
  }

  private count(bucket: Bucket, probe: boolean): void {
    if (probe) bucket.probing = true;
    if (bucket.state) bucket.state.remaining = Math.max(0, bucket.state.remaining - 1);
  }

  done(key: string, pass: GatePass): void {
    const bucket = this.bucket(key);
    if (pass.probe) bucket.probing = false;
    this.wake(bucket);
  }

  nextAnswer(key: string): { promise: Promise<void>; cancel: () => void } {
    const bucket = this.bucket(key);
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => (wake = resolve));
    bucket.waiters.add(wake);
    return { promise, cancel: () => (bucket.waiters.delete(wake), wake()) };
  }

  private wake(bucket: Bucket): void {
    const waiters = [...bucket.waiters];
    bucket.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** See `OktaClient.rateLimitHeadroom`. */
  headroom(key: string, nowMs: number): { share: number; resetInMs: number } | undefined {
    const state = this.buckets.get(key)?.state;
    if (state === undefined || nowMs >= state.resetAtMs || state.limit <= 0) return undefined;
    return { share: state.remaining / state.limit, resetInMs: state.resetAtMs - nowMs };
  }

  snapshot(key: string): Readonly<BucketState> | undefined {
    const state = this.buckets.get(key)?.state;
    return state && { ...state };
  }
}

/** Timed waits in a row that may end without the clock having moved before we stop waiting. */
const MAX_STILL_ROUNDS = 5;

export interface AcquireOptions {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  capacityPercent: number;
  maxWaitMs: number;
  deadline: number;
  signal?: AbortSignal;
  onWait?: (delayMs: number) => void;
}

// A wait over `maxWaitMs` or past the deadline is not taken: the request goes out on the reserve, and if the
// bucket really is empty the 429 path decides (and reports) instead of the gate failing silently.
export async function acquire(gate: RateLimitGate, key: string, o: AcquireOptions): Promise<GatePass> {
  for (let still = 0; still < MAX_STILL_ROUNDS;) {
    const now = o.now();
    const decision = gate.decide(key, now, o.capacityPercent);
    if (decision.kind === "go") return { probe: decision.probe };
    if (decision.kind === "wait") {
      if (decision.ms > o.maxWaitMs || now + decision.ms >= o.deadline) break;
      o.onWait?.(decision.ms);
      await o.sleep(decision.ms, o.signal);
      // Bounded: a sleep that does not move the clock must not spin forever.
      still = o.now() === now ? still + 1 : 0;
    } else {
      // Event-driven: every round follows an answer, of which there are finitely many.
      await awaitAnswer(gate, key, o);
    }
  }
  return gate.force(key);
}

/** Not bounded by the deadline: the probe's own attempt timeout bounds it. */
async function awaitAnswer(gate: RateLimitGate, key: string, o: AcquireOptions): Promise<void> {
  const answer = gate.nextAnswer(key);
  o.signal?.addEventListener("abort", answer.cancel, { once: true });
  await answer.promise.finally(() => o.signal?.removeEventListener("abort", answer.cancel));
  // The caller's sleep rejects the way it wants for an aborted signal.
  if (o.signal?.aborted) await o.sleep(0, o.signal);
}

const gates = new Map<string, RateLimitGate>();

export function gateFor(orgUrl: string): RateLimitGate {
  const key = orgUrl.replace(/\/+$/, "").toLowerCase();
  return gates.get(key) ?? gates.set(key, new RateLimitGate()).get(key)!;
}

/** @internal Tests only: forget every org's state. */
export function clearRateLimitState(): void {
  gates.clear();
}
