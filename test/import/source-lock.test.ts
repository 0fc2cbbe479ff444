import assert from "node:assert/strict";
import { withSourceLock } from "../../src/import/source-lock";

/** A job that runs until the test lets it end, recording when it starts and ends. */
function gatedJob(name: string, events: string[], fail = false) {
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => (finish = resolve));
  const run = async () => {
    events.push(`${name} start`);
    await gate;
    events.push(`${name} end`);
    if (fail) throw new Error(`${name} failed`);
    return name;
  };
  return { run, finish };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("withSourceLock", () => {
  it("runs the jobs of one key one after another, in the order they asked, and says when one waits", async () => {
    const events: string[] = [];
    const [a, b, c] = ["a", "b", "c"].map((name) => gatedJob(name, events));
    const queued: string[] = [];
    const results = [
      withSourceLock("source-1", a!.run, () => queued.push("a")),
      withSourceLock("source-1", b!.run, () => queued.push("b")),
      withSourceLock("source-1", c!.run, () => queued.push("c")),
    ];
    await settle();
    assert.deepEqual(events, ["a start"]);
    assert.deepEqual(queued, ["b", "c"], "only the jobs that found another running wait");
    c!.finish();
    b!.finish();
    await settle();
    assert.deepEqual(events, ["a start"], "a later job never starts before the running one ends");
    a!.finish();
    assert.deepEqual(await Promise.all(results), ["a", "b", "c"]);
    assert.deepEqual(events, ["a start", "a end", "b start", "b end", "c start", "c end"]);
  });

  it("lets the next job run after one fails, and hands the failure to its own caller only", async () => {
    const events: string[] = [];
    const failing = gatedJob("a", events, true);
    const next = gatedJob("b", events);
    const first = withSourceLock("source-2", failing.run);
    const second = withSourceLock("source-2", next.run);
    failing.finish();
    await assert.rejects(first, /a failed/);
    next.finish();
    assert.equal(await second, "b");
  });

  it("does not hold jobs of other keys, and frees a key once its jobs are done", async () => {
    const events: string[] = [];
    const a = gatedJob("a", events);
    const b = gatedJob("b", events);
    const first = withSourceLock("source-3", a.run);
    const other = withSourceLock("source-4", b.run);
    await settle();
    assert.deepEqual(events, ["a start", "b start"]);
    a.finish();
    b.finish();
    await Promise.all([first, other]);
    let waited = false;
    await withSourceLock(
      "source-3",
      async () => "again",
      () => (waited = true),
    );
    assert.equal(waited, false, "a finished key has no queue left");
  });
});
