import assert from "node:assert/strict";
import { START_PATH, requestsTo, startWorld, type RunWorld } from "../import/run-support";
import { importKind, initErrorOf, MIN, PROVIDER, type InitError } from "./import-support";
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

  /** A create whose upload is rejected and whose cleanup (cancel) fails: the session stays CREATED. */
  async function failedWithOpenSession(): Promise<{ raw: Record<string, unknown>; failed: InitError }> {
    const raw = {
      __provider: PROVIDER,
      resourceName: "hr-sync",
      identitySourceId: world.emulator.identitySourceId,
      upsertUsers: { profiles: users(450) },
      pollIntervalSeconds: 5,
    };
    world.emulator.failNext({ status: 400, match: { method: "POST", path: "bulk-upsert" } });
    world.emulator.failNext({ status: 403, match: { method: "DELETE" } });
    const failed = await initErrorOf(kindFor(world).create(raw), "expected the upload to be rejected");
    return { raw, failed };
  }

  it("is recorded by an id-carrying error, and the next up cancels it instead of waiting for it", async () => {
    world = await startWorld();
    const { emulator } = world;
    const kind = kindFor(world);
    const { raw, failed } = await failedWithOpenSession();
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

  it("is cancelled by the update a triggers change brings (no replacement), so the new run does not wait for it", async () => {
    world = await startWorld();
    const kind = kindFor(world);
    const { raw, failed } = await failedWithOpenSession();
    const isId = world.emulator.identitySourceId;

    const changed = { ...raw, triggers: { run: "2" } };
    const diff = await kind.diff(failed.id, failed.properties, changed);
    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);

    world.clock.advance(10 * MIN);
    const updated = await kind.update(failed.id, failed.properties, changed);
    assert.equal((await world.client.sessions.get(isId, failed.id))?.status, "CLOSED");
    assert.ok(lines.some((l) => l.includes(`cancelled session ${failed.id}`)));
    assert.equal(updated.outs!["sessionStatus"], "COMPLETED");
    assert.ok(!lines.some((l) => /waiting for session/.test(l)), "no wait for our own session");
  });

  it("is cancelled by a destroy, which still imports and undoes nothing", async () => {
    world = await startWorld();
    const kind = kindFor(world);
    const { failed } = await failedWithOpenSession();
    await kind.delete(failed.id, failed.properties);
    const session = await world.client.sessions.get(world.emulator.identitySourceId, failed.id);
    assert.equal(session?.status, "CLOSED");
    assert.equal(requestsTo(world.emulator, "POST", START_PATH).length, 0);
  });

  it("a finished job's delete calls nothing and its replacement need not delete first", async () => {
    world = await startWorld();
    const kind = kindFor(world);
    const raw = {
      __provider: PROVIDER,
      resourceName: "hr-sync",
      identitySourceId: world.emulator.identitySourceId,
      upsertUsers: { profiles: users(3) },
    };
    const created = await kind.create(raw);
    const diff = await kind.diff(created.id, created.outs, { ...raw, triggers: { run: "2" } });
    assert.equal(diff.deleteBeforeReplace, false);
    const before = world.emulator.requests.length;
    await kind.delete(created.id, created.outs);
    assert.equal(world.emulator.requests.length, before);
  });
});
