/**
 * Fault injection for client tests: the next matching request(s) fail with a status, are delayed, or have
 * their connection dropped, before any other processing (no rate-limit count, no state change); or, with
 * `afterApply`, once the request has been processed, so the client loses or cannot read an answer to a
 * request the server did apply (the case a client cannot tell from a fault before processing).
 */

export interface FaultSpec {
  /** Status to answer with. Default 500 unless `dropConnection` or only `delayMs` is given. */
  status?: number;
  /** How many matching requests this fault applies to. @default 1 */
  times?: number;
  /** Which requests: method (case-insensitive) and a substring of or RegExp over path + query. */
  match?: { method?: string; path?: string | RegExp };
  /** Destroy the socket without answering (after `delayMs`). */
  dropConnection?: boolean;
  /** Wait this long (real time) first; alone, the request is then processed normally. */
  delayMs?: number;
  /**
   * Response body: a string is sent as it is (a truncated JSON text, a proxy's HTML page), anything else as
   * JSON; default is Okta's error body for the status.
   */
  body?: unknown;
  /** `Content-Type` of the body. @default application/json */
  contentType?: string;
  /** Extra response headers (override the rate-limit headers, e.g. a `X-Rate-Limit-Reset` in the past). */
  headers?: Record<string, string>;
  /** Response headers to leave out (case-insensitive), e.g. `X-Rate-Limit-Reset` on a 429. */
  withoutHeaders?: string[];
  /**
   * Process the request first (state changes, rate-limit count), then replace its answer with this fault:
   * `dropConnection` loses it, `status` / `body` / `contentType` garble it (default status: the real one).
   * `"success"`: only a 2xx answer is replaced (a proxy garbling a success); any other is sent as it is.
   */
  afterApply?: boolean | "success";
}

interface PendingFault {
  spec: FaultSpec;
  remaining: number;
}

export class FaultQueue {
  private readonly pending: PendingFault[] = [];

  add(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError("failNext: times must be an integer ≥ 1");
    this.pending.push({ spec, remaining: times });
  }

  /** The first pending fault matching this request, consumed once. */
  take(method: string, pathAndQuery: string): FaultSpec | undefined {
    const index = this.pending.findIndex((p) => matches(p.spec, method, pathAndQuery));
    const found = this.pending[index];
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining === 0) this.pending.splice(index, 1);
    return found.spec;
  }

  get size(): number {
    return this.pending.length;
  }

  clear(): void {
    this.pending.length = 0;
  }
}

function matches(spec: FaultSpec, method: string, pathAndQuery: string): boolean {
  const want = spec.match;
  if (!want) return true;
  if (want.method !== undefined && want.method.toUpperCase() !== method.toUpperCase()) return false;
  if (want.path === undefined) return true;
  if (typeof want.path === "string") return pathAndQuery.includes(want.path);
  want.path.lastIndex = 0; // a /g or /y RegExp keeps state between calls
  return want.path.test(pathAndQuery);
}
