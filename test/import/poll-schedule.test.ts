import assert from "node:assert/strict";
import { followSession } from "../../src/import/follow";
import { LOW_HEADROOM, nextPollDelay, POLL_SLACK_MS } from "../../src/import/poll-schedule";
import { startWorld, type RunWorld } from "./run-support";

const CEILING = 10_000;
/** The promise documented in docs/polling-and-rate-limits.md (and `npm run bench`'s poll-latency goal). */
const seenBy = (importMs: number) => 1.1 * importMs + 1000;

describe("nextPollDelay", () => {
  it("starts just under a second and grows by a tenth of the time run, up to the configured interval", () => {
    assert.equal(nextPollDelay(0, CEILING, undefined), POLL_SLACK_MS);
    assert.equal(nextPollDelay(10_000, CEILING, undefined), 1_900);
    assert.equal(nextPollDelay(60_000, CEILING, undefined), 6_900);
    assert.equal(nextPollDelay(600_000, CEILING, undefined), CEILING);
    assert.equal(nextPollDelay(0, 500, undefined), 500, "a ceiling below the first wait wins");
  });

  it("polls no faster than the ceiling, or the window's reset, while less than half the window is left", () => {
    const low = LOW_HEADROOM - 0.01;
    assert.equal(nextPollDelay(0, CEILING, { share: low, resetInMs: 30_000 }), CEILING);
    assert.equal(nextPollDelay(0, CEILING, { share: low, resetInMs: 4_000 }), 4_000, "a new window is whole");
    assert.equal(nextPollDelay(0, CEILING, { share: low, resetInMs: 100 }), POLL_SLACK_MS);
    assert.equal(nextPollDelay(0, CEILING, { share: LOW_HEADROOM, resetInMs: 30_000 }), POLL_SLACK_MS);
    assert.equal(nextPollDelay(0, CEILING, { share: 1, resetInMs: 30_000 }), POLL_SLACK_MS);
  });

  it("sees any import finished within 10 % + 1 s of its duration, allowing 100 ms per look", () => {
    for (let importMs = 100; importMs <= 600_000; importMs += 97) {
      let at = 0;
      while (at < importMs) at += nextPollDelay(at, CEILING, undefined) + 100;
      assert.ok(at <= seenBy(importMs), `an import of ${importMs} ms is seen at ${at} ms`);
    }
  });
});

describe("following a session (emulator, fake clock)", () => {
  let world: RunWorld | undefined;
  afterEach(async () => world?.close());

  for (const importMs of [2_000, 20_000]) {
    it(`sees an import of ${importMs / 1000} s completed within 10 % + 1 s`, async () => {
      world = await startWorld({ importDelayMs: importMs });
      const { client, emulator } = world;
      const isId = emulator.identitySourceId;
      const session = await client.sessions.create(isId);
      await client.bulk.upsertUsers(isId, session.id, {
        entityType: "USERS",
        profiles: [{ externalId: "U1", profile: { userName: "u1@example.com", email: "u1@example.com" } }],
      });
      const triggered = await client.sessions.startImport(isId, session.id);
      const start = world.clock.now();
      const ctx = { client, identitySourceId: isId, clock: () => world!.clock.now(), sleep: world.sleep };
      const result = await followSession(
        { ...ctx, signal: undefined, pollMs: CEILING, log: () => {} },
        session.id,
        triggered.status,
        start + 600_000,
      );
      assert.equal(result.status, "COMPLETED");
      const observedMs = world.clock.now() - start;
      assert.ok(observedMs <= seenBy(importMs), `seen after ${observedMs} ms`);
    });
  }
});
