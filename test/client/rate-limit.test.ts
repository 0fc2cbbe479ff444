import assert from "node:assert/strict";
import nock from "nock";
import { bucketKey, RateLimitGate, reserveFor } from "../../src/client/rate-limit";
import { createFakeClock } from "../helpers/fake-clock";
import { httpDate, ISID, makeClient, ORG, SESSION, SESSION_ID, START, useNock } from "./support";

const headers = (remaining: number, resetInS: number, now = START) => ({
  date: httpDate(now),
  "x-rate-limit-limit": "15",
  "x-rate-limit-remaining": String(remaining),
  "x-rate-limit-reset": String(Math.floor(now / 1000) + resetInS),
});

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

  describe("RateLimitGate", () => {
    it("lets requests through while remaining is above the reserve", () => {
      const gate = new RateLimitGate();
      gate.update("k", headers(3, 30), START);
      assert.equal(gate.delayBeforeSend("k", START, 90), 0);
    });
    it("waits until the window resets (plus one second) at or below the reserve", () => {
      const gate = new RateLimitGate();
      gate.update("k", headers(2, 30), START);
      assert.equal(gate.delayBeforeSend("k", START + 1_000, 90), 30_000);
    });
    it("counts requests in flight so concurrent callers do not all spend the same remaining", () => {
      const gate = new RateLimitGate();
      gate.update("k", headers(3, 30), START);
      gate.take("k");
      assert.equal(gate.delayBeforeSend("k", START, 90), 31_000);
    });
    it("forgets a window that has passed", () => {
      const gate = new RateLimitGate();
      gate.update("k", headers(0, 30), START);
      assert.equal(gate.delayBeforeSend("k", START + 31_000, 90), 0);
      assert.equal(gate.snapshot("k"), undefined);
    });
    it("ignores responses without the full header set", () => {
      const gate = new RateLimitGate();
      gate.update("k", { "x-rate-limit-remaining": "0" }, START);
      assert.equal(gate.snapshot("k"), undefined);
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
