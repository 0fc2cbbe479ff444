import assert from "node:assert/strict";
import { OktaApiError } from "../../src/client";
import type { OktaClient } from "../../src/client/types";
import { planImport } from "../../src/import/plan";
import { runImport } from "../../src/import/run";
import { users } from "../helpers/builders";
import { START_PATH, rejectsWithRunError, requestsTo, startWorld, type RunWorld } from "./run-support";

/**
 * start-import that reached Okta but whose answer was lost, with the follow-up checks failing in different
 * ways. Whenever the session may have been triggered, its id must reach the error (and so Pulumi's state):
 * otherwise the next `pulumi up` imports the same data again. One that Okta then cancels was never triggered,
 * and is loaded again in a fresh session.
 */

const job = () => planImport({ upsertUsers: { profiles: users(3) } });

const lostAnswer = () =>
  new OktaApiError({ status: 502, method: "POST", path: "/start-import", attempts: 1 });
const timeout = () =>
  new OktaApiError({ status: 0, kind: "timeout", method: "GET", path: "/sessions/x", attempts: 3 });

/** A client whose start-import triggers the session, then answers 502; `get` fails while `failGet()` says so. */
function triggeredButLost(client: OktaClient, failGet: () => boolean): OktaClient {
  return {
    ...client,
    sessions: {
      ...client.sessions,
      startImport: async (id, sessionId) => {
        await client.sessions.startImport(id, sessionId);
        throw lostAnswer();
      },
      get: async (...args) => {
        if (failGet()) throw timeout();
        return client.sessions.get(...args);
      },
    },
  };
}

describe("runImport after an ambiguous start-import", () => {
  let world: RunWorld;
  afterEach(async () => {
    await world?.close();
  });

  it("follows the session when the read-back failed but cancelling was refused and a second read shows it TRIGGERED", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    let gets = 0;
    const flaky = triggeredButLost(client, () => ++gets === 1);

    const result = await runImport(flaky, emulator.identitySourceId, job(), world.options());

    assert.equal(result.sessions[0]!.status, "COMPLETED");
    assert.equal(requestsTo(emulator, "POST", START_PATH).length, 1);
  });

  it("records the session as TRIGGERED (started) when cancelling was refused and it cannot be read at all", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const flaky = triggeredButLost(client, () => true);

    let recorded: string | undefined;
    await rejectsWithRunError(runImport(flaky, emulator.identitySourceId, job(), world.options()), (e) => {
      assert.equal(e.started, true);
      assert.equal(e.sessions.length, 1);
      assert.equal(e.sessions[0]!.status, "TRIGGERED");
      assert.doesNotMatch(e.message, /Nothing was imported/);
      recorded = e.sessions[0]!.id;
    });
    const listed = await client.sessions.list(emulator.identitySourceId);
    assert.deepEqual(
      listed.map((s) => s.id),
      [recorded],
    );
  });

  it("records the session as possibly started when neither cancelling nor reading it back got an answer", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const flaky = triggeredButLost(client, () => true);
    flaky.sessions.cancel = async () => {
      throw new OktaApiError({ status: 503, method: "DELETE", path: "/sessions/x", attempts: 3 });
    };

    await rejectsWithRunError(runImport(flaky, emulator.identitySourceId, job(), world.options()), (e) => {
      assert.equal(e.started, true);
      assert.equal(e.sessions.length, 1);
      assert.equal(e.sessions[0]!.status, "IN_PROGRESS");
      assert.match(e.message, /may have been triggered/);
      assert.doesNotMatch(e.message, /Nothing was imported/);
    });
  });

  it("loads the planned session again in a fresh one when the session could not be read back but was cancelled", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    emulator.failNext({ dropConnection: true, match: { method: "POST", path: START_PATH } });
    // The read-back gets a proxy's page; the cancel that follows works, so the session was never triggered.
    emulator.failNext({
      body: "<html>Bad gateway</html>",
      contentType: "text/html",
      status: 200,
      match: { method: "GET", path: /\/sessions\/[^/]+$/ },
    });

    const result = await runImport(client, emulator.identitySourceId, job(), world.options());

    assert.equal(result.sessions[0]!.status, "COMPLETED");
    assert.equal(result.restarts, 1);
    assert.deepEqual(
      emulator.sessions().map((s) => s.status),
      ["CLOSED", "COMPLETED"],
    );
    assert.ok(world.lines.some((l) => /Okta cancelled it, so it was not triggered/.test(l)));
  });
});
