import assert from "node:assert/strict";
import {
  parseHttpDate,
  parseRateLimitHeaders,
  parseRetryAfter,
  rateLimitResetDelay,
  serverRetryDelay,
} from "../../src/client/retry-timing";

const NOW = Date.UTC(2026, 4, 13, 5, 52, 24);
const date = (ms: number) => new Date(ms).toUTCString();
const epochS = (ms: number) => String(Math.floor(ms / 1000));

describe("retry-timing", () => {
  describe("parseRateLimitHeaders", () => {
    it("reads limit, remaining and reset as integers", () => {
      assert.deepEqual(
        parseRateLimitHeaders({
          "x-rate-limit-limit": "15",
          "x-rate-limit-remaining": "7",
          "x-rate-limit-reset": "1778651565",
        }),
        { limit: 15, remaining: 7, reset: 1778651565 },
      );
    });
    it("drops malformed values instead of guessing", () => {
      assert.deepEqual(
        parseRateLimitHeaders({ "x-rate-limit-limit": "15.5", "x-rate-limit-remaining": "-1" }),
        {},
      );
    });
  });

  describe("rateLimitResetDelay", () => {
    it("measures Reset against the response Date and adds one second", () => {
      const serverTime = NOW + 3_600_000; // the server clock is an hour ahead of ours
      const headers = { date: date(serverTime), "x-rate-limit-reset": epochS(serverTime + 21_000) };
      assert.equal(rateLimitResetDelay(headers, NOW), 22_000);
    });
    it("uses the local clock when it falls within the second Date names (Date drops the milliseconds)", () => {
      const headers = { date: date(NOW + 700), "x-rate-limit-reset": epochS(NOW + 5_000) };
      assert.equal(rateLimitResetDelay(headers, NOW + 700), 5_300);
    });
    it("uses the local clock when Date is missing", () => {
      assert.equal(rateLimitResetDelay({ "x-rate-limit-reset": epochS(NOW + 5_000) }, NOW), 6_000);
    });
    it("uses the local clock when Date is malformed", () => {
      assert.equal(
        rateLimitResetDelay({ date: "yesterday-ish", "x-rate-limit-reset": epochS(NOW + 5_000) }, NOW),
        6_000,
      );
    });
    it("never goes below the one-second margin when Reset is already past", () => {
      assert.equal(
        rateLimitResetDelay({ date: date(NOW), "x-rate-limit-reset": epochS(NOW - 10_000) }, NOW),
        1_000,
      );
    });
    it("reads a small Reset as delta seconds", () => {
      assert.equal(rateLimitResetDelay({ "x-rate-limit-reset": "30" }, NOW), 31_000);
    });
    it("returns undefined without a Reset header", () => {
      assert.equal(rateLimitResetDelay({ date: date(NOW) }, NOW), undefined);
    });
  });

  describe("parseRetryAfter", () => {
    it("reads delta seconds", () => {
      assert.equal(parseRetryAfter({ "retry-after": "7" }, NOW), 7_000);
    });
    it("reads an HTTP-date relative to the response Date", () => {
      const headers = { date: date(NOW + 60_000), "retry-after": date(NOW + 70_000) };
      assert.equal(parseRetryAfter(headers, NOW), 10_000);
    });
    it("returns undefined for garbage", () => {
      assert.equal(parseRetryAfter({ "retry-after": "soon" }, NOW), undefined);
    });
  });

  describe("serverRetryDelay", () => {
    it("prefers Retry-After over X-Rate-Limit-Reset", () => {
      const headers = { "retry-after": "2", "x-rate-limit-reset": epochS(NOW + 50_000), date: date(NOW) };
      assert.deepEqual(serverRetryDelay(headers, NOW), { delayMs: 2_000, source: "retry-after" });
    });
    it("falls back to X-Rate-Limit-Reset", () => {
      const headers = { "x-rate-limit-reset": epochS(NOW + 50_000), date: date(NOW) };
      assert.deepEqual(serverRetryDelay(headers, NOW), { delayMs: 51_000, source: "x-rate-limit-reset" });
    });
    it("returns undefined when the server said nothing", () => {
      assert.equal(serverRetryDelay({}, NOW), undefined);
    });
  });

  it("parseHttpDate rejects bare numbers", () => {
    assert.equal(parseHttpDate("12345"), undefined);
    assert.equal(parseHttpDate(date(NOW)), NOW);
  });
});
