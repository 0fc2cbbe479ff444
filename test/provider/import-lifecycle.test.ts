import assert from "node:assert/strict";
import { START, START_PATH, requestsTo, startWorld, type RunWorld } from "../import/run-support";
import { importKind, type InitError, initErrorOf, MIN, PROVIDER } from "./import-support";
import { aGroup, aMembership, users } from "../helpers/builders";

function inputs(identitySourceId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __provider: PROVIDER,
    resourceName: "hr-sync",
    identitySourceId,
    upsertUsers: { profiles: users(250) },
    upsertGroups: { profiles: [aGroup(1)] },
    upsertGroupMemberships: { memberships: [aMembership(1, [0, 1])] },
    pollIntervalSeconds: 5,
    ...extra,
  };
}

describe("IdentitySourceImport provider (create, read, update, delete)", () => {
  let world: RunWorld;
  let lines: string[];
  const kindFor = (w: RunWorld) => importKind(w, lines);

  beforeEach(() => {
    lines = [];
  });
  afterEach(async () => {
    await world?.close();
  });

  it("create runs the job and returns the first session id and outputs without any payload", async () => {
    world = await startWorld();
    const kind = kindFor(world);
    const id = world.emulator.identitySourceId;

    const { id: resourceId, outs } = await kind.create(inputs(id));

    const sessions = outs!["sessions"] as { id: string; status: string }[];
    assert.equal(resourceId, sessions[0]!.id);
    assert.equal(outs!["sessionId"], sessions[0]!.id);
    assert.equal(outs!["sessionStatus"], "COMPLETED");
    assert.equal(outs!["uploadCount"], 4);
    assert.equal(outs!["sessionCount"], 1);
    assert.deepEqual(outs!["counts"], {
      upsertUsers: 250,
      deleteUsers: 0,
      upsertGroups: 1,
      deleteGroups: 0,
      upsertGroupMemberships: 2,
      deleteGroupMemberships: 0,
    });
    assert.match(String(outs!["payloadDigest"]), /^[0-9a-f]{64}$/);
    assert.equal(outs!["waitForCompletion"], true);
    assert.equal(outs!["completionTimeoutSeconds"], 1800);
    const text = JSON.stringify(outs);
    assert.doesNotMatch(text, /USEREXT|GROUPEXT|example\.com|profiles/, "no payload in outputs");
    assert.doesNotMatch(text, /undefined/);
    assert.ok(lines.every((l) => l.startsWith("hr-sync: ")));
    assert.match(
      lines[0]!,
      /^hr-sync: importing into 0oa\w+: 1 session, 4 uploads: 1 group upserted, 250 users/,
    );
    assert.match(lines.at(-1)!, /^hr-sync: import COMPLETED: aps\w+ COMPLETED$/);
  });

  it("create fails with Pulumi's id-carrying error, statuses and provider text in its properties, on ERROR", async () => {
    world = await startWorld();
    world.emulator.failNextImport();
    const kind = kindFor(world);
    await assert.rejects(kind.create(inputs(world.emulator.identitySourceId)), (e: InitError) => {
      assert.match(e.id, /^aps/);
      assert.equal(e.properties["sessionStatus"], "ERROR");
      assert.deepEqual(e.properties["sessions"], [{ id: e.id, status: "ERROR", planIndex: 0 }]);
      assert.equal(
        e.properties["__provider"],
        PROVIDER,
        "refresh and destroy need the provider text in state",
      );
      assert.deepEqual(e.reasons, [e.message]);
      assert.match(e.message, new RegExp(`session 1/1 ${e.id} ended with status ERROR`));
      return true;
    });
  });

  it("create fails with a plain error (nothing recorded) when nothing was started", async () => {
    world = await startWorld();
    world.emulator.failNext({ status: 400, match: { method: "POST", path: "bulk-upsert" } });
    const kind = kindFor(world);
    await assert.rejects(
      kind.create(inputs(world.emulator.identitySourceId)),
      (e: Error & { id?: string }) => {
        assert.equal(e.id, undefined);
        assert.match(e.message, /Nothing was imported/);
        return true;
      },
    );
  });

  it("read refreshes statuses and keeps a TRIGGERED session Okta no longer knows as UNKNOWN", async () => {
    world = await startWorld({ importDelayMs: 10 * MIN });
    const kind = kindFor(world);
    const created = await kind.create(inputs(world.emulator.identitySourceId, { waitForCompletion: false }));
    assert.equal(created.outs!["sessionStatus"], "TRIGGERED");
    world.clock.advance(11 * MIN);

    const read = await kind.read(created.id, created.outs);
    assert.equal(read.id, created.id);
    assert.equal(read.props!["sessionStatus"], "COMPLETED");
    assert.equal(read.inputs, undefined, "stored inputs (the secret payload) are kept by the engine");

    const purged = { ...created.outs!, sessions: [{ id: "apsPURGED00000000000", status: "TRIGGERED" }] };
    const again = await kind.read(created.id, purged);
    assert.equal(again.id, created.id, "never dropped");
    assert.deepEqual(again.props!["sessions"], [{ id: "apsPURGED00000000000", status: "UNKNOWN" }]);
    assert.equal(again.props!["sessionStatus"], "UNKNOWN");
  });

  it("update with new knobs only stores them and calls nothing", async () => {
    world = await startWorld();
    const kind = kindFor(world);
    const raw = inputs(world.emulator.identitySourceId);
    const created = await kind.create(raw);
    const before = world.emulator.requests.length;

    const updated = await kind.update(created.id, created.outs, { ...raw, completionTimeoutSeconds: 99 });

    assert.equal(world.emulator.requests.length, before);
    assert.equal(updated.outs!["completionTimeoutSeconds"], 99);
    assert.deepEqual(updated.outs!["sessions"], created.outs!["sessions"]);
  });

  it("update after a timed-out run follows the still-TRIGGERED session instead of importing again", async () => {
    world = await startWorld({ importDelayMs: 10 * MIN });
    const kind = kindFor(world);
    const raw = inputs(world.emulator.identitySourceId, { completionTimeoutSeconds: 60 });
    const failed = await initErrorOf(kind.create(raw), "expected a timeout");
    assert.equal(failed.properties["sessionStatus"], "TRIGGERED");

    const updated = await kind.update(failed.id, failed.properties, {
      ...raw,
      completionTimeoutSeconds: 1200,
    });

    assert.equal(updated.outs!["sessionStatus"], "COMPLETED");
    assert.equal(requestsTo(world.emulator, "POST", START_PATH).length, 1, "no second import");
  });

  it("a timed-out create's message states the facts and what `pulumi refresh` and the next `pulumi up` do", async () => {
    world = await startWorld({ importDelayMs: 10 * MIN });
    const raw = inputs(world.emulator.identitySourceId, { completionTimeoutSeconds: 60 });
    const failed = await initErrorOf(kindFor(world).create(raw), "expected a timeout");
    assert.match(
      failed.message,
      /is still TRIGGERED after completionTimeoutSeconds \(60\); Okta keeps processing it/,
    );
    assert.match(failed.message, /Sessions: \w+ TRIGGERED\./);
    assert.match(
      failed.message,
      /`pulumi refresh` updates sessionStatus, and the next `pulumi up` waits for it again\.$/,
    );
  });

  it("update fails again, without importing twice, while the session is still processing", async () => {
    world = await startWorld({ importDelayMs: 60 * MIN });
    const kind = kindFor(world);
    const raw = inputs(world.emulator.identitySourceId, { completionTimeoutSeconds: 60 });
    const failed = await initErrorOf(kind.create(raw), "expected a timeout");
    await assert.rejects(kind.update(failed.id, failed.properties, raw), (e: InitError) => {
      assert.equal(e.id, failed.id);
      assert.equal(e.properties["sessionStatus"], "TRIGGERED");
      assert.equal(e.properties["__provider"], PROVIDER);
      assert.match(e.message, /still TRIGGERED after completionTimeoutSeconds \(60\)/);
      return true;
    });
    assert.equal(requestsTo(world.emulator, "POST", START_PATH).length, 1, "no second import");
  });

  it("update after a timed-out run whose session Okta purged records it as UNKNOWN, without failing or importing again", async () => {
    world = await startWorld({ importDelayMs: 10 * MIN });
    const kind = kindFor(world);
    const raw = inputs(world.emulator.identitySourceId, { completionTimeoutSeconds: 60 });
    const failed = await initErrorOf(kind.create(raw), "expected a timeout");
    world.clock.advance(60 * MIN);
    const source = world.emulator.state.sources.get(world.emulator.identitySourceId)!;
    source.sessions = source.sessions.filter((s) => s.id !== failed.id);

    const updated = await kind.update(failed.id, failed.properties, raw);

    assert.equal(updated.outs!["sessionStatus"], "UNKNOWN");
    assert.deepEqual(updated.outs!["sessions"], [{ id: failed.id, status: "UNKNOWN", planIndex: 0 }]);
    assert.equal(requestsTo(world.emulator, "POST", START_PATH).length, 1, "no second import");
    assert.ok(lines.some((l) => l.includes(failed.id) && /404/.test(l) && /unknown/.test(l)));

    const before = world.emulator.requests.length;
    const again = await kind.update(failed.id, updated.outs, raw);
    assert.equal(again.outs!["sessionStatus"], "UNKNOWN");
    assert.equal(world.emulator.requests.length, before, "a gone session is not looked for again");
  });

  it("update after an ERROR runs the whole job again and keeps the resource id", async () => {
    world = await startWorld();
    world.emulator.failNextImport();
    const kind = kindFor(world);
    const raw = inputs(world.emulator.identitySourceId);
    const failed = await initErrorOf(kind.create(raw), "expected ERROR");

    const updated = await kind.update(failed.id, failed.properties, raw);

    assert.equal(updated.outs!["sessionStatus"], "COMPLETED");
    assert.notEqual(updated.outs!["sessionId"], failed.id);
    assert.ok(
      lines.some((l) => /the previous run did not finish \(aps\w+ ERROR\); running the import again/.test(l)),
    );
  });

  it("update cancels an unfinished session the previous run recorded, then runs the job without waiting for it", async () => {
    // A start-import without a clear answer whose session could be neither cancelled nor read back leaves it
    // recorded as IN_PROGRESS. It is ours (its id is in state), so it is cancelled rather than waited for as
    // if another party held it.
    world = await startWorld();
    const kind = kindFor(world);
    const isId = world.emulator.identitySourceId;
    const left = await world.client.sessions.create(isId);
    await world.client.bulk.upsertGroups(isId, left.id, {
      profiles: [{ externalId: "GLEFT", profile: { displayName: "Left behind" } }],
    });
    const raw = inputs(isId);
    const olds = { ...raw, sessions: [{ id: left.id, status: "IN_PROGRESS" }], sessionId: left.id };

    const updated = await kind.update(left.id, olds, raw);

    assert.equal(updated.outs!["sessionStatus"], "COMPLETED");
    assert.ok(!lines.some((l) => /waiting for session/.test(l)), "no wait for our own session");
    // Only Okta's five-minute rule and the import itself take time.
    assert.ok(world.clock.now() - START < 6 * MIN, `took ${world.clock.now() - START} ms`);
    assert.equal((await world.client.sessions.get(isId, left.id))?.status, "CLOSED");
    assert.ok(lines.some((l) => l.includes(`cancelled session ${left.id}`)));
  });

  it("delete calls nothing and says that Okta keeps the data", async () => {
    world = await startWorld();
    const kind = kindFor(world);
    const created = await kind.create(inputs(world.emulator.identitySourceId));
    const before = world.emulator.requests.length;
    await kind.delete(created.id, created.outs);
    assert.equal(world.emulator.requests.length, before);
    assert.match(
      lines.at(-1)!,
      /^hr-sync: removed from the stack without any call to Okta: Okta keeps the data/,
    );
  });
});
