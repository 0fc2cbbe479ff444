import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planDigest } from "../../src/import/digest";
import { planImport, type ImportPlan } from "../../src/import/plan";
import { runImport } from "../../src/import/run";
import { openSessionJournal, type SessionJournal } from "../../src/import/session-journal";
import { users } from "../helpers/builders";
import {
  CREATE_PATH,
  START_PATH,
  rejectsWithRunError,
  requestsTo,
  startWorld,
  type RunWorld,
  settingsOf,
} from "./run-support";

/**
 * A job killed mid-run leaves a session of ours open. The rerun on the same machine finds it in the journal
 * and cancels it (never triggered) or follows it (triggered) instead of waiting for it as for another
 * party's; the crashed run is simulated with the client and a journal posing as a process that is gone.
 */

const HOST = "0123456789abcdef";
const CRASHED_PID = 70_001;
const RERUN_PID = 70_002;

describe("runImport after a crash: the session journal", () => {
  let world: RunWorld;
  let dir: string;
  let plan: ImportPlan;
  let warnings: string[];

  const journalAs = (pid: number, running: (pid: number) => boolean = () => false): SessionJournal =>
    openSessionJournal({
      directory: dir,
      orgUrl: world.emulator.url,
      identitySourceId: world.emulator.identitySourceId,
      clock: () => world.clock.now(),
      warn: (m) => warnings.push(m),
      self: { host: HOST, pid },
      isRunning: running,
    });

  /** What the killed job did before dying: create, record, upload `uploads` planned uploads, maybe trigger. */
  async function crashedRun(uploads: number, trigger: boolean, planIndex = 0): Promise<string> {
    const { client, emulator } = world;
    const id = emulator.identitySourceId;
    const journal = journalAs(CRASHED_PID);
    const session = await client.sessions.create(id);
    journal.record(session.id, planIndex, planDigest(plan));
    for (const upload of plan.sessions[planIndex]!.uploads.slice(0, uploads)) {
      assert.equal(upload.kind, "upsertUsers");
      await client.bulk.upsertUsers(id, session.id, upload.body);
    }
    if (trigger) {
      journal.markTriggerSent(session.id);
      await client.sessions.startImport(id, session.id);
    }
    return session.id;
  }

  const rerun = (overrides: Parameters<RunWorld["options"]>[0] = {}, journal = journalAs(RERUN_PID)) =>
    runImport(world.client, world.emulator.identitySourceId, plan, world.options({ journal, ...overrides }));
  const createdSessions = () =>
    requestsTo(world.emulator, "POST", CREATE_PATH).filter((r) => r.status === 201);
  const startsOf = (sessionId: string) =>
    requestsTo(world.emulator, "POST", START_PATH).filter((r) => r.path.includes(`/sessions/${sessionId}/`));
  const statusOf = (sessionId: string) => world.emulator.sessions().find((s) => s.id === sessionId)?.status;

  beforeEach(async () => {
    world = await startWorld({ importDelayMs: 2_000 });
    dir = mkdtempSync(join(tmpdir(), "ois-crash-"));
    warnings = [];
    plan = planImport({ upsertUsers: { profiles: users(450) } });
    assert.equal(plan.sessions[0]!.uploads.length, 3);
  });
  afterEach(async () => {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("cancels a session the crashed run left loading and imports its data in a new one, without waiting", async () => {
    const left = await crashedRun(1, false);
    const result = await rerun();
    assert.equal(statusOf(left), "CLOSED");
    assert.equal(startsOf(left).length, 0, "never triggered");
    assert.equal(result.sessions.length, 1);
    const fresh = result.sessions[0]!;
    assert.notEqual(fresh.id, left);
    assert.deepEqual([fresh.status, fresh.uploads], ["COMPLETED", 3]);
    assert.equal(startsOf(fresh.id).length, 1);
    assert.ok(
      world.lines.some((l) => l.startsWith(`session ${left} (IN_PROGRESS), created by an interrupted run`)),
    );
    assert.ok(!world.lines.some((l) => /waiting for session/.test(l)), world.lines.join("\n"));
    assert.deepEqual(journalAs(RERUN_PID).entries(), [], "nothing left in the journal");
  });

  it("cancels it too when the journal says start-import was sent but Okta never took it", async () => {
    const left = await crashedRun(3, false);
    journalAs(CRASHED_PID).markTriggerSent(left);
    const result = await rerun();
    assert.equal(statusOf(left), "CLOSED");
    assert.equal(result.sessions[0]!.status, "COMPLETED");
  });

  it("follows the session instead when the cancel is refused because start-import reached Okta after all", async () => {
    // The crashed run's start-import was in flight: the rerun's first look still sees the session loading, but
    // by the time it cancels, Okta has it TRIGGERED and refuses. Loading the data again would import it twice.
    const left = await crashedRun(3, true);
    const { emulator, client } = world;
    const seen = await client.sessions.get(emulator.identitySourceId, left);
    emulator.failNext({
      status: 200,
      body: { ...seen, status: "IN_PROGRESS" },
      match: { method: "GET", path: `/sessions/${left}` },
    });
    const before = createdSessions().length;
    const result = await rerun();
    assert.equal(startsOf(left).length, 1, "triggered once, by the crashed run");
    assert.equal(createdSessions().length, before, "its data is not loaded again");
    assert.deepEqual(
      result.sessions.map((s) => [s.id, s.status]),
      [[left, "COMPLETED"]],
    );
  });

  it("without the journal, the same rerun waits for its own session like for another party's and fails", async () => {
    await crashedRun(1, false);
    const { client, emulator } = world;
    const withoutJournal = world.options({ activeSessionWaitSeconds: 60 });
    await rejectsWithRunError(runImport(client, emulator.identitySourceId, plan, withoutJournal), (e) => {
      assert.match(e.message, /is still loading data after waiting/);
    });
  });

  it("leaves a session whose owner still runs to the session gate", async () => {
    const left = await crashedRun(1, false);
    const live = journalAs(RERUN_PID, (pid) => pid === CRASHED_PID);
    await rejectsWithRunError(rerun({ activeSessionWaitSeconds: 60 }, live), (e) => {
      assert.match(e.message, new RegExp(`session ${left} \\(IN_PROGRESS.*is still loading data`));
    });
    assert.equal(statusOf(left), "IN_PROGRESS");
  });

  it("follows a session the crashed run triggered, never triggers it again, and counts it as the planned session", async () => {
    const left = await crashedRun(3, true);
    const before = createdSessions().length;
    const result = await rerun();
    assert.deepEqual(result.sessions, [{ id: left, status: "COMPLETED", planIndex: 0, uploads: 3 }]);
    assert.equal(createdSessions().length, before, "no new session");
    assert.equal(startsOf(left).length, 1, "start-import was sent once, by the crashed run");
    assert.ok(world.lines.some((l) => /was already triggered: following it/.test(l)));
    assert.deepEqual(journalAs(RERUN_PID).entries(), []);
  });

  it("counts a session the crashed run triggered that has COMPLETED since", async () => {
    const left = await crashedRun(3, true);
    world.clock.advance(10_000);
    assert.equal(statusOf(left), "COMPLETED");
    const before = createdSessions().length;
    const result = await rerun();
    assert.deepEqual(
      result.sessions.map((s) => [s.id, s.status]),
      [[left, "COMPLETED"]],
    );
    assert.equal(createdSessions().length, before);
  });

  it("imports the data again when the session the crashed run triggered ended in ERROR", async () => {
    const left = await crashedRun(3, false);
    world.emulator.failNextImport({ sessionId: left });
    journalAs(CRASHED_PID).markTriggerSent(left);
    await world.client.sessions.startImport(world.emulator.identitySourceId, left);
    const result = await rerun();
    assert.equal(statusOf(left), "ERROR");
    assert.equal(startsOf(left).length, 1);
    assert.equal(result.sessions.length, 1);
    assert.notEqual(result.sessions[0]!.id, left);
    assert.equal(result.sessions[0]!.status, "COMPLETED");
  });

  it("runs only the planned sessions the crashed run did not trigger", async () => {
    plan = planImport({ upsertUsers: { profiles: users(10_001) } });
    assert.equal(plan.sessions.length, 2);
    const first = await crashedRun(plan.sessions[0]!.uploads.length, true, 0);
    const result = await rerun();
    assert.deepEqual(
      result.sessions.map((s) => [s.id === first, s.planIndex, s.status]),
      [
        [true, 0, "COMPLETED"],
        [false, 1, "COMPLETED"],
      ],
    );
    assert.equal(startsOf(first).length, 1);
  });

  it("leaves a triggered session carrying other data alone (the data changed since the crash)", async () => {
    const left = await crashedRun(3, true);
    plan = planImport({ upsertUsers: { profiles: users(451) } });
    const result = await rerun();
    assert.notEqual(result.sessions[0]!.id, left);
    assert.equal(startsOf(left).length, 1);
    assert.ok(!world.lines.some((l) => /following it/.test(l)));
  });

  it("ends with the session's id when a followed session is still TRIGGERED at the completion deadline", async () => {
    await world.close();
    world = await startWorld({ importDelayMs: 3_600_000 });
    const left = await crashedRun(3, true);
    const before = createdSessions().length;
    await rejectsWithRunError(rerun({ completionTimeoutSeconds: 60 }), (e) => {
      assert.equal(e.started, true);
      assert.deepEqual(
        e.sessions.map((s) => [s.id, s.status, s.planIndex]),
        [[left, "TRIGGERED", 0]],
      );
      assert.match(e.message, /still TRIGGERED after the completion timeout of 60 s/);
      assert.deepEqual(settingsOf(e), [{ setting: "completionTimeout", seconds: 60 }]);
    });
    assert.equal(createdSessions().length, before, "no second import of the same data");
    assert.deepEqual(journalAs(RERUN_PID).entries(), [], "handed to state: the journal lets it go");
  });

  it("lets go of a session whose follow timed out, so a later run of the same data (a triggers bump) imports again", async () => {
    await world.close();
    world = await startWorld({ importDelayMs: 20_000 });
    // The session is handed to state by the error; the next `up` follows it from there, not from the journal.
    await rejectsWithRunError(rerun({ completionTimeoutSeconds: 5 }), (e) => assert.equal(e.started, true));
    assert.deepEqual(journalAs(RERUN_PID).entries(), []);
    world.clock.advance(30 * 60_000);
    const starts = () => requestsTo(world.emulator, "POST", START_PATH).length;
    const before = starts();
    const again = await rerun({}, journalAs(RERUN_PID + 1));
    assert.equal(starts() - before, 1, "the same data is imported again, not taken from the old session");
    assert.deepEqual(
      again.sessions.map((s) => s.status),
      ["COMPLETED"],
    );
  });

  it("records each session of a normal run until it settles, marking start-import before sending it", async () => {
    const journal = journalAs(RERUN_PID);
    const calls: string[] = [];
    const spy: SessionJournal = {
      ...journal,
      entries: () => journal.entries(),
      ownerOf: (e) => journal.ownerOf(e),
      record: (id, index, digest) => {
        calls.push(`record ${index}`);
        journal.record(id, index, digest);
      },
      markTriggerSent: (id) => {
        calls.push(`trigger-sent ${startsOf(id).length}`);
        journal.markTriggerSent(id);
      },
      remove: (id) => {
        calls.push(`remove ${statusOf(id)}`);
        journal.remove(id);
      },
    };
    await rerun({}, spy);
    assert.deepEqual(calls, ["record 0", "trigger-sent 0", "remove COMPLETED"]);
    assert.deepEqual(journal.entries(), []);
    assert.deepEqual(warnings, []);
  });
});
