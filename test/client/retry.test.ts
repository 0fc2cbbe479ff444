import assert from "node:assert/strict";
import { backoffDelay, decideRetry, type RetryInput } from "../../src/client/retry";
import { nameSetting } from "../../src/config";

const NOW = Date.UTC(2026, 4, 13, 5, 52, 24);
const base: RetryInput = {
  attempt: 1,
  maxRetries: 5,
  idempotent: true,
  now: NOW,
  deadline: NOW + 300_000,
  requestSent: true,
  random: () => 0.5,
};
const resetIn = (ms: number) => ({
  date: new Date(NOW).toUTCString(),
  "x-rate-limit-reset": String(Math.floor((NOW + ms) / 1000)),
});

describe("decideRetry", () => {
  it("waits until X-Rate-Limit-Reset plus one second on a 429, without jitter", () => {
    const d = decideRetry({ ...base, status: 429, headers: resetIn(20_000), random: () => 0.01 });
    assert.deepEqual(d.retry && d.delayMs, 21_000);
  });

  it("lets Retry-After win over X-Rate-Limit-Reset", () => {
    const d = decideRetry({ ...base, status: 429, headers: { ...resetIn(20_000), "retry-after": "3" } });
    assert.equal(d.retry && d.delayMs, 3_000);
  });

  it("retries a 429 even for a non-idempotent request", () => {
    const d = decideRetry({ ...base, status: 429, idempotent: false, headers: resetIn(1_000) });
    assert.equal(d.retry, true);
  });

  it("stops when the rate-limit wait is longer than maxRateLimitWaitMs", () => {
    const input = { ...base, status: 429, headers: resetIn(200_000), maxRateLimitWaitMs: 120_000 };
    const d = decideRetry({ ...input, nameSetting });
    assert.equal(d.retry, false);
    assert.match(d.reason, /more than okta:maxRateLimitWaitSeconds \/ OKTA_MAX_RATE_LIMIT_WAIT \(120 s\)/);
    // Without the config layer's words, the reason names the option.
    assert.match(decideRetry(input).reason, /more than maxRateLimitWaitMs \(120 s\)/);
  });

  it("falls back to backoff on a 429 without timing headers", () => {
    const d = decideRetry({ ...base, status: 429, headers: {}, attempt: 2 });
    assert.equal(d.retry && d.delayMs, 500); // 0.5 × min(30 s, 500 ms × 2)
  });

  it("backs off exponentially with full jitter on 5xx", () => {
    const delays = [1, 2, 3, 4].map((attempt) => {
      const d = decideRetry({ ...base, status: 503, attempt, random: () => 0.999 });
      return d.retry ? d.delayMs : -1;
    });
    assert.deepEqual(delays, [499, 999, 1998, 3996]);
  });

  it("caps the backoff at 30 s", () => {
    assert.equal(
      backoffDelay(20, () => 0.999999, 500, 30_000),
      29_999,
    );
    assert.equal(
      backoffDelay(3, () => 0, 500, 30_000),
      0,
    );
  });

  it("ignores X-Rate-Limit-Reset on a 5xx but honours Retry-After", () => {
    const d1 = decideRetry({ ...base, status: 500, headers: resetIn(50_000) });
    assert.equal(d1.retry && d1.delayMs, 250);
    const d2 = decideRetry({ ...base, status: 503, headers: { "retry-after": "4" } });
    assert.equal(d2.retry && d2.delayMs, 4_000);
  });

  it("never retries other 4xx", () => {
    for (const status of [400, 401, 403, 404, 409, 422]) {
      assert.equal(decideRetry({ ...base, status }).retry, false, `status ${status}`);
    }
  });

  it("never retries 501 or 505", () => {
    assert.equal(decideRetry({ ...base, status: 501 }).retry, false);
    assert.equal(decideRetry({ ...base, status: 505 }).retry, false);
  });

  it("does not resend a non-idempotent request after a 5xx (ambiguous)", () => {
    const d = decideRetry({ ...base, status: 502, idempotent: false });
    assert.equal(d.retry, false);
    assert.match(d.reason, /not idempotent/);
  });

  it("does not resend a non-idempotent request after a timeout (ambiguous)", () => {
    const d = decideRetry({ ...base, errorKind: "timeout", idempotent: false, requestSent: true });
    assert.equal(d.retry, false);
  });

  it("resends a non-idempotent request when the connection was refused before sending", () => {
    const d = decideRetry({ ...base, errorKind: "network", idempotent: false, requestSent: false });
    assert.equal(d.retry, true);
  });

  it("retries network errors and timeouts of idempotent requests", () => {
    assert.equal(decideRetry({ ...base, errorKind: "network" }).retry, true);
    assert.equal(decideRetry({ ...base, errorKind: "timeout" }).retry, true);
  });

  it("never retries aborted or fatal failures", () => {
    assert.equal(decideRetry({ ...base, errorKind: "aborted" }).retry, false);
    assert.equal(decideRetry({ ...base, errorKind: "fatal", requestSent: false }).retry, false);
  });

  it("stops when no retries are left", () => {
    assert.equal(decideRetry({ ...base, status: 503, attempt: 5 }).retry, true);
    const d = decideRetry({ ...base, status: 503, attempt: 6 });
    assert.equal(d.retry, false);
    assert.match(d.reason, /no retries left after 6/);
  });

  it("never waits past the deadline", () => {
    const d = decideRetry({ ...base, status: 429, headers: resetIn(20_000), deadline: NOW + 10_000 });
    assert.equal(d.retry, false);
    assert.match(d.reason, /deadline/);
  });
});
