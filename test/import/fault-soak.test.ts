/**
 * Fault soak: an import job of a few hundred records in two sessions runs against the emulator while a seeded
 * random schedule injects a fault into any of its requests: 429 with and without `X-Rate-Limit-Reset`, 5xx,
 * connection resets, timeouts, 2xx answers with a truncated, HTML or wrong-shape body, and answers lost or
 * garbled after the emulator applied the request. Time is the emulator's manual clock: no real waits.
 *
 * After each schedule: the job ended COMPLETED or with an `ImportRunError`; every session the identity source
 * holds is terminal or recorded in the result or the error; start-import reached the emulator at most once per
 * session; a COMPLETED job left exactly the declared records; an error never says nothing was imported when a
 * session was triggered.
 *
 * Replay one schedule (a failure prints its seed):  SOAK_SEED=123 npx mocha test/import/fault-soak.test.ts
 * Other schedules:  SOAK_FIRST_SEED=5000 SOAK_SCHEDULES=2000 npx mocha test/import/fault-soak.test.ts
 * (defaults: seeds 1–240). SOAK_FAULT_RATE=0.3 makes the network harsher (default 0.1 of requests, 30 % of
 * faults repeating 1–3 times on the same request). SOAK_VERBOSE=1 prints each schedule's outcome and faults.
 */
import assert from "node:assert/strict";
import { TransportError, type Transport } from "../../src/client/transport";
import type { FaultSpec } from "../../src/emulator";
import { planImport, type ImportPlan } from "../../src/import/plan";
import { runImport, type ImportRunResult } from "../../src/import/run";
import { isImportRunError, type ImportRunError } from "../../src/import/run-errors";
import type { ImportData } from "../../src/schemas/import-args";
import { aMembership, groups, randomInt, range, seededRandom, users } from "../helpers/builders";
import { START_PATH, startWorld, type RunWorld } from "./run-support";

/** Share of requests that get a fault. */
const FAULT_RATE = Number(process.env["SOAK_FAULT_RATE"] ?? 0.1);
/** Share of faults that repeat on the next tries of the same request (a burst). */
const BURST_RATE = 0.3;

type FaultKind =
  | "429"
  | "429 without X-Rate-Limit-Reset"
  | "5xx"
  | "5xx after applying"
  | "connection reset"
  | "connection reset after applying"
  | "timeout"
  | "timeout after applying"
  | "2xx with truncated JSON"
  | "2xx with an HTML page"
  | "2xx with wrong-shape JSON";

const FAULT_KINDS: readonly FaultKind[] = [
  "429",
  "429 without X-Rate-Limit-Reset",
  "5xx",
  "5xx after applying",
  "connection reset",
  "connection reset after applying",
  "timeout",
  "timeout after applying",
  "2xx with truncated JSON",
  "2xx with an HTML page",
  "2xx with wrong-shape JSON",
];

/** Faults that answer before the emulator handles the request: it never saw it. */
const NOT_APPLIED: ReadonlySet<FaultKind> = new Set([
  "429",
  "429 without X-Rate-Limit-Reset",
  "5xx",
  "connection reset",
  "timeout",
]);

const HTML = "<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>";

/** The emulator side of a fault; undefined for timeouts, which the transport plays. */
function emulatorFault(kind: FaultKind, random: () => number): Omit<FaultSpec, "match"> | undefined {
  const status5xx = [500, 502, 503, 504][randomInt(random, 0, 3)]!;
  switch (kind) {
    case "429":
      return { status: 429 };
    case "429 without X-Rate-Limit-Reset":
      return { status: 429, withoutHeaders: ["X-Rate-Limit-Reset"] };
    case "5xx":
      return { status: status5xx };
    case "5xx after applying":
      return { afterApply: true, status: status5xx, body: HTML, contentType: "text/html" };
    case "connection reset":
      return { dropConnection: true };
    case "connection reset after applying":
      return { afterApply: true, dropConnection: true };
    case "2xx with truncated JSON":
      return { afterApply: "success", body: '{"id":"aps0000000000000', contentType: "application/json" };
    case "2xx with an HTML page":
      return { afterApply: "success", body: HTML, contentType: "text/html" };
    case "2xx with wrong-shape JSON":
      return { afterApply: "success", body: '{"data":[]}', contentType: "application/json" };
    case "timeout":
    case "timeout after applying":
      return undefined;
  }
}

interface Sent {
  method: string;
  path: string;
  fault: FaultKind | undefined;
}

/** Decides per request whether and how it fails; the emulator plays most faults, the transport timeouts. */
function faultyTransport(
  world: () => RunWorld,
  random: () => number,
  sent: Sent[],
): (t: Transport) => Transport {
  let burst: { key: string; kind: FaultKind; left: number } | undefined;
  return (inner) => async (request) => {
    const url = new URL(request.url);
    const path = `${url.pathname}${url.search}`;
    let kind: FaultKind | undefined;
    if (burst && burst.key === `${request.method} ${path}` && burst.left > 0) {
      burst.left -= 1;
      kind = burst.kind;
    } else if (random() < FAULT_RATE) {
      kind = FAULT_KINDS[randomInt(random, 0, FAULT_KINDS.length - 1)]!;
      // An outage is rarely one answer long: some faults repeat on the next 1–3 tries of the same request.
      burst =
        random() < BURST_RATE
          ? { key: `${request.method} ${path}`, kind, left: randomInt(random, 1, 3) }
          : undefined;
    }
    sent.push({ method: request.method, path: url.pathname, fault: kind });
    if (kind === "timeout")
      throw new TransportError(`no response within ${request.timeoutMs} ms`, "timeout", true, "ETIMEDOUT");
    const spec = kind && emulatorFault(kind, random);
    if (spec) world().emulator.failNext({ ...spec, match: { method: request.method, path } });
    const response = await inner(request);
    if (kind === "timeout after applying")
      throw new TransportError(`no response within ${request.timeoutMs} ms`, "timeout", true, "ETIMEDOUT");
    return response;
  };
}

/** A few hundred records: 20 groups, 240 users, 100 memberships; 15 uploads of ≤25 entities in 2 sessions. */
function soakData(): ImportData {
  return {
    upsertGroups: { profiles: groups(20) },
    upsertUsers: { profiles: users(240) },
    upsertGroupMemberships: {
      memberships: range(20).map((g) => aMembership(g, range(5, g * 12))),
    },
  };
}

const PLAN_LIMITS = { maxEntitiesPerUpload: 25, maxUploadsPerSession: 8 };
/** The job's view of the session limits: the planner's 8 uploads plus Okta's headroom of two. */
const SESSION_LIMITS = { maxUploads: 10, maxUsers: 10_000 };

const TRIGGERED = new Set(["TRIGGERED", "COMPLETED", "ERROR"]);
const TERMINAL = new Set(["COMPLETED", "ERROR", "CLOSED", "EXPIRED"]);

interface Outcome {
  completed: boolean;
}

async function runSchedule(seed: number, plan: ImportPlan, data: ImportData): Promise<Outcome> {
  const random = seededRandom(seed);
  const sent: Sent[] = [];
  // The transport needs the emulator, which starts after the client options are given.
  const late: { world?: RunWorld } = {};
  const world = await startWorld(
    {},
    { random, wrapTransport: faultyTransport(() => late.world!, random, sent), perAttemptTimeoutMs: 30_000 },
  );
  late.world = world;
  const { emulator, client } = world;
  const id = emulator.identitySourceId;
  let result: ImportRunResult | undefined;
  let error: ImportRunError | undefined;
  try {
    try {
      result = await runImport(
        client,
        id,
        plan,
        world.options({ pollIntervalSeconds: 30, sessionLimits: SESSION_LIMITS }),
      );
    } catch (e) {
      assert.ok(
        isImportRunError(e),
        `the job ended with an error that is not an ImportRunError: ${String(e)}`,
      );
      error = e;
    }
    const sessions = emulator.sessions(id);
    const recorded = new Set((result?.sessions ?? error?.sessions ?? []).map((s) => s.id));

    for (const session of sessions) {
      assert.ok(
        TERMINAL.has(session.status) || recorded.has(session.id),
        `session ${session.id} is ${session.status} and recorded nowhere`,
      );
    }

    const starts = new Map<string, number>();
    for (const r of sent) {
      if (r.method !== "POST" || !START_PATH.test(r.path) || (r.fault && NOT_APPLIED.has(r.fault))) continue;
      const sessionId = r.path.split("/").at(-2)!;
      starts.set(sessionId, (starts.get(sessionId) ?? 0) + 1);
    }
    for (const [sessionId, count] of starts)
      assert.ok(count <= 1, `start-import reached the emulator ${count} times for session ${sessionId}`);

    const triggered = sessions.filter((s) => TRIGGERED.has(s.status));
    if (error) {
      if (triggered.length > 0) {
        assert.doesNotMatch(error.message, /Nothing was imported/, "a session was triggered");
        assert.equal(error.started, true, "a session was triggered");
      }
    } else {
      assert.ok(result!.sessions.every((s) => s.status === "COMPLETED"));
      assertRecordsEqual(world, data);
    }
    return { completed: error === undefined };
  } catch (failure) {
    const faults = sent.filter((r) => r.fault).map((r) => `${r.method} ${r.path}: ${r.fault}`);
    const replay = `SOAK_SEED=${seed} npx mocha test/import/fault-soak.test.ts`;
    (failure as Error).message +=
      `\n  schedule seed ${seed}; replay: ${replay}\n  faults:\n    ${faults.join("\n    ")}` +
      (error ? `\n  job error: ${error.message}` : "") +
      `\n  job log:\n    ${world.lines.join("\n    ")}`;
    throw failure;
  } finally {
    if (process.env["SOAK_VERBOSE"]) {
      console.log(`seed ${seed}: ${error ? `error: ${error.message}` : "COMPLETED"}`);
      for (const r of sent.filter((s) => s.fault)) console.log(`  ${r.method} ${r.path}: ${r.fault}`);
    }
    await world.close();
  }
}

function assertRecordsEqual(world: RunWorld, data: ImportData): void {
  const { emulator } = world;
  const active = emulator.users().filter((u) => u.status === "ACTIVE");
  const declaredUsers = data.upsertUsers?.profiles ?? [];
  assert.deepEqual(active.map((u) => u.externalId).sort(), declaredUsers.map((u) => u.externalId).sort());
  for (const declared of declaredUsers) {
    const user = active.find((u) => u.externalId === declared.externalId)!;
    for (const [name, value] of Object.entries(declared.profile))
      assert.equal(user.profile[name], value, `${declared.externalId}.${name}`);
  }
  const declaredGroups = data.upsertGroups?.profiles ?? [];
  assert.deepEqual(
    emulator
      .groups()
      .map((g) => g.externalId)
      .sort(),
    declaredGroups.map((g) => g.externalId).sort(),
  );
  for (const { groupExternalId, memberExternalIds } of data.upsertGroupMemberships?.memberships ?? [])
    assert.deepEqual(emulator.members(groupExternalId), [...memberExternalIds].sort(), groupExternalId);
}

function seeds(): number[] {
  const one = process.env["SOAK_SEED"];
  if (one !== undefined) return [Number(one)];
  const first = Number(process.env["SOAK_FIRST_SEED"] ?? 1);
  return range(Number(process.env["SOAK_SCHEDULES"] ?? 240), first);
}

describe("import job fault soak", function () {
  const data = soakData();
  const plan = planImport(data, PLAN_LIMITS);
  const tally = { completed: 0, errors: 0 };
  let started = 0;

  before(() => {
    assert.equal(plan.sessions.length, 2, "the job spans two sessions");
    started = Date.now();
  });
  after(() => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `      fault soak: ${tally.completed + tally.errors} schedules in ${seconds} s: ` +
        `${tally.completed} completed, ${tally.errors} ended with an error`,
    );
  });

  for (const seed of seeds()) {
    it(`soak schedule seed=${seed}`, async () => {
      const outcome = await runSchedule(seed, plan, data);
      if (outcome.completed) tally.completed += 1;
      else tally.errors += 1;
    });
  }
});
