import assert from "node:assert/strict";
import { OktaApiError } from "../../src/client";
import type { OktaClient } from "../../src/client/types";
import { planImport } from "../../src/import/plan";
import { runImport } from "../../src/import/run";
import { users } from "../helpers/builders";
import { START, rejectsWithRunError, settingsOf, startWorld, type RunWorld } from "./run-support";

/**
 * create-session that may have reached Okta but whose answer was lost. The job finds the session it created in
 * the list; a session it cannot find must not be left without a word: it blocks the identity source.
 */

const job = () => planImport({ upsertUsers: { profiles: users(3) } });

const timeout = (path: string) =>
  new OktaApiError({ status: 0, kind: "timeout", method: "POST", path, attempts: 1 });
const unavailable = () => new OktaApiError({ status: 503, method: "GET", path: "/sessions", attempts: 3 });

interface Flaky {
  /** Per create call (1-based): does Okta create the session before the answer is lost? */
  creates: (call: number) => boolean;
  /** Per list call (1-based): does it fail? */
  listFails: (call: number) => boolean;
}

function flakyClient(client: OktaClient, flaky: Flaky): OktaClient {
  let creates = 0;
  let lists = 0;
  return {
    ...client,
    sessions: {
      ...client.sessions,
      create: async (id, opts) => {
        if (flaky.creates(++creates)) await client.sessions.create(id, opts);
        throw timeout("/sessions");
      },
      list: async (id, opts) => {
        if (flaky.listFails(++lists)) throw unavailable();
        return client.sessions.list(id, opts);
      },
    },
  };
}

describe("runImport after an ambiguous create-session", () => {
  let world: RunWorld;
  afterEach(async () => {
    await world?.close();
  });

  /** The job's session is the only one Okta lists: none was stranded by the ambiguous create. */
  async function assertOnlyOneCompletedSession(): Promise<void> {
    const listed = await world.client.sessions.list(world.emulator.identitySourceId);
    assert.deepEqual(
      listed.map((s) => s.status),
      ["COMPLETED"],
      "no stranded session",
    );
  }

  it("lists again when the list after the ambiguous create fails, and continues with the session it finds", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const flaky = flakyClient(client, { creates: () => true, listFails: (call) => call === 2 });

    const result = await runImport(flaky, emulator.identitySourceId, job(), world.options());

    assert.equal(result.sessions[0]!.status, "COMPLETED");
    await assertOnlyOneCompletedSession();
    assert.ok(world.lines.some((l) => /could not list sessions .*; trying again/.test(l)));
  });

  it("names the session it may have stranded and how to clear it when the list fails until the wait deadline", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const id = emulator.identitySourceId;
    const flaky = flakyClient(client, { creates: () => true, listFails: (call) => call >= 2 });

    await rejectsWithRunError(runImport(flaky, id, job(), world.options()), (e) => {
      assert.equal(e.started, false);
      assert.match(e.message, new RegExp(`may have created a session in identity source ${id}`));
      assert.match(e.message, new RegExp(`GET /api/v1/identity-sources/${id}/sessions`));
      assert.match(e.message, new RegExp(`DELETE /api/v1/identity-sources/${id}/sessions/\\{sessionId\\}`));
      assert.deepEqual(settingsOf(e), [{ setting: "staleSession", seconds: 3600 }]);
      assert.match(e.message, /503/);
    });
    assert.ok(world.clock.now() - START <= 900_000, "within activeSessionWaitSeconds");
  });

  it("checks the list after its last allowed create too, and continues with a session found there", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const flaky = flakyClient(client, { creates: (call) => call === 3, listFails: () => false });

    const result = await runImport(flaky, emulator.identitySourceId, job(), world.options());

    assert.equal(result.sessions[0]!.status, "COMPLETED");
    await assertOnlyOneCompletedSession();
  });
});
