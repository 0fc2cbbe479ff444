import assert from "node:assert/strict";
import { decideOwnSession, type OwnSessionFacts } from "../../src/import/own-session-decision";
import type { JournalEntry, OwnerState } from "../../src/import/session-journal";

const DIGEST = "a".repeat(64);
const OTHER_DIGEST = "b".repeat(64);

function entry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    sessionId: "aps1",
    createdAt: Date.UTC(2026, 0, 1, 9),
    triggerSent: false,
    planIndex: 0,
    planDigest: DIGEST.slice(0, 32),
    host: "0123456789abcdef",
    pid: 4242,
    ...overrides,
  };
}

function facts(status: string | undefined, owner: OwnerState = "gone", e = entry()): OwnSessionFacts {
  return {
    entry: e,
    owner,
    session: status === undefined ? undefined : { id: e.sessionId, status },
    planDigest: DIGEST,
  };
}

describe("decideOwnSession", () => {
  it("cancels a session a crashed run left CREATED or IN_PROGRESS", () => {
    assert.deepEqual(decideOwnSession(facts("CREATED")), { kind: "cancel" });
    assert.deepEqual(decideOwnSession(facts("IN_PROGRESS")), { kind: "cancel" });
  });

  it("cancels a loading session even when the journal says start-import was sent (it never took effect)", () => {
    assert.deepEqual(decideOwnSession(facts("IN_PROGRESS", "gone", entry({ triggerSent: true }))), {
      kind: "cancel",
    });
  });

  it("follows a TRIGGERED session carrying this plan's data, whatever the journal says about the trigger", () => {
    assert.deepEqual(decideOwnSession(facts("TRIGGERED")), { kind: "follow" });
    assert.deepEqual(decideOwnSession(facts("TRIGGERED", "gone", entry({ triggerSent: true }))), {
      kind: "follow",
    });
  });

  it("leaves a TRIGGERED session carrying other data to the session gate", () => {
    const other = entry({ planDigest: OTHER_DIGEST.slice(0, 32) });
    assert.deepEqual(decideOwnSession(facts("TRIGGERED", "gone", other)), {
      kind: "leave",
      why: "other-data",
    });
  });

  it("forgets a terminal session and counts it only when it COMPLETED this plan's data", () => {
    assert.deepEqual(decideOwnSession(facts("COMPLETED")), { kind: "forget", completed: true });
    assert.deepEqual(decideOwnSession(facts("ERROR")), { kind: "forget", completed: false });
    assert.deepEqual(decideOwnSession(facts("CLOSED")), { kind: "forget", completed: false });
    assert.deepEqual(decideOwnSession(facts("EXPIRED")), { kind: "forget", completed: false });
    const other = entry({ planDigest: OTHER_DIGEST.slice(0, 32) });
    assert.deepEqual(decideOwnSession(facts("COMPLETED", "gone", other)), {
      kind: "forget",
      completed: false,
    });
  });

  it("forgets a session Okta no longer has, without counting it", () => {
    assert.deepEqual(decideOwnSession(facts(undefined)), { kind: "forget", completed: false });
  });

  it("leaves every session of a live owner or another machine to the session gate, whatever its status", () => {
    for (const status of ["CREATED", "IN_PROGRESS", "TRIGGERED", "COMPLETED", undefined]) {
      for (const owner of ["this-process", "running"] as const)
        assert.deepEqual(decideOwnSession(facts(status, owner)), { kind: "leave", why: "owner-alive" });
      assert.deepEqual(decideOwnSession(facts(status, "other-machine")), {
        kind: "leave",
        why: "other-machine",
      });
    }
  });

  it("leaves a status it does not know", () => {
    assert.deepEqual(decideOwnSession(facts("PAUSED")), { kind: "leave", why: "unknown-status" });
  });
});
