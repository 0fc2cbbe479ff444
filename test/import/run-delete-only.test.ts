import assert from "node:assert/strict";
import { planImport } from "../../src/import/plan";
import { NOTHING_TO_IMPORT } from "../../src/import/session-status";
import { runImport } from "../../src/import/run";
import { createImportKind } from "../../src/provider/import";
import { users } from "../helpers/builders";
import { START_PATH, requestsTo, startWorld, type RunWorld } from "./run-support";

/**
 * A delete-only session whose records are all already gone: Okta accepts the uploads but stages nothing, the
 * session stays CREATED, and start-import would fail 400 (docs/okta-api.md#session-states). Nothing is left to do: the job
 * cancels the empty session and counts it as finished.
 */

const gone = {
  deleteUsers: { profiles: [{ externalId: "ALREADY_GONE1" }, { externalId: "ALREADY_GONE2" }] },
};

describe("runImport: a delete-only session with nothing to delete", () => {
  let world: RunWorld;
  afterEach(async () => {
    await world?.close();
  });

  it("is cancelled and recorded as NOTHING_TO_IMPORT, with one extra GET and no start-import", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const id = emulator.identitySourceId;

    const result = await runImport(client, id, planImport(gone), world.options());

    assert.equal(result.sessions.length, 1);
    const [session] = result.sessions;
    assert.equal(session!.status, NOTHING_TO_IMPORT);
    assert.equal(requestsTo(emulator, "POST", START_PATH).length, 0);
    assert.equal((await client.sessions.get(id, session!.id))?.status, "CLOSED");
    const gets = requestsTo(emulator, "GET", new RegExp(`/sessions/${session!.id}$`));
    assert.equal(gets.length, 2, "one read-back, plus the check above");
    const said = world.lines.filter((l) => l.includes(session!.id) && /staged nothing/.test(l));
    assert.equal(said.length, 1, world.lines.join("\n"));
  });

  it("still triggers a delete-only session that deletes something", async () => {
    world = await startWorld();
    const { emulator, client } = world;
    const id = emulator.identitySourceId;
    await runImport(client, id, planImport({ upsertUsers: { profiles: users(2) } }), world.options());
    world.clock.advance(10 * 60_000);

    const result = await runImport(
      client,
      id,
      planImport({ deleteUsers: { profiles: [{ externalId: users(1)[0]!.externalId }] } }),
      world.options(),
    );

    assert.equal(result.sessions[0]!.status, "COMPLETED");
    assert.equal(requestsTo(emulator, "POST", START_PATH).length, 2);
  });

  it("through the provider: sessionStatus COMPLETED, a finished job (no diff)", async () => {
    world = await startWorld();
    const kind = createImportKind({
      client: () => world.client,
      clock: () => world.clock.now(),
      sleep: world.sleep,
      log: () => {},
    });
    const raw = { identitySourceId: world.emulator.identitySourceId, pollIntervalSeconds: 5, ...gone };

    const created = await kind.create(raw);

    assert.equal(created.outs!["sessionStatus"], "COMPLETED");
    assert.deepEqual(created.outs!["sessions"], [
      { id: created.id, status: NOTHING_TO_IMPORT, planIndex: 0 },
    ]);
    assert.equal((await kind.diff(created.id, created.outs, raw)).changes, false);
    const read = await kind.read(created.id, created.outs);
    assert.equal(read.props!["sessionStatus"], "COMPLETED");
  });
});
