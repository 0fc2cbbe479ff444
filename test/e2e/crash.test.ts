/**
 * The crash test: the provider host is killed (SIGKILL, the whole process group) at each phase of an import
 * job, then `up` runs again on the same machine (a new host, the same journal directory). The rerun must
 * converge to COMPLETED without waiting for the stale threshold and without triggering any session twice.
 *
 * How the phases are hit exactly: the provider talks to the emulator through a request gate
 * (`harness/request-gate.ts`) that holds the first request of the next phase, so the emulator has seen
 * exactly what the job did up to that point, and the host is killed while it waits for that answer.
 * Time: the emulator runs on a manual clock, so imports finish and Okta's five-minute rule passes when the
 * test says, not after real minutes. The host keeps the real clock; `activeSessionWaitSeconds: 2` makes any
 * wait for a blocking session fail the rerun within seconds instead of hanging it (the control case shows
 * that wait and failure without the journal).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createManualClock, startEmulator, type Emulator, type ManualClock } from "../../src/emulator";
import { prepareFixtureProject, type FixtureProject } from "./harness/fixture";
import { startProviderHost, type ProviderHost } from "./harness/host";
import { runProgram, type EngineState } from "./harness/mini-engine";
import { startRequestGate, type RequestGate, type SeenRequest } from "./harness/request-gate";

const TOKEN = "emu-CANARY-crash-e2e-5d21";
const USERS = 450; // three uploads of at most 200 records: one session
const IMPORT_DELAY_MS = 1_000;
const COOLDOWN_MS = 300_000;

const UPLOAD = /\/sessions\/(\w+)\/bulk-[a-z-]+$/;
const START = /\/sessions\/(\w+)\/start-import$/;
const SESSION = /\/sessions\/(\w+)$/;

type Phase = "after create-session" | "mid-uploads" | "right after start-import" | "while following";

/** Holds the first request of the next phase; everything before it reaches the emulator. */
function killPoint(phase: Phase): (request: SeenRequest) => boolean {
  let uploads = 0;
  let started = false;
  let looks = 0;
  return ({ method, path }) => {
    if (method === "POST" && UPLOAD.test(path)) uploads += 1;
    if (method === "POST" && START.test(path)) started = true;
    if (method === "GET" && started && SESSION.test(path)) looks += 1;
    switch (phase) {
      case "after create-session":
        return uploads === 1;
      case "mid-uploads":
        return uploads === 2;
      case "right after start-import":
        return looks === 1;
      case "while following":
        return looks === 2;
    }
  };
}

describe("e2e: crash test (the provider killed at each phase, then up again on the same machine)", function () {
  this.timeout(120_000);
  let fixture: FixtureProject;
  let emulator: Emulator;
  let clock: ManualClock;
  let gate: RequestGate;
  let journalDir: string;
  let hosts: ProviderHost[];
  let ois: {
    IdentitySourceImport: new (name: string, args: Record<string, unknown>) => Record<string, unknown>;
  };

  before(async () => {
    fixture = await prepareFixtureProject();
    ois = fixture.require("pulumi-okta-identity-source") as typeof ois;
  });

  beforeEach(async () => {
    // The host compares session times with its own (real) clock: start the emulator's at the same time, so
    // nothing looks stale to it.
    clock = createManualClock(Math.floor(Date.now() / 1000) * 1000);
    emulator = await startEmulator({ apiToken: TOKEN, clock, importDelayMs: IMPORT_DELAY_MS });
    gate = await startRequestGate(emulator.url);
    journalDir = mkdtempSync(join(tmpdir(), "ois-crash-journal-"));
    hosts = [];
  });

  afterEach(async () => {
    for (const host of hosts) await host.stop();
    await gate.close();
    await emulator.close();
    rmSync(journalDir, { recursive: true, force: true });
  });

  async function newHost(journal: "on" | "off"): Promise<ProviderHost> {
    const host = await startProviderHost({
      projectDir: fixture.projectDir,
      env: { OKTA_IDENTITY_SOURCE_JOURNAL: journal, OKTA_IDENTITY_SOURCE_JOURNAL_DIR: journalDir },
    });
    hosts.push(host);
    await host.configure({ "okta:orgUrl": gate.url, "okta:apiToken": TOKEN }, ["okta:apiToken"]);
    return host;
  }

  const up = (host: ProviderHost, state: EngineState) =>
    runProgram(
      () => {
        // No stack outputs: the mini engine waits forever on outputs of a resource whose create failed.
        new ois.IdentitySourceImport("crash", {
          identitySourceId: emulator.identitySourceId,
          upsertUsers: {
            profiles: Array.from({ length: USERS }, (_, i) => ({
              externalId: `USEREXT_CRASH_${i}`,
              profile: { userName: `crash.${i}@example.com`, email: `crash.${i}@example.com` },
            })),
          },
          pollIntervalSeconds: 1,
          activeSessionWaitSeconds: 2,
        });
        return {};
      },
      { host, state, projectDir: fixture.projectDir },
    );

  /** Runs `up` until the gate holds the phase's first request, then SIGKILLs the host's process group. */
  async function upKilledAt(phase: Phase, journal: "on" | "off", state: EngineState): Promise<string> {
    const host = await newHost(journal);
    const hold = killPoint(phase);
    let killed: Promise<void> | undefined;
    gate.inspect = (request) => {
      if (killed || !hold(request)) return "forward";
      killed = host.kill();
      return "hold";
    };
    await assert.rejects(up(host, state), /program failed/);
    assert.ok(killed, `the job ended before reaching the phase "${phase}"`);
    await killed;
    gate.inspect = () => "forward";
    const [session, ...others] = emulator.sessions();
    assert.ok(session && others.length === 0, "the killed job created one session");
    return session.id;
  }

  const startImportsPerSession = () => {
    const counts = new Map<string, number>();
    for (const r of emulator.requests) {
      const id = r.method === "POST" ? START.exec(r.path)?.[1] : undefined;
      if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  };

  const phases: { phase: Phase; triggered: boolean }[] = [
    { phase: "after create-session", triggered: false },
    { phase: "mid-uploads", triggered: false },
    { phase: "right after start-import", triggered: true },
    { phase: "while following", triggered: true },
  ];

  for (const { phase, triggered } of phases) {
    it(`killed ${phase}: the rerun ${triggered ? "follows" : "cancels"} its session and completes`, async () => {
      const state: EngineState = new Map();
      const crashed = await upKilledAt(phase, "on", state);
      assert.equal(
        emulator.sessions()[0]!.status,
        triggered ? "TRIGGERED" : phase === "mid-uploads" ? "IN_PROGRESS" : "CREATED",
      );
      assert.equal(state.size, 0, "the create never returned: the engine reruns it");

      // Minutes later: Okta's five-minute rule (counted from the crashed session's creation) has passed.
      if (!triggered) clock.advance(COOLDOWN_MS + 1_000);
      // An import finishes while the rerun follows it: from the second look at a TRIGGERED session (for the
      // crashed one, the first look is the one that decides to follow it).
      const looks = new Map<string, number>();
      gate.inspect = ({ method, path }) => {
        const id = method === "GET" ? SESSION.exec(path)?.[1] : undefined;
        if (id === undefined) return "forward";
        looks.set(id, (looks.get(id) ?? 0) + 1);
        const processing = emulator.sessions().find((s) => s.id === id)?.status === "TRIGGERED";
        if (processing && looks.get(id)! >= 2) clock.advance(IMPORT_DELAY_MS);
        return "forward";
      };
      const host = await newHost("on");
      await up(host, state);

      const outputs = [...state.values()][0]!.outputs;
      assert.equal(outputs["sessionStatus"], "COMPLETED");
      const sessions = outputs["sessions"] as { id: string; status: string }[];
      assert.equal(sessions.length, 1);
      if (triggered) {
        assert.equal(sessions[0]!.id, crashed, "the crashed run's session is the job's session");
        assert.equal(emulator.sessions().length, 1, "no second session: nothing imported twice");
      } else {
        assert.notEqual(sessions[0]!.id, crashed);
        assert.equal(emulator.sessions().find((s) => s.id === crashed)?.status, "CLOSED");
      }
      for (const [id, count] of startImportsPerSession())
        assert.equal(count, 1, `start-import sent ${count}× to ${id}`);
      assert.deepEqual(
        emulator.sessions().filter((s) => s.status !== "COMPLETED" && s.status !== "CLOSED"),
        [],
        "no session left open or processing",
      );
      assert.equal(emulator.users().length, USERS);
      const output = host.output().join("\n");
      assert.match(
        output,
        new RegExp(`session ${crashed} \\(\\w+\\), created by an interrupted run on this machine`),
      );
      assert.doesNotMatch(output, /waiting for session/);
      assert.deepEqual(readdirSync(journalDir), [], "the journal is empty again");
      assert.doesNotMatch(output, new RegExp(TOKEN));
    });
  }

  it("control: with the journal off, the rerun waits for its own session like another party's and fails", async () => {
    const state: EngineState = new Map();
    const crashed = await upKilledAt("mid-uploads", "off", state);
    clock.advance(COOLDOWN_MS + 1_000);
    const host = await newHost("off");
    await assert.rejects(up(host, state), (e: Error) => {
      assert.match(
        e.message,
        new RegExp(`session ${crashed} \\(IN_PROGRESS.*is still loading data after waiting`),
      );
      return true;
    });
    assert.equal(emulator.sessions().find((s) => s.id === crashed)?.status, "IN_PROGRESS");
    assert.deepEqual(readdirSync(journalDir), [], "nothing was written with the journal off");
  });
});
