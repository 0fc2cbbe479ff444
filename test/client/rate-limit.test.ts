import assert from "node:assert/strict";
import nock from "nock";
import {
  acquire,
  bucketKey,
  decideRateLimitGate,
  RateLimitGate,
  reserveFor,
} from "../../src/client/rate-limit";
import { createFakeClock, type FakeClock } from "../helpers/fake-clock";
import { httpDate, ISID, makeClient, ORG, SESSION, SESSION_ID, START, useNock } from "./support";

const headers = (remaining: number, resetInS: number, now = START) => ({
  date: httpDate(now),
  "x-rate-limit-limit": "15",
  "x-rate-limit-remaining": String(remaining),
  "x-rate-limit-reset": String(Math.floor(now / 1000) + resetInS),
});

/** Lets every pending promise callback run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("rate-limit gate", () => {
  describe("reserveFor", () => {
    it("keeps ceil(10 %) of the limit at the default 90 %, at least one", () => {
      assert.equal(reserveFor(15, 90), 2);
      assert.equal(reserveFor(5, 90), 1);
      assert.equal(reserveFor(600, 90), 60);
    });
    it("keeps nothing at 100 %", () => {
      assert.equal(reserveFor(15, 100), 0);
    });
  });

  describe("bucketKey", () => {
    it("puts every identity-sources endpoint in one bucket and keeps others apart", () => {
      assert.equal(bucketKey(`/api/v1/identity-sources/${ISID}/sessions`), "/api/v1/identity-sources/*");
      assert.equal(
        bucketKey(`/api/v1/identity-sources/${ISID}/groups/g/membership?limit=2`),
        "/api/v1/identity-sources/*",
      );
      assert.equal(bucketKey("/oauth2/v1/token"), "/oauth2/v1/token");
    });
  });

  describe("decideRateLimitGate", () => {
    const known = { limit: 15, remaining: 3, resetEpochS: 0, resetAtMs: START + 31_000 };

    it("sends one probe while the budget is unknown and holds the rest for its answer", () => {
      assert.deepEqual(decideRateLimitGate({ state: undefined, probing: false }, START, 2), {
        kind: "go",
        probe: true,
      });
      assert.deepEqual(decideRateLimitGate({ state: undefined, probing: true }, START, 2), {
        kind: "await-answer",
      });
    });
    it("goes while more than the reserve remains, and waits for the reset at the reserve", () => {
      assert.deepEqual(decideRateLimitGate({ state: known, probing: false }, START, 2), {
        kind: "go",
        probe: false,
      });
      assert.deepEqual(decideRateLimitGate({ state: { ...known, remaining: 2 }, probing: false }, START, 2), {
        kind: "wait",
        ms: 31_000,
      });
    });
    it("probes again once the window has reset, instead of releasing everyone who waited for it", () => {
      const passed = { state: { ...known, remaining: 0 }, probing: false };
      assert.deepEqual(decideRateLimitGate(passed, START + 31_000, 2), { kind: "go", probe: true });
      assert.deepEqual(decideRateLimitGate({ ...passed, probing: true }, START + 31_000, 2), {
        kind: "await-answer",
      });
    });
  });

  describe("RateLimitGate", () => {
    it("lets requests through while remaining is above the reserve", () => {
      const gate = new RateLimitGate();
      gate.update("k", headers(3, 30), START);
      assert.deepEqual(gate.decide("k", START, 90), { kind: "go", probe: false });
    });
    it("waits until the window resets (plus one second) at or below the reserve", () => {
      const gate = new RateLimitGate();
      gate.update("k", headers(2, 30), START);
      assert.deepEqual(gate.decide("k", START + 1_000, 90), { kind: "wait", ms: 30_000 });
    });
    it("counts requests in flight so concurrent callers do not all spend the same remaining", () => {
      const gate = new RateLimitGate();
      gate.update("k", headers(3, 30), START);
      assert.equal(gate.decide("k", START, 90).kind, "go");
      assert.deepEqual(gate.decide("k", START, 90), { kind: "wait", ms: 31_000 });
    });
    it("keeps the lower of its own count and the server's within one window", () => {
      const gate = new RateLimitGate();
      gate.update("k", headers(10, 30), START);
      gate.decide("k", START, 100);
      gate.decide("k", START, 100);
      gate.update("k", headers(9, 30), START); // an answer about the first of the two
      assert.equal(gate.snapshot("k")?.remaining, 8);
      gate.update("k", headers(4, 30), START); // another client spent the bucket too
      assert.equal(gate.snapshot("k")?.remaining, 4);
    });
    it("takes a later window once its own has ended, and ignores late answers about an earlier one", () => {
      const gate = new RateLimitGate();
      gate.update("k", headers(0, 30), START);
      const next = START + 31_000;
      gate.update("k", headers(14, 60, next), next);
      assert.equal(gate.snapshot("k")?.remaining, 14);
      gate.update("k", headers(0, 30), next);
      assert.equal(gate.snapshot("k")?.remaining, 14);
    });
    it("pushes its reset back when a probe finds the window not yet over (it came back early)", () => {
      const gate = new RateLimitGate();
      gate.update("k", headers(0, 30), START);
      const early = START + 31_000;
      gate.update("k", { ...headers(0, 30), date: httpDate(early) }, early);
      assert.deepEqual(gate.decide("k", early, 90), { kind: "wait", ms: 1_000 });
    });
    it("reports the share of the window left, and nothing once the window has passed", () => {
      const gate = new RateLimitGate();
      assert.equal(gate.headroom("k", START), undefined);
      gate.update("k", headers(6, 30), START);
      assert.deepEqual(gate.headroom("k", START), { share: 0.4, resetInMs: 31_000 });
      assert.equal(gate.headroom("k", START + 31_000), undefined);
    });
    it("ignores responses without the full header set", () => {
      const gate = new RateLimitGate();
      gate.update("k", { "x-rate-limit-remaining": "0" }, START);
      assert.equal(gate.snapshot("k"), undefined);
    });
  });

  describe("acquire with many callers at once", () => {
    const options = (clock: FakeClock) => ({
      now: clock.now,
      sleep: clock.sleep,
      capacityPercent: 100,
      maxWaitMs: 120_000,
      deadline: START + 300_000,
    });

    it("lets one probe out, then the budget its answer reveals, and holds the rest for the reset", async () => {
      const clock = createFakeClock(START);
      const gate = new RateLimitGate();
      const passed: number[] = [];
      const callers = Array.from({ length: 6 }, (_, i) =>
        acquire(gate, "k", options(clock)).then((pass) => (passed.push(i), pass)),
      );
      await settle();
      assert.deepEqual(passed, [0], "only the probe before any answer");

      const probe = await callers[0]!;
      gate.update("k", { ...headers(3, 10), "x-rate-limit-limit": "4" }, START);
      gate.done("k", probe);
      await settle();
      assert.deepEqual(passed, [0, 1, 2, 3], "three more: the remaining budget");
      assert.equal(clock.pending(), 2, "the others sleep until the reset");

      clock.advance(11_000);
      await settle();
      assert.deepEqual(passed, [0, 1, 2, 3, 4], "after the reset, one probe again");
    });

    it("lets everyone go at once when answers carry no rate-limit headers (nothing to pace by)", async () => {
      const clock = createFakeClock(START);
      const gate = new RateLimitGate();
      const probe = await acquire(gate, "k", options(clock));
      gate.update("k", {}, START);
      gate.done("k", probe);
      const passes = await Promise.all(Array.from({ length: 3 }, () => acquire(gate, "k", options(clock))));
      assert.deepEqual(passes, [{ probe: false }, { probe: false }, { probe: false }]);
    });

    it("lets everyone go at once too when answers stop carrying headers after a window has passed", async () => {
      const clock = createFakeClock(START);
      const gate = new RateLimitGate();
      gate.update("k", headers(10, 10), START);
      clock.advance(60_000);
      const probe = await acquire(gate, "k", options(clock));
      assert.deepEqual(probe, { probe: true }, "the old window has passed: its budget is unknown");
      gate.update("k", {}, clock.now()); // a proxy (or an error page) without the headers
      gate.done("k", probe);
      const passes = await Promise.all(Array.from({ length: 3 }, () => acquire(gate, "k", options(clock))));
      assert.deepEqual(passes, [{ probe: false }, { probe: false }, { probe: false }]);
    });

    it("lets the next caller probe when the probe failed without an answer", async () => {
      const clock = createFakeClock(START);
      const gate = new RateLimitGate();
      const first = await acquire(gate, "k", options(clock));
      let second = false;
      const next = acquire(gate, "k", options(clock)).then(() => (second = true));
      await settle();
      assert.equal(second, false);
      gate.done("k", first);
      await next;
      assert.equal(second, true);
    });

    it("stops waiting for an answer when the caller aborts", async () => {
      const clock = createFakeClock(START);
      const gate = new RateLimitGate();
      await acquire(gate, "k", options(clock));
      const controller = new AbortController();
      const waiting = acquire(gate, "k", { ...options(clock), signal: controller.signal });
      controller.abort();
      await assert.rejects(waiting);
    });
  });

  describe("shared across clients", () => {
    useNock();
    const ONE = `/api/v1/identity-sources/${ISID}/sessions/${SESSION_ID}`;

    it("makes a second client of the same org wait before sending when the first saw a low remaining", async () => {
      nock(ORG).get(ONE).reply(200, SESSION, headers(1, 30));
      nock(ORG).get(`/api/v1/identity-sources/${ISID}/sessions`).reply(200, []);
      const clock = createFakeClock(START, { autoAdvance: true });
      const first = makeClient({}, clock);
      const second = makeClient({}, clock);
      await first.client.sessions.get(ISID, SESSION_ID);
      assert.deepEqual(clock.sleeps, []);
      await second.client.sessions.list(ISID);
      assert.deepEqual(clock.sleeps, [31_000]);
      assert.deepEqual(second.events[0], {
        type: "rate-limit-wait",
        path: `/api/v1/identity-sources/${ISID}/sessions`,
        delayMs: 31_000,
      });
    });

    it("does not slow down a client of another org", async () => {
      nock(ORG).get(ONE).reply(200, SESSION, headers(0, 30));
      nock("https://other.okta.com").get(ONE).reply(200, SESSION);
      const clock = createFakeClock(START, { autoAdvance: true });
      await makeClient({}, clock).client.sessions.get(ISID, SESSION_ID);
      await makeClient({ orgUrl: "https://other.okta.com" }, clock).client.sessions.get(ISID, SESSION_ID);
      assert.deepEqual(clock.sleeps, []);
    });

    it("sends on the reserve rather than wait past the deadline", async () => {
      nock(ORG).get(ONE).twice().reply(200, SESSION, headers(1, 30));
      const clock = createFakeClock(START, { autoAdvance: true });
      const { client } = makeClient({}, clock);
      await client.sessions.get(ISID, SESSION_ID);
      await client.sessions.get(ISID, SESSION_ID, { deadline: START + 5_000 });
      assert.deepEqual(clock.sleeps, []);
    });
  });
});
