import assert from "node:assert/strict";
import { planImport } from "../../src/import/plan";
import { NOTHING_TO_IMPORT } from "../../src/import/session-status";
import { MAX_RESENDS_PER_UPLOAD } from "../../src/import/resend-budget";
import { runImport } from "../../src/import/run";
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
 * Okta's five-minute rule between our own sessions is part of the job, not a busy identity source: it must
 * not be charged against `activeSessionWaitSeconds`, or a multi-session job with a wait under five minutes
 * could never open its second session. Under the rule's strict reading (the emulator's default) the five
 * minutes also run from the creation of a session of ours that was cancelled, never triggered.
 */

const MIN = 60_000;

describe("runImport: our own five-minute gap and activeSessionWaitSeconds", () => {
  let world: RunWorld;
  afterEach(async () => {
    await world?.close();
  });

  it("a two-session job completes with activeSessionWaitSeconds under five minutes", async () => {
    world = await startWorld({ importDelayMs: 1000 });
    const { emulator, client } = world;
    const plan = planImport({ upsertUsers: { profiles: users(10_001) } });
    assert.equal(plan.totals.sessions, 2);

    const result = await runImport(
      client,
      emulator.identitySourceId,
      plan,
      world.options({ activeSessionWaitSeconds: 120 }),
    );

    assert.deepEqual(
      result.sessions.map((s) => s.status),
      ["COMPLETED", "COMPLETED"],
    );
    const starts = requestsTo(emulator, "POST", START_PATH);
    const created = requestsTo(emulator, "POST", CREATE_PATH).filter((r) => r.status === 201);
    assert.ok(created[1]!.at - starts[0]!.at >= 5 * MIN, "Okta's rule is still respected");
    assert.ok(created[1]!.at - starts[0]!.at < 6 * MIN, "and not much later");
  });

  it("a session restarted after an unclear upload opens with activeSessionWaitSeconds under five minutes", async () => {
    world = await startWorld({ importDelayMs: 1000 });
    const { emulator, client } = world;
    // Okta may or may not have staged an upload answered 503: the job sends it again into the same session
    // (MAX_RESENDS_PER_UPLOAD times), then cancels the session and starts again.
    emulator.failNext({
      status: 503,
      times: 1 + MAX_RESENDS_PER_UPLOAD,
      match: { method: "POST", path: "bulk-upsert" },
    });

    const result = await runImport(
      client,
      emulator.identitySourceId,
      planImport({ upsertUsers: { profiles: users(3) } }),
      world.options({ activeSessionWaitSeconds: 120 }),
    );

    assert.equal(result.restarts, 1);
    assert.deepEqual(
      result.sessions.map((s) => s.status),
      ["COMPLETED"],
    );
    const created = requestsTo(emulator, "POST", CREATE_PATH).filter((r) => r.status === 201);
    assert.equal(created.length, 2);
    assert.ok(created[1]!.at - created[0]!.at >= 5 * MIN, "Okta's rule is still respected");
    assert.ok(created[1]!.at - created[0]!.at < 6 * MIN, "and not much later");
  });

  it("the session after a cancelled empty one opens with activeSessionWaitSeconds under five minutes", async () => {
    world = await startWorld({ importDelayMs: 1000 });
    const { emulator, client } = world;
    const id = emulator.identitySourceId;
    const [kept] = users(1, 900);
    await client.users.create(id, kept!);
    // Session 1 deletes 200 users already gone (Okta stages nothing: cancelled), session 2 deletes one that exists.
    const plan = planImport(
      { deleteUsers: { profiles: [...users(200), kept!].map(({ externalId }) => ({ externalId })) } },
      { maxUploadsPerSession: 1 },
    );
    assert.equal(plan.totals.sessions, 2);

    const result = await runImport(client, id, plan, world.options({ activeSessionWaitSeconds: 120 }));

    assert.deepEqual(
      result.sessions.map((s) => s.status),
      [NOTHING_TO_IMPORT, "COMPLETED"],
    );
    assert.equal(emulator.users()[0]!.status, "DEACTIVATED");
  });

  it("still charges another party's blocking against the wait after our own gap", async () => {
    world = await startWorld({ importDelayMs: 1000 });
    const { emulator, client } = world;
    const id = emulator.identitySourceId;
    const plan = planImport({ upsertUsers: { profiles: users(10_001) } });
    // Another party opens a session as soon as Okta allows after our first trigger, and keeps loading it.
    const { sessions } = client;
    let theirs: string | undefined;
    const withRival = {
      ...client,
      sessions: {
        ...sessions,
        startImport: async (...args: Parameters<typeof sessions.startImport>) => {
          const started = await sessions.startImport(...args);
          if (theirs === undefined) {
            world.clock.advance(5 * MIN);
            const other = await sessions.create(id);
            await client.bulk.upsertUsers(id, other.id, { entityType: "USERS", profiles: users(1, 50_000) });
            theirs = other.id;
          }
          return started;
        },
      },
    };

    await rejectsWithRunError(
      runImport(withRival, id, plan, world.options({ activeSessionWaitSeconds: 120 })),
      (e) => {
        assert.match(e.message, new RegExp(`session ${theirs!} \\(IN_PROGRESS`));
        assert.deepEqual(settingsOf(e), [
          { setting: "activeSessionWait", seconds: 120 },
          { setting: "staleSession", seconds: 3600 },
        ]);
      },
    );
  });
});
