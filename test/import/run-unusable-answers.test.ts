import assert from "node:assert/strict";
import { planImport } from "../../src/import/plan";
import { runImport } from "../../src/import/run";
import { users } from "../helpers/builders";
import { CREATE_PATH, START_PATH, requestsTo, startWorld, type RunWorld } from "./run-support";

/**
 * A 2xx whose body cannot be used (cut off, a proxy's HTML page, JSON of the wrong shape) says the request
 * arrived and tells nothing more: it is as ambiguous as a lost answer, and the job reconciles the same way.
 */

const UNUSABLE_BODIES = [
  { name: "truncated JSON", body: '{"id":"aps1', contentType: "application/json" },
  { name: "an HTML page", body: "<html><body>OK</body></html>", contentType: "text/html" },
  { name: "JSON of the wrong shape", body: '{"ok":true}', contentType: "application/json" },
];

const job = () => planImport({ upsertUsers: { profiles: users(3) } });

describe("runImport when Okta answers 2xx with a body it cannot use", () => {
  let world: RunWorld;
  afterEach(async () => {
    await world?.close();
  });

  async function listedStatuses(): Promise<string[]> {
    return (await world.client.sessions.list(world.emulator.identitySourceId)).map((s) => s.status);
  }

  it("lists sessions again within the wait deadline when the list fails through every retry of the client", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    emulator.failNext({ status: 503, times: 6, match: { method: "GET", path: /sessions$/ } });

    const result = await runImport(client, emulator.identitySourceId, job(), world.options());

    assert.equal(result.sessions[0]!.status, "COMPLETED");
    assert.ok(world.lines.some((l) => /could not list sessions .* 503 .*; trying again/.test(l)));
  });

  for (const { name, body, contentType } of UNUSABLE_BODIES) {
    /** The emulator applies the next `times` matching requests and answers each with this body. */
    const garble = (emulator: RunWorld["emulator"], method: string, path: RegExp, times = 1) =>
      emulator.failNext({ afterApply: true, body, contentType, times, match: { method, path } });

    it(`create-session answered with ${name}: finds the session it created and completes with it`, async () => {
      world = await startWorld();
      const { emulator, client } = world;
      garble(emulator, "POST", /sessions$/);

      const result = await runImport(client, emulator.identitySourceId, job(), world.options());

      assert.equal(result.sessions[0]!.status, "COMPLETED");
      assert.deepEqual(await listedStatuses(), ["COMPLETED"], "no session of ours left CREATED");
      assert.equal(requestsTo(emulator, "POST", CREATE_PATH).length, 1, "one create was enough");
      assert.ok(world.lines.some((l) => /found after the create request got no clear answer/.test(l)));
    });

    it(`start-import answered with ${name}: reads the session back, follows it and records COMPLETED`, async () => {
      world = await startWorld();
      const { emulator, client } = world;
      garble(emulator, "POST", START_PATH);

      const result = await runImport(client, emulator.identitySourceId, job(), world.options());

      assert.equal(result.sessions[0]!.status, "COMPLETED");
      assert.equal(requestsTo(emulator, "POST", START_PATH).length, 1, "start-import sent once");
    });

    it(`the session list answered with ${name}: lists again before opening a session`, async () => {
      world = await startWorld();
      const { emulator, client } = world;
      garble(emulator, "GET", /sessions$/);

      const result = await runImport(client, emulator.identitySourceId, job(), world.options());

      assert.equal(result.sessions[0]!.status, "COMPLETED");
      assert.ok(world.lines.some((l) => /could not list sessions .*; trying again/.test(l)));
    });

    it(`a status poll answered with ${name}: polls again instead of failing the running import`, async () => {
      world = await startWorld();
      const { emulator, client } = world;
      garble(emulator, "GET", /\/sessions\/[^/]+$/, 2);

      const result = await runImport(client, emulator.identitySourceId, job(), world.options());

      assert.equal(result.sessions[0]!.status, "COMPLETED");
      assert.ok(world.lines.some((l) => /status check .* polling again/.test(l)));
    });
  }
});
