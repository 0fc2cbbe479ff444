import assert from "node:assert/strict";
import { createManualClock } from "../../src/emulator";
import { isManualClock, oktaTimestamp, realSleep, systemClock } from "../../src/emulator/clock";

describe("emulator clock", () => {
  it("moves a manual clock only when told, and tells subscribers", () => {
    const clock = createManualClock(1_000);
    const seen: number[] = [];
    const unsubscribe = clock.subscribe(() => seen.push(clock.now()));
    clock.advance(500);
    clock.set(2_000);
    unsubscribe();
    clock.advance(1);
    assert.equal(clock.now(), 2_001);
    assert.deepEqual(seen, [1_500, 2_000]);
  });

  it("refuses to move backwards", () => {
    const clock = createManualClock(1_000);
    assert.throws(() => clock.set(999), RangeError);
    assert.throws(() => clock.advance(-1), RangeError);
  });

  it("tells manual clocks from plain ones", () => {
    assert.equal(isManualClock(createManualClock()), true);
    assert.equal(isManualClock(systemClock), false);
  });

  it("formats timestamps with second precision, as Okta does", () => {
    assert.equal(oktaTimestamp(Date.UTC(2026, 3, 19, 20, 30, 31, 999)), "2026-04-19T20:30:31.000Z");
  });

  it("stops a real sleep as soon as it is aborted, with the signal's reason", async () => {
    const controller = new AbortController();
    const sleeping = realSleep(60 * 60_000, controller.signal);
    const reason = new Error("replaced by a newer wake-up");
    controller.abort(reason);
    await assert.rejects(sleeping, (e) => e === reason);
    await assert.rejects(realSleep(60 * 60_000, controller.signal), (e) => e === reason);
  });
});
