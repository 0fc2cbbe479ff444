import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../src/emulator";
import { createFakeClock } from "../helpers/fake-clock";
import {
  afterPendingCallbacks,
  aUser,
  callIdentitySource,
  CANARY_TOKEN,
  runImport,
  START,
  useEmulator,
} from "./support";

const FIVE_MINUTES = 300_000;

describe("emulator imports", () => {
  const h = useEmulator();

  it("creates users on upsert and merges later upserts into the profile (null clears, unsent keeps)", async () => {
    await runImport(h, [
      ["bulk-upsert", { entityType: "USERS", profiles: [aUser(1, { lastName: "Doe", costCenter: "7" })] }],
    ]);
    h.emulator.processImports();
    const [created] = h.emulator.users();
    assert.match(created?.id ?? "", /^0ua[A-Za-z0-9]{17}$/);
    h.clock.advance(FIVE_MINUTES);
    const change = { externalId: aUser(1).externalId, profile: { firstName: "Jane", lastName: null } };
    await runImport(h, [["bulk-upsert", { entityType: "USERS", profiles: [change] }]]);
    h.emulator.processImports();
    const got = await h.api("GET", `/users/${aUser(1).externalId}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body.profile, {
      userName: "user1@example.com",
      email: "user1@example.com",
      firstName: "Jane",
      lastName: null,
      costCenter: "7",
    });
    assert.equal(got.body.id, created?.id);
  });

  it("deactivates users on bulk delete: kept in state, 404 to the direct API, reactivated by an upsert", async () => {
    await runImport(h, [["bulk-upsert", { entityType: "USERS", profiles: [aUser(1)] }]]);
    h.clock.advance(FIVE_MINUTES);
    const deleteBody = {
      entityType: "USERS",
      profiles: [{ externalId: aUser(1).externalId }, { externalId: "NOBODY" }],
    };
    const id = await runImport(h, [["bulk-delete", deleteBody]]);
    h.emulator.processImports();
    assert.equal(h.emulator.users()[0]?.status, "DEACTIVATED");
    assert.equal(h.emulator.sessions().find((s) => s.id === id)?.report?.usersDeactivated, 1);
    assert.equal((await h.api("GET", `/users/${aUser(1).externalId}`)).status, 404);
    h.clock.advance(FIVE_MINUTES);
    await runImport(h, [["bulk-upsert", { entityType: "USERS", profiles: [aUser(1)] }]]);
    h.emulator.processImports();
    assert.equal((await h.api("GET", `/users/${aUser(1).externalId}`)).status, 200);
  });

  it("upserts and deletes groups and memberships in upload order within one session", async () => {
    await runImport(h, [
      [
        "bulk-groups-upsert",
        {
          profiles: [
            { externalId: "ENG", profile: { displayName: "Engineering" } },
            { externalId: "OLD", profile: { displayName: "Old" } },
          ],
        },
      ],
      ["bulk-upsert", { entityType: "USERS", profiles: [aUser(1), aUser(2)] }],
      [
        "bulk-group-memberships-upsert",
        {
          memberships: [
            {
              groupExternalId: "ENG",
              memberExternalIds: [aUser(1).externalId, aUser(2).externalId, "GHOST"],
            },
            { groupExternalId: "OLD", memberExternalIds: [aUser(1).externalId] },
          ],
        },
      ],
      [
        "bulk-group-memberships-delete",
        { memberships: [{ groupExternalId: "ENG", memberExternalIds: [aUser(2).externalId] }] },
      ],
      ["bulk-groups-delete", { externalIds: ["OLD"] }],
    ]);
    const [id] = h.emulator.processImports();
    const groups = h.emulator.groups();
    assert.deepEqual(
      groups.map((g) => g.externalId),
      ["ENG"],
    );
    assert.match(groups[0]?.id ?? "", /^00g[A-Za-z0-9]{17}$/);
    assert.deepEqual(h.emulator.members("ENG"), [aUser(1).externalId]);
    assert.deepEqual(h.emulator.memberships(h.isId, groups[0]!.id), [aUser(1).externalId]);
    const report = h.emulator.sessions().find((s) => s.id === id)?.report;
    assert.deepEqual(report, {
      usersUpserted: 2,
      usersDeactivated: 0,
      groupsUpserted: 2,
      groupsDeleted: 1,
      membershipsAdded: 3,
      membershipsRemoved: 1,
      skipped: 1,
    });
  });

  it("applies nothing before the import completes, and nothing at all when it ends in ERROR", async () => {
    h.emulator.failNextImport();
    const id = await runImport(h, [["bulk-upsert", { entityType: "USERS", profiles: [aUser(1)] }]]);
    assert.deepEqual(h.emulator.users(), []);
    h.clock.advance(50);
    const session = await h.api("GET", `/sessions/${id}`);
    assert.equal(session.body.status, "ERROR");
    assert.deepEqual(h.emulator.users(), []);
  });

  it("fails only the named session when failNextImport is given a session id", async () => {
    h.emulator.failNextImport({ sessionId: "apsSOMEOTHERSESSION0" });
    const id = await runImport(h, [["bulk-upsert", { entityType: "USERS", profiles: [aUser(1)] }]]);
    assert.deepEqual(h.emulator.processImports(), [id]);
    assert.equal((await h.api("GET", `/sessions/${id}`)).body.status, "COMPLETED");
  });
});

describe("emulator import queue", () => {
  const h = useEmulator({ importDelayMs: 1_000, sessionCooldownSeconds: 0 });

  it("runs triggered imports one at a time per source, each taking importDelayMs", async () => {
    const first = await runImport(h, [["bulk-upsert", { entityType: "USERS", profiles: [aUser(1)] }]]);
    h.clock.advance(400);
    const second = await runImport(h, [
      ["bulk-upsert", { entityType: "USERS", profiles: [aUser(1, { firstName: "Second" })] }],
    ]);
    const status = async (id: string) => (await h.api("GET", `/sessions/${id}`)).body.status as string;
    h.clock.advance(599);
    assert.deepEqual([await status(first), await status(second)], ["TRIGGERED", "TRIGGERED"]);
    h.clock.advance(1);
    assert.deepEqual([await status(first), await status(second)], ["COMPLETED", "TRIGGERED"]);
    h.clock.advance(999); // the second started when the first finished, not when it was triggered
    assert.equal(await status(second), "TRIGGERED");
    h.clock.advance(1);
    assert.equal(await status(second), "COMPLETED");
    assert.equal(h.emulator.users()[0]?.profile["firstName"], "Second");
    const finished = h.emulator.sessions().map((s) => s.lastUpdatedAt - h.emulator.sessions()[0]!.createdAt);
    assert.deepEqual(finished, [1_000, 2_000]);
  });
});

describe("emulator imports on a clock that is not manual", () => {
  const fake = createFakeClock(START);
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({
      apiToken: CANARY_TOKEN,
      importDelayMs: 5_000,
      clock: { now: fake.now },
      sleep: fake.sleep,
    });
  });
  afterEach(() => emulator.close());

  async function triggerOne(): Promise<void> {
    const target = { url: emulator.url, isId: emulator.identitySourceId, token: CANARY_TOKEN };
    const { body: session } = await callIdentitySource(target, "POST", "/sessions");
    const upsert = { entityType: "USERS", profiles: [aUser(1)] };
    await callIdentitySource(target, "POST", `/sessions/${session.id}/bulk-upsert`, upsert);
    await callIdentitySource(target, "POST", `/sessions/${session.id}/start-import`);
  }

  it("completes a triggered import by itself after importDelayMs, with no request after the trigger", async () => {
    const triggeredAt = fake.now();
    await triggerOne();
    assert.equal(fake.pending(), 1, "one wake-up armed");
    fake.advance(4_999);
    await afterPendingCallbacks();
    assert.equal(emulator.sessions()[0]?.status, "TRIGGERED");
    fake.advance(1);
    await afterPendingCallbacks();
    assert.equal(emulator.sessions()[0]?.status, "COMPLETED");
    assert.equal(emulator.sessions()[0]?.finishedAt, triggeredAt + 5_000);
    assert.equal(fake.pending(), 0, "nothing left to wake up for");
  });

  it("drops its wake-up on close", async () => {
    await triggerOne();
    assert.equal(fake.pending(), 1);
    await emulator.close();
    assert.equal(fake.pending(), 0);
  });
});
