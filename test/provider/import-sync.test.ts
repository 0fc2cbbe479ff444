import assert from "node:assert/strict";
import type { ResourceKindProvider } from "../../src/provider/kind";
import { CREATE_PATH, UPLOAD_PATH, requestsTo, startWorld, type RunWorld } from "../import/run-support";
import { aGroup, aMembership, aUser, NOTHING_SENT, userId, users } from "../helpers/builders";
import { blockDigestsOf } from "../../src/provider/import-state";
import { importKind, initErrorOf, MIN, PROVIDER } from "./import-support";

/**
 * Updates of an import's data against the emulator, as the engine drives them: check (which alone sees the
 * previous inputs), diff, update. Only what changed since the last confirmed run is sent.
 */

/** The data of `inputs` without user 2 (and its membership). */
const WITHOUT_USER_2 = {
  upsertUsers: { profiles: users(2) },
  upsertGroupMemberships: { memberships: [aMembership(1, [0, 1])] },
};

function inputs(identitySourceId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __provider: PROVIDER,
    resourceName: "hr-sync",
    identitySourceId,
    upsertUsers: { profiles: users(3) },
    upsertGroups: { profiles: [aGroup(1)] },
    upsertGroupMemberships: { memberships: [aMembership(1, [0, 1, 2])] },
    pollIntervalSeconds: 5,
    ...extra,
  };
}

interface Deployed {
  id: string;
  inputs: Record<string, unknown>;
  outs: Record<string, unknown>;
}

describe("IdentitySourceImport: updates send the changes since the last confirmed run", () => {
  let world: RunWorld;
  let lines: string[];
  let kind: ResourceKindProvider;

  beforeEach(async () => {
    lines = [];
    world = await startWorld();
    kind = importKind(world, lines);
  });
  afterEach(async () => {
    await world?.close();
  });

  const sessionsOpened = () =>
    requestsTo(world.emulator, "POST", CREATE_PATH).filter((r) => r.status === 201).length;
  const uploads = () => requestsTo(world.emulator, "POST", UPLOAD_PATH).length;

  /** What a prune of `WITHOUT_USER_2` leaves: user 2 deactivated, group 1 holding users 0 and 1. */
  async function assertUser2Pruned(isId: string): Promise<void> {
    assert.equal(await world.client.users.get(isId, userId(2)), undefined, "deactivated");
    assert.deepEqual(
      (await world.client.memberships.listAll(isId, aGroup(1).externalId)).sort(),
      [0, 1].map(userId),
    );
  }

  async function create(raw: Record<string, unknown>): Promise<Deployed> {
    assert.deepEqual((await kind.check({}, raw)).failures ?? [], []);
    const created = await kind.create(raw);
    return { id: created.id, inputs: raw, outs: created.outs! };
  }

  /** One `up` with new inputs: check, diff (an update, never a replace), update when diff says so. */
  async function up(previous: Deployed, raw: Record<string, unknown>): Promise<Deployed> {
    world.clock.advance(10 * MIN);
    assert.deepEqual((await kind.check(previous.inputs, raw)).failures ?? [], []);
    const diff = await kind.diff(previous.id, previous.outs, raw);
    assert.deepEqual(diff.replaces, []);
    if (!diff.changes) return { ...previous, inputs: raw };
    const updated = await kind.update(previous.id, previous.outs, raw);
    return { id: previous.id, inputs: raw, outs: updated.outs! };
  }

  it("one changed profile: one session, one upload of that user", async () => {
    const isId = world.emulator.identitySourceId;
    const first = await create(inputs(isId));
    assert.equal(first.outs["lastRun"], "all");
    const [sessions, sent] = [sessionsOpened(), uploads()];

    const changed = users(3);
    changed[1] = aUser(1, { profile: { lastName: "Renamed" } });
    const second = await up(first, inputs(isId, { upsertUsers: { profiles: changed } }));
    assert.equal(sessionsOpened() - sessions, 1);
    assert.equal(uploads() - sent, 1);
    assert.deepEqual(second.outs["sent"], { ...NOTHING_SENT, upsertUsers: 1 });
    assert.equal(second.outs["lastRun"], "changes");
    assert.equal(second.outs["sessionStatus"], "COMPLETED");
    assert.deepEqual(second.outs["counts"], {
      ...NOTHING_SENT,
      upsertUsers: 3,
      upsertGroups: 1,
      upsertGroupMemberships: 3,
    });
    assert.equal((await world.client.users.get(isId, userId(1)))?.profile["lastName"], "Renamed");
    assert.ok(
      lines.includes(
        "hr-sync: import plan (changes since the previous declaration; if the last run was not confirmed, every declared record is sent): 1 user upserted; 1 session, 1 upload",
      ),
    );

    const third = await up(second, second.inputs);
    assert.equal(third.outs, second.outs, "an unchanged program: no update");
    assert.equal(sessionsOpened() - sessions, 1);
  });

  it("a new user added to a group: that user and one membership pair", async () => {
    const isId = world.emulator.identitySourceId;
    const first = await create(inputs(isId));
    const second = await up(
      first,
      inputs(isId, {
        upsertUsers: { profiles: users(4) },
        upsertGroupMemberships: { memberships: [aMembership(1, [0, 1, 2, 3])] },
      }),
    );
    assert.deepEqual(second.outs["sent"], { ...NOTHING_SENT, upsertUsers: 1, upsertGroupMemberships: 1 });
    assert.equal(second.outs["uploadCount"], 2);
    assert.deepEqual(
      (await world.client.memberships.listAll(isId, aGroup(1).externalId)).sort(),
      [0, 1, 2, 3].map(userId),
    );
  });

  it("prune: a removed user and its membership pairs are deleted, nothing else is sent; without prune nothing is", async () => {
    const isId = world.emulator.identitySourceId;
    const first = await create(inputs(isId));
    const kept = await up(first, inputs(isId, WITHOUT_USER_2));
    assert.equal(kept.outs["lastRun"], "none");
    assert.deepEqual(kept.outs["sent"], NOTHING_SENT);
    assert.equal(kept.outs["sessionStatus"], "COMPLETED");
    assert.ok(await world.client.users.get(isId, userId(2)), "prune off: the user stays");
    const sessions = sessionsOpened();

    // The baseline is now the second declaration (confirmed, as nothing was to be sent), which lacks user 2.
    const pruned = await up(kept, inputs(isId, { ...WITHOUT_USER_2, prune: true }));
    assert.equal(sessionsOpened(), sessions, "a change of prune alone sends nothing");
    assert.equal(pruned.outs["lastRun"], "none");

    const first2 = await up(pruned, inputs(isId, { prune: true }));
    assert.equal(first2.outs["lastRun"], "changes", "user 2 is declared again: upserted");
    const removed = await up(first2, inputs(isId, { ...WITHOUT_USER_2, prune: true }));
    assert.deepEqual(removed.outs["sent"], { ...NOTHING_SENT, deleteUsers: 1, deleteGroupMemberships: 1 });
    assert.equal(removed.outs["sessionStatus"], "COMPLETED");
    await assertUser2Pruned(isId);
  });

  it("a failed run followed by a change: every declared record is sent again", async () => {
    const isId = world.emulator.identitySourceId;
    const first = await create(inputs(isId));
    const changedA = users(3);
    changedA[0] = aUser(0, { profile: { lastName: "ChangedA" } });
    const rawA = inputs(isId, { upsertUsers: { profiles: changedA } });
    world.clock.advance(10 * MIN);
    await kind.check(first.inputs, rawA);
    world.emulator.failNextImport();
    const failed = await initErrorOf(kind.update(first.id, first.outs, rawA), "expected ERROR");
    assert.equal(failed.properties["sessionStatus"], "ERROR");

    const changedB = [...changedA];
    changedB[2] = aUser(2, { profile: { lastName: "ChangedB" } });
    const after = await up(
      { id: failed.id, inputs: rawA, outs: failed.properties },
      inputs(isId, { upsertUsers: { profiles: changedB } }),
    );
    assert.equal(after.outs["lastRun"], "all");
    assert.deepEqual(after.outs["sent"], {
      ...NOTHING_SENT,
      upsertUsers: 3,
      upsertGroups: 1,
      upsertGroupMemberships: 3,
    });
    assert.equal(after.outs["sessionStatus"], "COMPLETED");
    assert.equal((await world.client.users.get(isId, userId(0)))?.profile["lastName"], "ChangedA");
    assert.equal((await world.client.users.get(isId, userId(2)))?.profile["lastName"], "ChangedB");
  });

  /** A run that removes user 2 with prune (and renames user 0) and ends in ERROR: nothing of it is confirmed. */
  async function failedPruneRun(isId: string): Promise<Deployed> {
    const first = await create(inputs(isId, { prune: true }));
    const changedA = users(2);
    changedA[0] = aUser(0, { profile: { lastName: "ChangedA" } });
    const rawA = inputs(isId, {
      prune: true,
      upsertUsers: { profiles: changedA },
      upsertGroupMemberships: { memberships: [aMembership(1, [0, 1])] },
    });
    world.clock.advance(10 * MIN);
    assert.deepEqual((await kind.check(first.inputs, rawA)).failures ?? [], []);
    world.emulator.failNextImport();
    const failed = await initErrorOf(kind.update(first.id, first.outs, rawA), "expected ERROR");
    assert.equal(failed.properties["sessionStatus"], "ERROR");
    assert.deepEqual(failed.properties["unconfirmedPrunes"], {
      users: [userId(2)],
      memberships: [{ groupExternalId: aGroup(1).externalId, memberExternalIds: [userId(2)] }],
    });
    assert.ok(await world.client.users.get(isId, userId(2)), "the failed run deleted nothing");
    return { id: failed.id, inputs: rawA, outs: failed.properties };
  }

  it("a failed run with prune followed by a change: the unconfirmed records are sent again and the pruned ones deleted", async () => {
    const isId = world.emulator.identitySourceId;
    const failed = await failedPruneRun(isId);
    const changedB = users(2);
    changedB[0] = aUser(0, { profile: { lastName: "ChangedA" } });
    changedB[1] = aUser(1, { profile: { lastName: "ChangedB" } });
    const after = await up(failed, {
      ...failed.inputs,
      upsertUsers: { profiles: changedB },
    });
    assert.equal(after.outs["lastRun"], "all");
    assert.deepEqual(after.outs["sent"], {
      ...NOTHING_SENT,
      upsertUsers: 2,
      upsertGroups: 1,
      upsertGroupMemberships: 2,
      deleteUsers: 1,
      deleteGroupMemberships: 1,
    });
    assert.equal(after.outs["sessionStatus"], "COMPLETED");
    assert.equal(after.outs["unconfirmedPrunes"], undefined, "confirmed: nothing pending");
    assert.equal((await world.client.users.get(isId, userId(0)))?.profile["lastName"], "ChangedA");
    assert.equal((await world.client.users.get(isId, userId(1)))?.profile["lastName"], "ChangedB");
    await assertUser2Pruned(isId);
    assert.ok(
      lines.includes(
        `hr-sync: importing into ${isId}: 1 session, 5 uploads: 1 group upserted, 2 users upserted, ` +
          "2 memberships added, 1 membership removed, 1 user deactivated",
      ),
    );
  });

  it("a failed run with prune, then an up without change: the run again deletes the pruned records", async () => {
    const isId = world.emulator.identitySourceId;
    const failed = await failedPruneRun(isId);
    const after = await up(failed, failed.inputs);
    assert.equal(after.outs["sessionStatus"], "COMPLETED");
    assert.equal(after.outs["sent"] && (after.outs["sent"] as Record<string, number>)["deleteUsers"], 1);
    await assertUser2Pruned(isId);
  });

  it("prune deletes kept from a run that was not confirmed count against maxDeletes at update, before anything is sent", async () => {
    const isId = world.emulator.identitySourceId;
    const failed = await failedPruneRun(isId);
    const raw = { ...failed.inputs, maxDeletes: 1 };
    world.clock.advance(10 * MIN);
    assert.deepEqual((await kind.check(failed.inputs, raw)).failures ?? [], [], "check cannot see them");
    const sessions = sessionsOpened();
    await assert.rejects(
      kind.update(failed.id, failed.outs, raw),
      /^Error: maxDeletes: prune would delete 2 records \(1 users, 0 groups, 1 group memberships\), more than maxDeletes \(1\)/,
    );
    assert.equal(sessionsOpened(), sessions);
  });

  it("a record pending prune that is declared again is not deleted", async () => {
    const isId = world.emulator.identitySourceId;
    const failed = await failedPruneRun(isId);
    const after = await up(failed, inputs(isId, { prune: true }));
    assert.equal(after.outs["sessionStatus"], "COMPLETED");
    assert.deepEqual(after.outs["sent"], {
      ...NOTHING_SENT,
      upsertUsers: 3,
      upsertGroups: 1,
      upsertGroupMemberships: 3,
    });
    assert.ok(await world.client.users.get(isId, userId(2)), "declared again: kept");
  });

  it("a run left TRIGGERED (waitForCompletion: false) is not confirmed: the next change sends everything", async () => {
    const isId = world.emulator.identitySourceId;
    const first = await create(inputs(isId, { waitForCompletion: false }));
    assert.equal(first.outs["sessionStatus"], "TRIGGERED");
    const changed = users(3);
    changed[1] = aUser(1, { profile: { lastName: "Renamed" } });
    const second = await up(
      first,
      inputs(isId, { waitForCompletion: false, upsertUsers: { profiles: changed } }),
    );
    assert.equal(second.outs["lastRun"], "all");
    assert.deepEqual(second.outs["sent"], {
      ...NOTHING_SENT,
      upsertUsers: 3,
      upsertGroups: 1,
      upsertGroupMemberships: 3,
    });
  });

  it("a triggers change, or uploadMode all, sends every declared record", async () => {
    const isId = world.emulator.identitySourceId;
    const EVERYTHING = { ...NOTHING_SENT, upsertUsers: 3, upsertGroups: 1, upsertGroupMemberships: 3 };
    const first = await create(inputs(isId));
    const triggered = await up(first, inputs(isId, { triggers: { resync: "1" } }));
    assert.equal(triggered.outs["lastRun"], "all");
    assert.deepEqual(triggered.outs["sent"], EVERYTHING);

    const changed = users(3);
    changed[1] = aUser(1, { profile: { lastName: "Renamed" } });
    const all = await up(
      triggered,
      inputs(isId, { triggers: { resync: "1" }, upsertUsers: { profiles: changed }, uploadMode: "all" }),
    );
    assert.equal(all.outs["lastRun"], "all");
    assert.deepEqual(all.outs["sent"], EVERYTHING);
  });

  it("prune with a triggers change, or uploadMode all: every declared record, and the removed records deleted", async () => {
    const isId = world.emulator.identitySourceId;
    const first = await create(inputs(isId, { prune: true }));
    const triggered = await up(
      first,
      inputs(isId, { ...WITHOUT_USER_2, prune: true, triggers: { resync: "1" } }),
    );
    assert.equal(triggered.outs["lastRun"], "all");
    assert.deepEqual(triggered.outs["sent"], {
      ...NOTHING_SENT,
      upsertUsers: 2,
      upsertGroups: 1,
      upsertGroupMemberships: 2,
      deleteUsers: 1,
      deleteGroupMemberships: 1,
    });
    assert.equal(await world.client.users.get(isId, userId(2)), undefined, "deactivated");
    assert.ok(
      lines.some((l) => /import plan: .*1 user deactivated/.test(l)),
      lines.join("\n"),
    );
    // The update says what it sends besides every declared record, as for any other reason to send everything.
    const sending =
      "triggers or membershipPacking changed: sending every declared record and 2 deletes of prune " +
      "(1 users, 0 groups, 1 group memberships)";
    assert.ok(
      lines.some((l) => l.endsWith(sending)),
      lines.join("\n"),
    );

    const without1 = {
      upsertUsers: { profiles: users(1) },
      upsertGroupMemberships: { memberships: [aMembership(1, [0])] },
    };
    const all = await up(
      triggered,
      inputs(isId, { ...without1, prune: true, triggers: { resync: "1" }, uploadMode: "all" }),
    );
    assert.equal(all.outs["lastRun"], "all");
    assert.equal(await world.client.users.get(isId, userId(1)), undefined, "deactivated");
  });

  it("prune with a triggers change counts the removed records against maxDeletes at check", async () => {
    const isId = world.emulator.identitySourceId;
    const first = await create(inputs(isId, { prune: true }));
    const news = inputs(isId, {
      upsertUsers: { profiles: users(1) },
      upsertGroupMemberships: { memberships: [aMembership(1, [0])] },
      prune: true,
      maxDeletes: 2,
      triggers: { resync: "1" },
    });
    const failures = (await kind.check(first.inputs, news)).failures ?? [];
    assert.equal(failures[0]?.property, "maxDeletes", JSON.stringify(failures));
  });

  for (const [what, refresh] of [
    ["", false],
    [", even after a refresh saw the session complete", true],
  ] as const)
    it(`a change declared while a session is still TRIGGERED is sent, and its prune deletes made, once it completes${what}`, async () => {
      await world.close();
      world = await startWorld({ importDelayMs: 10 * MIN });
      kind = importKind(world, lines);
      const isId = world.emulator.identitySourceId;
      const raw1 = inputs(isId, { completionTimeoutSeconds: 60, prune: true });
      assert.deepEqual((await kind.check({}, raw1)).failures ?? [], []);
      const failed = await initErrorOf(kind.create(raw1), "TRIGGERED");
      // The change: user 0 renamed, user 2 removed (prune).
      const changed = users(2);
      changed[0] = aUser(0, { profile: { lastName: "Changed" } });
      const raw2 = inputs(isId, {
        completionTimeoutSeconds: 60,
        prune: true,
        upsertUsers: { profiles: changed },
        upsertGroupMemberships: { memberships: [aMembership(1, [0, 1])] },
      });
      assert.deepEqual((await kind.check(raw1, raw2)).failures ?? [], []);
      assert.equal((await kind.diff(failed.id, failed.properties, raw2)).changes, true);
      const stillRunning = await initErrorOf(kind.update(failed.id, failed.properties, raw2), "TRIGGERED");
      world.clock.advance(15 * MIN);
      let outs = stillRunning.properties;
      if (refresh) outs = (await kind.read(failed.id, outs)).props;
      assert.deepEqual((await kind.check(raw2, raw2)).failures ?? [], []);
      const diff = await kind.diff(failed.id, outs, raw2);
      assert.equal(diff.changes, true, "the change was never sent: this must be an update");
      // Each session takes the emulator 10 minutes: the run that sends the change is followed by one more `up`.
      const sending = await initErrorOf(kind.update(failed.id, outs, raw2), "TRIGGERED");
      world.clock.advance(15 * MIN);
      assert.deepEqual((await kind.check(raw2, raw2)).failures ?? [], []);
      assert.equal((await kind.diff(failed.id, sending.properties, raw2)).changes, true);
      const done = (await kind.update(failed.id, sending.properties, raw2)).outs!;
      assert.equal(done["sessionStatus"], "COMPLETED");
      assert.equal((await world.client.users.get(isId, userId(0)))?.profile["lastName"], "Changed");
      assert.equal(await world.client.users.get(isId, userId(2)), undefined, "pruned");
    });

  it("diff after check uses check's finding of a change, and never its finding of none (another resource may share the name)", async () => {
    const isId = world.emulator.identitySourceId;
    const first = await create(inputs(isId));
    const changed = users(3);
    changed[1] = aUser(1, { profile: { lastName: "Renamed" } });
    const raw2 = inputs(isId, { upsertUsers: { profiles: changed } });
    // Outputs that already carry the new inputs' digests: only check's comparison sees the change.
    const stale = { ...first.outs, blockDigests: blockDigestsOf(raw2) };
    assert.deepEqual((await kind.check(first.inputs, raw2)).failures ?? [], []);
    assert.equal((await kind.diff(first.id, stale, raw2)).changes, true);
    // Check of A (a change), then of B (same name, identity source and sizes: none), then diff of A.
    assert.deepEqual((await kind.check(first.inputs, raw2)).failures ?? [], []);
    assert.deepEqual((await kind.check(first.inputs, first.inputs)).failures ?? [], []);
    assert.equal((await kind.diff(first.id, first.outs, raw2)).changes, true);
  });

  it("a stack written by 0.1.0 (no sent, lastRun, uploadMode, prune in state) diffs clean and updates by changes", async () => {
    const isId = world.emulator.identitySourceId;
    const first = await create(inputs(isId));
    const { sent: _s, lastRun: _l, uploadMode: _u, prune: _p, ...older } = first.outs;
    assert.equal((await kind.diff(first.id, older, first.inputs)).changes, false);
    const changed = users(3);
    changed[1] = aUser(1, { profile: { lastName: "Renamed" } });
    const second = await up({ ...first, outs: older }, inputs(isId, { upsertUsers: { profiles: changed } }));
    assert.equal(second.outs["lastRun"], "changes");
    assert.deepEqual(second.outs["sent"], { ...NOTHING_SENT, upsertUsers: 1 });
  });

  it("sends everything when check compared with other inputs than those the last run carried", async () => {
    const isId = world.emulator.identitySourceId;
    const first = await create(inputs(isId));
    const changed = users(3);
    changed[1] = aUser(1, { profile: { lastName: "Renamed" } });
    world.clock.advance(10 * MIN);
    // As after an edit of state: check is given previous inputs the outputs do not describe.
    await kind.check(
      inputs(isId, { upsertUsers: { profiles: users(2) } }),
      inputs(isId, { upsertUsers: { profiles: changed } }),
    );
    const updated = await kind.update(
      first.id,
      first.outs,
      inputs(isId, { upsertUsers: { profiles: changed } }),
    );
    assert.equal(updated.outs!["lastRun"], "all");
    assert.deepEqual(updated.outs!["sent"], {
      ...NOTHING_SENT,
      upsertUsers: 3,
      upsertGroups: 1,
      upsertGroupMemberships: 3,
    });
  });

  it("sends everything when the delta was not computed by a check of this process", async () => {
    const isId = world.emulator.identitySourceId;
    const first = await create(inputs(isId));
    const changed = users(3);
    changed[1] = aUser(1, { profile: { lastName: "Renamed" } });
    world.clock.advance(10 * MIN);
    const fresh = importKind(world, lines);
    const updated = await fresh.update(
      first.id,
      first.outs,
      inputs(isId, { upsertUsers: { profiles: changed } }),
    );
    assert.equal(updated.outs!["lastRun"], "all");
    assert.equal((await world.client.users.get(isId, userId(1)))?.profile["lastName"], "Renamed");
  });
  it("a checked delta serves one update only, even one that sent everything instead (it holds the previous inputs)", async () => {
    const isId = world.emulator.identitySourceId;
    const confirmed = await create(inputs(isId));
    world.clock.advance(10 * MIN);
    world.emulator.failNextImport();
    const failed = await initErrorOf(kind.create(inputs(isId)), "expected ERROR");
    const changed = users(3);
    changed[1] = aUser(1, { profile: { lastName: "Renamed" } });
    const next = inputs(isId, { upsertUsers: { profiles: changed } });
    world.clock.advance(10 * MIN);
    assert.deepEqual((await kind.check(confirmed.inputs, next)).failures ?? [], []);
    const resent = await kind.update(failed.id, failed.properties, next);
    assert.equal(resent.outs!["lastRun"], "all", "the last run was not confirmed");
    world.clock.advance(10 * MIN);
    const again = await kind.update(confirmed.id, confirmed.outs, next);
    assert.equal(
      again.outs!["lastRun"],
      "all",
      "no delta is left over for an update its check did not precede",
    );
    assert.ok(lines.some((l) => l.includes("the previous declaration was not checked in this process")));
  });
});
