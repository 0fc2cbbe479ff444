import assert from "node:assert/strict";
import type { OktaClient } from "../../src/client/types";
import { START_PATH, UPLOAD_PATH, requestsTo, startWorld, type RunWorld } from "../import/run-support";
import { importKind, type InitError, initErrorOf, MIN, PROVIDER } from "./import-support";
import { users } from "../helpers/builders";

/**
 * A re-run after a partial failure runs only the planned sessions that did not finish: sending the completed
 * ones again would repeat up to 48 uploads each, upserting the same records and repeating deletes.
 */

type Recorded = { id: string; status: string; planIndex?: number };

/** The client, except that Okta ends the `n`th triggered session with ERROR. */
function failingNthImport(world: RunWorld, n: number): OktaClient {
  const { client, emulator } = world;
  let starts = 0;
  return {
    ...client,
    sessions: {
      ...client.sessions,
      startImport: async (id, sessionId, opts) => {
        if (++starts === n) emulator.failNextImport({ sessionId });
        return client.sessions.startImport(id, sessionId, opts);
      },
    },
  };
}

describe("IdentitySourceImport: re-running a partly failed job", () => {
  let world: RunWorld;
  let lines: string[];
  const kindFor = (client: OktaClient) => importKind(world, lines, client);
  const accepted = () =>
    requestsTo(world.emulator, "POST", UPLOAD_PATH).filter((r) => r.status === 202).length;

  beforeEach(() => {
    lines = [];
  });
  afterEach(async () => {
    await world?.close();
  });

  async function failSecondSession(): Promise<{ raw: Record<string, unknown>; failed: InitError }> {
    world = await startWorld();
    const kind = kindFor(failingNthImport(world, 2));
    const raw = {
      __provider: PROVIDER,
      resourceName: "hr-sync",
      identitySourceId: world.emulator.identitySourceId,
      // 48 full uploads in session 1, one record in session 2.
      upsertUsers: { profiles: users(48 * 200 + 1) },
      pollIntervalSeconds: 5,
    };
    const failed = await initErrorOf(kind.create(raw), "expected session 2 to end with ERROR");
    return { raw, failed };
  }

  it("records each session's plan index, and runs only the session that did not complete", async () => {
    const { raw, failed } = await failSecondSession();
    const recorded = failed.properties["sessions"] as Recorded[];
    assert.deepEqual(
      recorded.map((s) => [s.status, s.planIndex]),
      [
        ["COMPLETED", 0],
        ["ERROR", 1],
      ],
    );
    const before = accepted();
    world.clock.advance(10 * MIN);

    const updated = await kindFor(world.client).update(failed.id, failed.properties, raw);

    assert.equal(accepted() - before, 1, "only session 2's one upload is sent again");
    assert.equal(requestsTo(world.emulator, "POST", START_PATH).length, 3);
    const sessions = updated.outs!["sessions"] as Recorded[];
    assert.equal(sessions.length, 2);
    assert.deepEqual(sessions[0], recorded[0], "the completed session is kept");
    assert.equal(sessions[1]!.status, "COMPLETED");
    assert.equal(sessions[1]!.planIndex, 1);
    assert.notEqual(sessions[1]!.id, recorded[1]!.id);
    assert.equal(updated.outs!["sessionId"], sessions[1]!.id);
    assert.equal(updated.outs!["sessionStatus"], "COMPLETED");
    assert.ok(lines.some((l) => /running the import again/.test(l) && l.includes(recorded[0]!.id)));
  });

  it("runs the whole job again when the plan differs from the one the sessions carried", async () => {
    // Same data, other plan: a release whose planner packs differently. A kept session index would then
    // stand for other records, and records moved into it would never be imported.
    const { raw, failed } = await failSecondSession();
    const before = accepted();
    world.clock.advance(10 * MIN);

    const updated = await kindFor(world.client).update(
      failed.id,
      { ...failed.properties, planDigest: "0".repeat(64) },
      raw,
    );

    assert.equal(accepted() - before, 49);
    assert.equal(updated.outs!["sessionStatus"], "COMPLETED");
    assert.match(String(updated.outs!["planDigest"]), /^[0-9a-f]{64}$/);
  });

  it("runs the whole job again for state written before plan indexes were recorded", async () => {
    const { raw, failed } = await failSecondSession();
    const old = (failed.properties["sessions"] as Recorded[]).map(({ id, status }) => ({ id, status }));
    const before = accepted();
    world.clock.advance(10 * MIN);

    const updated = await kindFor(world.client).update(
      failed.id,
      { ...failed.properties, sessions: old },
      raw,
    );

    assert.equal(accepted() - before, 49);
    assert.equal(updated.outs!["sessionStatus"], "COMPLETED");
  });
});
