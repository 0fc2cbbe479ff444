import assert from "node:assert/strict";
import { START_PATH, requestsTo, startWorld, type RunWorld } from "../import/run-support";
import { importKind, initErrorOf, MIN, PROVIDER } from "./import-support";
import { users } from "../helpers/builders";

/** Sessions of ours that a failed cleanup leaves open: their ids must reach state, or nothing cancels them. */

describe("IdentitySourceImport: a session left open by a failed cleanup", () => {
  let world: RunWorld;
  let lines: string[];
  const kindFor = (w: RunWorld) => importKind(w, lines);

  beforeEach(() => {
    lines = [];
  });
  afterEach(async () => {
    await world?.close();
  });

  it("is recorded by an id-carrying error, and the next up cancels it instead of waiting for it", async () => {
    world = await startWorld();
    const { emulator } = world;
    const kind = kindFor(world);
    const raw = {
      __provider: PROVIDER,
      resourceName: "hr-sync",
      identitySourceId: emulator.identitySourceId,
      upsertUsers: { profiles: users(450) },
      pollIntervalSeconds: 5,
    };
    emulator.failNext({ status: 400, match: { method: "POST", path: "bulk-upsert" } });
    emulator.failNext({ status: 403, match: { method: "DELETE" } });

    const failed = await initErrorOf(kind.create(raw), "expected the upload to be rejected");
    assert.match(failed.id ?? "", /^aps/, "the session id reaches state");
    assert.deepEqual(failed.properties["sessions"], [{ id: failed.id, status: "CREATED", planIndex: 0 }]);
    assert.equal(failed.properties["__provider"], PROVIDER);
    assert.match(failed.message, /Nothing was imported/);
    assert.match(failed.message, /next `pulumi up` cancels it/);
    assert.match(
      failed.message,
      new RegExp(`DELETE /api/v1/identity-sources/${emulator.identitySourceId}/sessions/${failed.id}`),
    );
    assert.equal(requestsTo(emulator, "POST", START_PATH).length, 0);

    world.clock.advance(10 * MIN);
    const t0 = world.clock.now();
    const updated = await kind.update(failed.id, failed.properties, raw);
    assert.equal(updated.outs!["sessionStatus"], "COMPLETED");
    assert.ok(!lines.some((l) => /waiting for session/.test(l)), "no wait for our own session");
    assert.ok(world.clock.now() - t0 < 2 * MIN, `took ${world.clock.now() - t0} ms`);
    assert.equal((await world.client.sessions.get(emulator.identitySourceId, failed.id))?.status, "CLOSED");
  });
});
