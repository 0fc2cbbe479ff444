import assert from "node:assert/strict";
import { createFakeClock } from "./fake-clock";

describe("createFakeClock", () => {
  it("auto-advance mode moves the clock by each sleep and records it", async () => {
    const clock = createFakeClock(1000, { autoAdvance: true });
    await clock.sleep(250);
    await clock.sleep(750);
    assert.equal(clock.now(), 2000);
    assert.deepEqual(clock.sleeps, [250, 750]);
  });

  it("manual mode wakes sleepers only when time is advanced past their wake-up time", async () => {
    const clock = createFakeClock(0);
    const woke: number[] = [];
    const a = clock.sleep(100).then(() => woke.push(100));
    const b = clock.sleep(50).then(() => woke.push(50));
    clock.advance(60);
    await b;
    assert.deepEqual(woke, [50]);
    assert.equal(clock.pending(), 1);
    clock.advance(40);
    await a;
    assert.deepEqual(woke, [50, 100]);
  });

  it("rejects a sleep when its signal aborts", async () => {
    const clock = createFakeClock(0);
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    controller.abort(new Error("stop"));
    await assert.rejects(sleeping, /stop/);
    assert.equal(clock.pending(), 0);
  });
});
