import assert from "node:assert/strict";
import { decideGate, retryAfterRefusal } from "../../src/import/session-gate";
import type { Session } from "../../src/schemas/wire";

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;
const rules = { staleMs: 10 * MIN, cooldownMs: 5 * MIN };

function aSession(id: string, status: string, createdAt: number, updatedAt = createdAt): Session {
  return { id, status, created: iso(createdAt), lastUpdated: iso(updatedAt) };
}

describe("decideGate", () => {
  it("is clear when only finished sessions are listed", () => {
    const sessions = [aSession("aps1", "COMPLETED", T0 - MIN), aSession("aps2", "CLOSED", T0 - MIN)];
    assert.deepEqual(decideGate(sessions, T0, rules), { kind: "clear" });
  });

  it("waits for a fresh IN_PROGRESS session until it would count as abandoned", () => {
    const d = decideGate([aSession("aps1", "IN_PROGRESS", T0 - 2 * MIN, T0 - MIN)], T0, rules);
    assert.equal(d.kind, "wait");
    assert.ok(d.kind === "wait");
    assert.equal(d.blocker.reason, "loading");
    assert.equal(d.blocker.session.id, "aps1");
    assert.equal(d.blocker.until, T0 - MIN + 10 * MIN);
  });

  it("cancels a CREATED/IN_PROGRESS session unchanged for the stale threshold", () => {
    const d = decideGate(
      [
        aSession("aps1", "CREATED", T0 - 10 * MIN),
        aSession("aps2", "IN_PROGRESS", T0 - 30 * MIN, T0 - 11 * MIN),
      ],
      T0,
      rules,
    );
    assert.ok(d.kind === "cancel-stale");
    assert.deepEqual(
      d.stale.map((s) => s.session.id),
      ["aps1", "aps2"],
    );
  });

  it("never cancels a TRIGGERED session, however old", () => {
    const d = decideGate([aSession("aps1", "TRIGGERED", T0 - 60 * MIN)], T0, rules);
    assert.deepEqual(d, { kind: "clear" });
  });

  it("waits out the five minutes after a recent trigger", () => {
    const d = decideGate([aSession("aps1", "TRIGGERED", T0 - 3 * MIN, T0 - 2 * MIN)], T0, rules);
    assert.ok(d.kind === "wait");
    assert.equal(d.blocker.reason, "cooldown");
    assert.equal(d.blocker.until, T0 + 3 * MIN);
  });

  it("names a loading session before a cooldown when both block", () => {
    const d = decideGate(
      [aSession("aps1", "TRIGGERED", T0 - MIN), aSession("aps2", "CREATED", T0 - MIN)],
      T0,
      rules,
    );
    assert.ok(d.kind === "wait");
    assert.equal(d.blocker.session.id, "aps2");
  });

  it("treats a loadable session without timestamps as fresh", () => {
    const d = decideGate([{ id: "aps1", status: "CREATED" }], T0, rules);
    assert.ok(d.kind === "wait");
    assert.equal(d.blocker.until, T0 + 10 * MIN);
    assert.equal(d.blocker.changedAt, undefined);
  });
});

describe("retryAfterRefusal", () => {
  it("waits until five minutes after our own last trigger", () => {
    assert.equal(retryAfterRefusal([], T0, 5 * MIN, 10_000, T0 - MIN), T0 + 4 * MIN);
  });

  it("waits until five minutes after the newest listed session was created", () => {
    const sessions = [
      aSession("aps1", "COMPLETED", T0 - 4 * MIN),
      aSession("aps2", "COMPLETED", T0 - 2 * MIN),
    ];
    assert.equal(retryAfterRefusal(sessions, T0, 5 * MIN, 10_000, undefined), T0 + 3 * MIN);
  });

  it("never retries sooner than the minimum", () => {
    assert.equal(retryAfterRefusal([], T0, 5 * MIN, 10_000, T0 - 60 * MIN), T0 + 10_000);
  });
});
