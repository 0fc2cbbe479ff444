import assert from "node:assert/strict";
import { OktaApiError } from "../../src/client";
import { planImport } from "../../src/import/plan";
import { runImport } from "../../src/import/run";
import { aMembership, aUser, groups, users } from "../helpers/builders";
import {
  CREATE_PATH,
  START,
  START_PATH,
  UPLOAD_PATH,
  acceptedUploads,
  rejectsWithRunError as rejectsWith,
  requestsTo,
  startWorld,
  type RunWorld,
  settingsOf,
} from "./run-support";

const MIN = 60_000;

function smallJob() {
  return planImport({
    upsertGroups: { profiles: groups(2) },
    upsertUsers: { profiles: users(450) },
    upsertGroupMemberships: { memberships: [aMembership(0, [0, 1, 2]), aMembership(1, [3])] },
    deleteUsers: { profiles: [{ externalId: "USEREXT_OLD" }] },
  });
}

describe("runImport", () => {
  let world: RunWorld;
  afterEach(async () => {
    await world?.close();
  });

  it("runs a one-session job to COMPLETED: create, every upload once in plan order, start, follow", async () => {
    world = await startWorld();
    const plan = smallJob();
    const { emulator, client } = world;
    const id = emulator.identitySourceId;

    const result = await runImport(client, id, plan, world.options());

    assert.equal(result.sessions.length, 1);
    const [session] = result.sessions;
    assert.equal(session!.status, "COMPLETED");
    assert.equal(result.uploads, plan.totals.uploads);
    assert.equal(result.restarts, 0);
    assert.equal(requestsTo(emulator, "POST", CREATE_PATH).length, 1);
    assert.equal(requestsTo(emulator, "POST", START_PATH).length, 1);
    const uploads = requestsTo(emulator, "POST", UPLOAD_PATH);
    assert.deepEqual(
      uploads.map((r) => r.path.split("/").pop()),
      plan.sessions[0]!.uploads.map(
        (u) =>
          ({
            upsertGroups: "bulk-groups-upsert",
            upsertUsers: "bulk-upsert",
            upsertMemberships: "bulk-group-memberships-upsert",
            deleteMemberships: "bulk-group-memberships-delete",
            deleteUsers: "bulk-delete",
            deleteGroups: "bulk-groups-delete",
          })[u.kind],
      ),
    );
    assert.ok(uploads.every((r) => r.status === 202));
    // The data is in Okta.
    assert.equal(
      (await client.users.get(id, aUser(449).externalId))?.profile["email"],
      "user449@example.com",
    );
    assert.deepEqual((await client.memberships.listAll(id, "GROUPEXT000000")).sort(), [
      "USEREXT000000",
      "USEREXT000001",
      "USEREXT000002",
    ]);
    assert.deepEqual(world.lines, [
      `session 1/1 ${session!.id}: created`,
      `session 1/1 ${session!.id}: uploaded 6/6`,
      `session 1/1 ${session!.id}: triggered (6 uploads)`,
      // The emulator's import takes 2 s; polls at 0, 0.9, 1.9 and 3.0 s see it (a 5 s interval is the ceiling).
      `session 1/1 ${session!.id}: COMPLETED in 3 s`,
    ]);
  });

  it("never puts a payload value in a progress line", async () => {
    world = await startWorld();
    await runImport(world.client, world.emulator.identitySourceId, smallJob(), world.options());
    const text = world.lines.join("\n");
    assert.doesNotMatch(text, /USEREXT|GROUPEXT|@example\.com/);
  });

  it("runs two sessions one after the other, waiting out the five-minute rule on fake time", async () => {
    // The emulator's default (strict) rule counts a finished session's trigger for five minutes too.
    world = await startWorld({ importDelayMs: 1_000 });
    const plan = planImport({ upsertUsers: { profiles: users(600) } }, { maxUploadsPerSession: 2 });
    assert.equal(plan.totals.sessions, 2);
    const { emulator } = world;

    const result = await runImport(world.client, emulator.identitySourceId, plan, world.options());

    assert.deepEqual(
      result.sessions.map((s) => s.status),
      ["COMPLETED", "COMPLETED"],
    );
    const starts = requestsTo(emulator, "POST", START_PATH);
    const creates = requestsTo(emulator, "POST", CREATE_PATH).filter((r) => r.status === 201);
    assert.equal(creates.length, 2);
    assert.ok(
      creates[1]!.at - starts[0]!.at >= 5 * MIN,
      "the second session opens five minutes after the first trigger",
    );
    assert.ok(creates[1]!.at - starts[0]!.at < 6 * MIN, "and not much later");
    assert.equal(acceptedUploads(emulator, result.sessions[0]!.id), 2);
    assert.equal(acceptedUploads(emulator, result.sessions[1]!.id), 1);
    assert.ok(world.lines.some((l) => /waiting for Okta's five-minute rule until/.test(l)));
  });

  it("waits for another party's session, says which and until when, then fails naming it and how to clear it", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const id = emulator.identitySourceId;
    const theirs = await client.sessions.create(id);
    await client.bulk.upsertUsers(id, theirs.id, { entityType: "USERS", profiles: [aUser(1)] });

    await rejectsWith(
      runImport(client, id, smallJob(), world.options({ activeSessionWaitSeconds: 120 })),
      (e) => {
        assert.equal(e.started, false);
        assert.match(e.message, new RegExp(`session ${theirs.id} \\(IN_PROGRESS`));
        assert.match(e.message, new RegExp(`DELETE /api/v1/identity-sources/${id}/sessions/${theirs.id}`));
        assert.deepEqual(settingsOf(e), [
          { setting: "activeSessionWait", seconds: 120 },
          { setting: "staleSession", seconds: 3600 },
        ]);
        assert.doesNotMatch(e.message, /\.\./, "sentences end with one period");
      },
    );
    assert.equal(world.lines.length, 1);
    assert.match(
      world.lines[0]!,
      new RegExp(
        `^waiting for session ${theirs.id} \\(IN_PROGRESS, created 2026-01-01T09:00:00Z\\) until 2026-01-01T09:02:00Z`,
      ),
    );
    assert.equal(world.clock.now() - START, 2 * MIN);
    assert.equal(
      (await client.sessions.get(id, theirs.id))?.status,
      "IN_PROGRESS",
      "their session is left alone",
    );
    assert.equal(requestsTo(emulator, "POST", CREATE_PATH).length, 1, "we never tried to create one");
  });

  it("with the default knobs, fails after the whole wait rather than cancel another party's quiet session", async () => {
    world = await startWorld();
    const { client } = world;
    const id = world.emulator.identitySourceId;
    const theirs = await client.sessions.create(id);
    await client.bulk.upsertUsers(id, theirs.id, { entityType: "USERS", profiles: [aUser(1)] });

    await rejectsWith(runImport(client, id, smallJob(), world.options()), (e) => {
      assert.equal(e.started, false);
      assert.deepEqual(settingsOf(e), [
        { setting: "activeSessionWait", seconds: 900 },
        { setting: "staleSession", seconds: 3600 },
      ]);
    });
    assert.equal((await client.sessions.get(id, theirs.id))?.status, "IN_PROGRESS", "left alone");
    assert.ok(world.lines.every((l) => !/cancelling/.test(l)));
  });

  it("opens its session five minutes after another party's trigger, while their import still runs", async () => {
    world = await startWorld({ importDelayMs: 10 * MIN });
    const { emulator, client } = world;
    const id = emulator.identitySourceId;
    const theirs = await client.sessions.create(id);
    await client.bulk.upsertUsers(id, theirs.id, { entityType: "USERS", profiles: [aUser(1)] });
    // They finish loading 30 s into our wait (our poll interval is 5 s).
    let triggered = false;
    const sleep = async (ms: number) => {
      await world.sleep(ms);
      if (!triggered && world.clock.now() - START >= 30_000) {
        triggered = true;
        await client.sessions.startImport(id, theirs.id);
      }
    };
    const result = await runImport(
      client,
      id,
      smallJob(),
      world.options({ sleep, completionTimeoutSeconds: 3600 }),
    );
    assert.equal(result.sessions[0]!.status, "COMPLETED");
    const ours = requestsTo(emulator, "POST", CREATE_PATH)
      .filter((r) => r.status === 201)
      .at(-1)!;
    assert.ok(ours.at - START >= 30_000 + 5 * MIN, "not before their trigger plus five minutes");
    assert.ok(ours.at - START < 30_000 + 6 * MIN, "and soon after");
    assert.equal((await client.sessions.get(id, theirs.id))?.status, "COMPLETED");
  });

  it("cancels a stale session (no change for staleSessionSeconds) with a printed line, then runs", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const id = emulator.identitySourceId;
    const crashed = await client.sessions.create(id);
    await client.bulk.upsertUsers(id, crashed.id, { entityType: "USERS", profiles: [aUser(1)] });
    world.clock.advance(11 * MIN);

    const result = await runImport(client, id, smallJob(), world.options({ staleSessionSeconds: 600 }));

    assert.equal(result.sessions[0]!.status, "COMPLETED");
    assert.equal((await client.sessions.get(id, crashed.id))?.status, "CLOSED");
    assert.match(
      world.lines[0]!,
      new RegExp(
        `^cancelling stale session ${crashed.id} \\(IN_PROGRESS, no change since 2026-01-01T09:00:00Z`,
      ),
    );
  });

  it("deletes the session and triggers nothing when an upload is rejected", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    emulator.failNext({ status: 400, match: { method: "POST", path: "bulk-upsert" }, times: 1 });

    await rejectsWith(runImport(client, emulator.identitySourceId, smallJob(), world.options()), (e) => {
      assert.equal(e.started, false);
      assert.equal(e.cleanup?.result, "cancelled");
      assert.equal(e.sessions.length, 1);
      assert.equal(e.sessions[0]!.status, "CLOSED");
      assert.match(e.message, /upload 2\/6 \(upsertUsers, 200 records\) failed: POST .* 400/);
      assert.match(e.message, /was cancelled \(CLOSED\); nothing of it was imported/);
    });
    assert.equal(requestsTo(emulator, "POST", START_PATH).length, 0);
    assert.equal(requestsTo(emulator, "DELETE", /\/sessions\/[^/]+$/).length, 1);
  });

  it("completes exactly once with no duplicate upload through a 429 storm and 5xx answers", async () => {
    world = await startWorld({ rateLimit: { limit: 4, windowSeconds: 60 } });
    const { emulator, client } = world;
    const plan = smallJob();
    // A storm of 429s on user uploads (on top of the bucket the client paces itself against)...
    emulator.failNext({ status: 429, match: { method: "POST", path: "bulk-upsert" }, times: 6 });
    // ...and a 503 on the membership upload: Okta may or may not have staged it.
    emulator.failNext({ status: 503, match: { method: "POST", path: "bulk-group-memberships-upsert" } });

    const result = await runImport(client, emulator.identitySourceId, plan, world.options());

    assert.equal(result.sessions.length, 1);
    assert.equal(result.sessions[0]!.status, "COMPLETED");
    assert.equal(result.restarts, 0);
    assert.equal(requestsTo(emulator, "POST", START_PATH).filter((r) => r.status === 200).length, 1);
    assert.equal(acceptedUploads(emulator, result.sessions[0]!.id), plan.totals.uploads, "each upload once");
    assert.ok(
      emulator.requests.some((r) => r.status === 429),
      "the rate limit was hit",
    );
    assert.equal(requestsTo(emulator, "DELETE", /\/sessions\/[^/]+$/).length, 0, "nothing cancelled");
    assert.ok(
      world.lines.some((l) => /got no clear answer .* sending it again into the same session/.test(l)),
    );
  });

  it("throws an error carrying every session id and status when Okta ends a session in ERROR", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    emulator.failNextImport();
    await rejectsWith(runImport(client, emulator.identitySourceId, smallJob(), world.options()), (e) => {
      assert.equal(e.started, true);
      assert.equal(e.sessions.length, 1);
      assert.equal(e.sessions[0]!.status, "ERROR");
      assert.equal(e.failedSessionId, e.sessions[0]!.id);
      assert.match(e.message, /ended with status ERROR/);
    });
  });

  it("fails after completionTimeoutSeconds with the session still TRIGGERED", async () => {
    world = await startWorld({ importDelayMs: 60 * MIN });
    await rejectsWith(
      runImport(
        world.client,
        world.emulator.identitySourceId,
        smallJob(),
        world.options({ completionTimeoutSeconds: 120 }),
      ),
      (e) => {
        assert.equal(e.started, true);
        assert.equal(e.sessions[0]!.status, "TRIGGERED");
        assert.match(e.message, /is still TRIGGERED after the completion timeout of 120 s/);
        assert.deepEqual(settingsOf(e), [{ setting: "completionTimeout", seconds: 120 }]);
      },
    );
  });

  it("records a session that disappears (404) while followed as UNKNOWN, not as still TRIGGERED", async () => {
    world = await startWorld({ importDelayMs: 10 * MIN });
    const { emulator, client } = world;
    let gets = 0;
    const purging = {
      ...client,
      sessions: {
        ...client.sessions,
        get: async (...args: Parameters<typeof client.sessions.get>) =>
          ++gets > 1 ? undefined : client.sessions.get(...args),
      },
    };
    await rejectsWith(runImport(purging, emulator.identitySourceId, smallJob(), world.options()), (e) => {
      assert.equal(e.started, true);
      assert.equal(e.sessions[0]!.status, "UNKNOWN");
      assert.match(e.message, /disappeared \(404\) while TRIGGERED/);
    });
  });

  it("stops at TRIGGERED when waitForCompletion is false", async () => {
    world = await startWorld({ importDelayMs: 60 * MIN });
    const result = await runImport(
      world.client,
      world.emulator.identitySourceId,
      smallJob(),
      world.options({ waitForCompletion: false }),
    );
    assert.equal(result.sessions[0]!.status, "TRIGGERED");
    assert.equal(requestsTo(world.emulator, "GET", /\/sessions\/[^/]+$/).length, 0);
  });

  it("cancels the incomplete session with a fresh deadline when the job is aborted before start-import", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const controller = new AbortController();
    let uploads = 0;
    const counting = {
      ...client,
      bulk: {
        ...client.bulk,
        upsertUsers: async (...args: Parameters<typeof client.bulk.upsertUsers>) => {
          await client.bulk.upsertUsers(...args);
          if (++uploads === 1) controller.abort(new Error("Ctrl-C"));
        },
      },
    };
    await rejectsWith(
      runImport(
        counting,
        emulator.identitySourceId,
        smallJob(),
        world.options({ signal: controller.signal }),
      ),
      (e) => {
        assert.equal(e.started, false);
        assert.equal(e.cleanup?.result, "cancelled");
        assert.match(e.message, /Ctrl-C/);
      },
    );
    assert.equal(requestsTo(emulator, "POST", START_PATH).length, 0);
    const listed = await client.sessions.list(emulator.identitySourceId);
    assert.deepEqual(
      listed.map((s) => s.status),
      ["CLOSED"],
    );
  });

  it("continues with the session Okta created when create-session got no clear answer", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    let lost = false;
    const flaky = {
      ...client,
      sessions: {
        ...client.sessions,
        create: async (id: string) => {
          const created = await client.sessions.create(id);
          if (lost) return created;
          lost = true;
          throw new OktaApiError({
            status: 0,
            kind: "timeout",
            method: "POST",
            path: `/sessions`,
            attempts: 1,
          });
        },
      },
    };
    const result = await runImport(flaky, emulator.identitySourceId, smallJob(), world.options());
    assert.equal(result.sessions[0]!.status, "COMPLETED");
    const listed = await client.sessions.list(emulator.identitySourceId);
    assert.equal(listed.length, 1, "no stranded second session");
    assert.ok(
      world.lines.some((l) => /created \(found after the create request got no clear answer\)/.test(l)),
    );
  });

  it("reads the session back when start-import got no clear answer, and follows it", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const flaky = {
      ...client,
      sessions: {
        ...client.sessions,
        startImport: async (id: string, sessionId: string) => {
          await client.sessions.startImport(id, sessionId);
          throw new OktaApiError({ status: 502, method: "POST", path: "/start-import", attempts: 1 });
        },
      },
    };
    const result = await runImport(flaky, emulator.identitySourceId, smallJob(), world.options());
    assert.equal(result.sessions[0]!.status, "COMPLETED");
    assert.equal(requestsTo(emulator, "POST", START_PATH).length, 1);
  });
});
