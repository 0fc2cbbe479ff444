import assert from "node:assert/strict";
import { OktaApiError } from "../../src/client";
import type { OktaClient } from "../../src/client/types";
import { START_PATH, requestsTo, startWorld, type RunWorld } from "../import/run-support";
import { importKind, type InitError, initErrorOf, MIN, PROVIDER } from "./import-support";
import { users } from "../helpers/builders";

/**
 * Unfinished jobs across `pulumi refresh`: refresh replaces the engine's init errors with read's result, so
 * from then on only `diff` can send the resource to `update`, which finishes the job.
 */

function inputs(identitySourceId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __provider: PROVIDER,
    resourceName: "hr-sync",
    identitySourceId,
    upsertUsers: { profiles: users(20) },
    pollIntervalSeconds: 5,
    ...extra,
  };
}

/** The client, except that its `n`th create-session is refused (403), as if the token lost a scope. */
function refusingCreate(client: OktaClient, n: number): OktaClient {
  let creates = 0;
  return {
    ...client,
    sessions: {
      ...client.sessions,
      create: async (id, opts) => {
        if (++creates === n)
          throw new OktaApiError({
            status: 403,
            method: "POST",
            path: `/api/v1/identity-sources/${id}/sessions`,
            attempts: 1,
            errorCode: "E0000006",
          });
        return client.sessions.create(id, opts);
      },
    },
  };
}

describe("IdentitySourceImport: an unfinished job after refresh", () => {
  let world: RunWorld;
  let lines: string[];
  const kindFor = (w: RunWorld, client: OktaClient = w.client) => importKind(w, lines, client);

  beforeEach(() => {
    lines = [];
  });
  afterEach(async () => {
    await world?.close();
  });

  it("an ERROR job read back by refresh still diffs as a change (no replace), and update runs it again", async () => {
    world = await startWorld();
    world.emulator.failNextImport();
    const kind = kindFor(world);
    const raw = inputs(world.emulator.identitySourceId);
    const failed = await initErrorOf(kind.create(raw), "expected ERROR");

    const read = await kind.read(failed.id, failed.properties);
    assert.equal(read.props!["sessionStatus"], "ERROR");
    const diff = await kind.diff(failed.id, read.props, raw);
    assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });

    world.clock.advance(10 * MIN);
    const updated = await kind.update(failed.id, read.props, raw);
    assert.equal(updated.outs!["sessionStatus"], "COMPLETED");
    assert.equal(await kind.diff(failed.id, updated.outs, raw).then((d) => d.changes), false);
  });

  it("a timed-out job read back by refresh still diffs as a change, and update follows its session", async () => {
    world = await startWorld({ importDelayMs: 10 * MIN });
    const kind = kindFor(world);
    const raw = inputs(world.emulator.identitySourceId, { completionTimeoutSeconds: 60 });
    const failed = await initErrorOf(kind.create(raw), "expected a timeout");

    const read = await kind.read(failed.id, failed.properties);
    assert.equal(read.props!["sessionStatus"], "TRIGGERED");
    assert.equal((await kind.diff(failed.id, read.props, raw)).changes, true);

    const updated = await kind.update(failed.id, read.props, { ...raw, completionTimeoutSeconds: 1200 });
    assert.equal(updated.outs!["sessionStatus"], "COMPLETED");
    assert.equal(requestsTo(world.emulator, "POST", START_PATH).length, 1, "followed, not imported again");
  });

  it("a job left TRIGGERED on purpose (waitForCompletion: false) is finished: no change", async () => {
    world = await startWorld({ importDelayMs: 10 * MIN });
    const kind = kindFor(world);
    const raw = inputs(world.emulator.identitySourceId, { waitForCompletion: false });
    const created = await kind.create(raw);
    assert.equal(created.outs!["sessionStatus"], "TRIGGERED");
    const read = await kind.read(created.id, created.outs);
    assert.equal((await kind.diff(created.id, read.props, raw)).changes, false);
  });

  it("a job stopped after session 1 of 2 records sessionStatus INCOMPLETE, not COMPLETED, also after refresh", async () => {
    world = await startWorld();
    const kind = kindFor(world, refusingCreate(world.client, 2));
    const raw = inputs(world.emulator.identitySourceId, { upsertUsers: { profiles: users(10_001) } });
    const failed = await initErrorOf(kind.create(raw), "expected the second session to fail");
    assert.deepEqual(failed.properties["sessions"], [{ id: failed.id, status: "COMPLETED", planIndex: 0 }]);
    assert.equal(failed.properties["sessionCount"], 2);
    assert.equal(failed.properties["sessionStatus"], "INCOMPLETE");

    const read = await kind.read(failed.id, failed.properties);
    assert.equal(read.props!["sessionStatus"], "INCOMPLETE");
    assert.equal((await kind.diff(failed.id, read.props, raw)).changes, true);
  });

  it("with waitForCompletion: false, an earlier session still TRIGGERED is not imported again while Okta processes it", async () => {
    world = await startWorld({ importDelayMs: 120 * MIN });
    const kind = kindFor(world);
    const raw = inputs(world.emulator.identitySourceId, {
      upsertUsers: { profiles: users(10_001) },
      waitForCompletion: false,
      completionTimeoutSeconds: 60,
    });
    const failed = await initErrorOf(kind.create(raw), "expected session 1 to time out");
    assert.deepEqual(failed.properties["sessions"], [{ id: failed.id, status: "TRIGGERED", planIndex: 0 }]);

    await assert.rejects(kind.update(failed.id, failed.properties, raw), (e: InitError) => {
      assert.equal(e.id, failed.id);
      assert.equal(e.properties["sessionStatus"], "TRIGGERED");
      assert.equal(e.properties["__provider"], PROVIDER);
      assert.match(e.message, new RegExp(`session ${failed.id} is still TRIGGERED`));
      return true;
    });
    assert.equal(requestsTo(world.emulator, "POST", START_PATH).length, 1, "no second import");
  });
});
