/**
 * The rate-limit gate under concurrency, against the emulator's bucket: many requests started at once (as
 * the engine starts the creates of many resources in one provider process). Virtual time: the windows
 * pass without waiting; what is asserted is how many requests Okta would have refused.
 */
import assert from "node:assert/strict";
import { createOktaClient } from "../../src/client";
import { clearRateLimitState } from "../../src/client/rate-limit";
import { createManualClock, startEmulator, type Emulator } from "../../src/emulator";
import { virtualTime } from "../helpers/virtual-time";

const START = Date.UTC(2026, 4, 13, 5, 52, 24) + 370; // not on a whole second, as real time never is

describe("rate-limit gate against the emulator's bucket", function () {
  this.timeout(60_000);
  let emulator: Emulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
    clearRateLimitState();
  });

  async function createConcurrently(users: number, limit: number, capacityPercent: number) {
    const clock = createManualClock(START);
    emulator = await startEmulator({ clock, rateLimit: { limit, windowSeconds: 10 } });
    const time = virtualTime(clock);
    const client = createOktaClient({
      orgUrl: emulator.url,
      auth: { kind: "apiToken", token: emulator.apiToken },
      clock: time.now,
      sleep: time.sleep,
      random: () => 0.5,
      maxApiCapacityPercent: capacityPercent,
      onEvent: (e) => {
        if (e.type === "request") time.inFlight(1);
        if (e.type === "response") time.inFlight(-1);
      },
    });
    const isId = emulator.identitySourceId;
    const profile = (i: number) => ({ userName: `u${i}@example.com`, email: `u${i}@example.com` });
    const outcomes = Promise.allSettled(
      Array.from({ length: users }, (_, i) =>
        client.users.create(isId, { externalId: `U${i}`, profile: profile(i) }),
      ),
    );
    let settled = false;
    void outcomes.then(() => (settled = true));
    await time.runUntil(() => settled);
    const failed = (await outcomes).filter((o) => o.status === "rejected");
    const statuses = emulator.requests.map((r) => r.status);
    return {
      failed: failed.length,
      served: statuses.filter((s) => s !== 429).length,
      throttled: statuses.filter((s) => s === 429).length,
      // Printed, not asserted: the bound is `npm run bench`'s to check.
      ms: clock.now() - START,
      boundMs: (Math.ceil(users / limit) - 1) * 10_000,
    };
  }

  it("creates 300 users started at once against 60 requests per window with no failure and almost no 429", async () => {
    const run = await createConcurrently(300, 60, 100);
    console.log(`      300 concurrent creates, bucket 60/10 s: ${JSON.stringify(run)}`);
    assert.equal(run.failed, 0);
    assert.equal(run.served, 300);
    assert.ok(run.throttled <= 0.05 * run.served, `${run.throttled} requests answered 429`);
  });

  it("keeps its reserve and still gets 300 creates through a bucket of 15 without failures", async () => {
    const run = await createConcurrently(300, 15, 90);
    console.log(`      300 concurrent creates, bucket 15/10 s, 90 %: ${JSON.stringify(run)}`);
    assert.equal(run.failed, 0);
    assert.ok(run.throttled <= 0.05 * run.served, `${run.throttled} requests answered 429`);
  });
});
