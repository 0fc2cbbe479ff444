import assert from "node:assert/strict";
import { planImport } from "../../src/import/plan";
import { runImport } from "../../src/import/run";
import { aMembership, groups, users } from "../helpers/builders";
import {
  START_PATH,
  UPLOAD_PATH,
  acceptedUploads,
  rejectsWithRunError,
  requestsTo,
  startWorld,
  type RunWorld,
} from "./run-support";

/**
 * Uploads answered with a 5xx (or not at all): Okta may or may not have staged them. The job sends the same
 * upload again into the same session while the session's limits leave room for the copy that may be staged,
 * and only then falls back to loading the planned session again in a fresh one.
 */

function job() {
  return planImport({
    upsertGroups: { profiles: groups(2) },
    upsertUsers: { profiles: users(450) },
    upsertGroupMemberships: { memberships: [aMembership(0, [0, 1, 2]), aMembership(1, [3])] },
  });
}

describe("runImport through 5xx answers to uploads", () => {
  let world: RunWorld;
  afterEach(async () => {
    await world?.close();
  });

  it("completes through three 503s in a row on one upload, re-sending it into the same session", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const plan = job();
    emulator.failNext({ status: 503, times: 3, match: { method: "POST", path: "bulk-upsert" } });

    const result = await runImport(client, emulator.identitySourceId, plan, world.options());

    assert.equal(result.sessions.length, 1);
    assert.equal(result.sessions[0]!.status, "COMPLETED");
    assert.equal(result.restarts, 0, "no fresh session needed");
    assert.equal(acceptedUploads(emulator, result.sessions[0]!.id), plan.totals.uploads);
    assert.equal(requestsTo(emulator, "POST", START_PATH).length, 1);
    assert.equal(world.lines.filter((l) => /sending it again into the same session/.test(l)).length, 3);
  });

  it("imports the declared data when the uploads in doubt were staged after all (each twice)", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const plan = job();
    emulator.failNext({ afterApply: true, status: 502, match: { method: "POST", path: "bulk-upsert" } });
    emulator.failNext({ afterApply: true, dropConnection: true, match: { path: "memberships-upsert" } });

    const result = await runImport(client, emulator.identitySourceId, plan, world.options());

    const id = result.sessions[0]!.id;
    assert.equal(result.sessions[0]!.status, "COMPLETED");
    assert.equal(requestsTo(emulator, "POST", UPLOAD_PATH).length, plan.totals.uploads + 2);
    assert.equal(emulator.sessions()[0]!.uploadCount, plan.totals.uploads + 2, "two uploads staged twice");
    assert.equal(emulator.users().length, 450);
    assert.deepEqual(emulator.members("GROUPEXT000000"), ["USEREXT000000", "USEREXT000001", "USEREXT000002"]);
    assert.equal(emulator.groups().length, 2);
    assert.ok(id);
  });

  it("counts each answer in doubt as spent and loads a fresh session when the session has no room for a copy", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const plan = job();
    const count = plan.sessions[0]!.uploads.length;
    emulator.failNext({ status: 503, match: { method: "POST", path: "bulk-upsert" } });

    const result = await runImport(
      client,
      emulator.identitySourceId,
      plan,
      world.options({ sessionLimits: { maxUploads: count, maxUsers: 10_000 } }),
    );

    assert.equal(result.sessions[0]!.status, "COMPLETED");
    assert.equal(result.restarts, 1);
    assert.ok(world.lines.some((l) => /would not fit within the session's limits/.test(l)));
  });

  it("counts re-sent users against the users per session", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    emulator.failNext({ status: 503, match: { method: "POST", path: "bulk-upsert" } });

    const result = await runImport(
      client,
      emulator.identitySourceId,
      job(),
      world.options({ sessionLimits: { maxUploads: 50, maxUsers: 450 + 199 } }),
    );

    assert.equal(result.restarts, 1, "a second copy of 200 users would pass 649");
  });

  it("fails with the upload's error once every session attempt ran out of re-sends", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    emulator.failNext({ status: 503, times: 100, match: { method: "POST", path: "bulk-upsert" } });

    await rejectsWithRunError(runImport(client, emulator.identitySourceId, job(), world.options()), (e) => {
      assert.equal(e.started, false);
      assert.match(e.message, /upload 2\/5 \(upsertUsers, 200 records\) failed: POST .* 503/);
    });
    assert.equal(requestsTo(emulator, "POST", START_PATH).length, 0);
    // 3 session attempts × (1 + 3 re-sends).
    assert.equal(requestsTo(emulator, "POST", /bulk-upsert$/).length, 12);
  });

  it("cancels the failed session through a 429 whose reset is a whole minute away", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    emulator.failNext({ status: 400, match: { method: "POST", path: "bulk-upsert" } });
    const reset = String(Math.floor(world.clock.now() / 1000) + 60);
    emulator.failNext({ status: 429, headers: { "X-Rate-Limit-Reset": reset }, match: { method: "DELETE" } });

    await rejectsWithRunError(runImport(client, emulator.identitySourceId, job(), world.options()), (e) => {
      assert.equal(e.cleanup?.result, "cancelled");
    });
    assert.deepEqual(
      emulator.sessions().map((s) => s.status),
      ["CLOSED"],
    );
  });
});
