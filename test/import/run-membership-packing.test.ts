import assert from "node:assert/strict";
import { planImport } from "../../src/import/plan";
import { runImport } from "../../src/import/run";
import { aMembership, groupId, groups, range, users } from "../helpers/builders";
import {
  START_PATH,
  UPLOAD_PATH,
  rejectsWithRunError,
  requestsTo,
  startWorld,
  type RunWorld,
} from "./run-support";

/** 100 users, each in all of 30 groups: 3,000 pairs; packed by group they fit in one membership upload. */
function heavyJob(membershipPacking: "members" | "groups") {
  return planImport({
    upsertGroups: { profiles: groups(30) },
    upsertUsers: { profiles: users(100) },
    upsertGroupMemberships: { memberships: range(30).map((g) => aMembership(g, range(100))) },
    membershipPacking,
  });
}

describe("runImport with membershipPacking: groups", () => {
  let world: RunWorld;
  afterEach(async () => {
    await world?.close();
  });

  it("fails before start-import and deletes its session when Okta refuses an upload packed by group", async () => {
    // The emulator's default counts every member id, as the strict reading of Okta's limit does.
    world = await startWorld();
    const { emulator, client } = world;
    await rejectsWithRunError(
      runImport(client, emulator.identitySourceId, heavyJob("groups"), world.options()),
      (e) => {
        assert.equal(e.started, false);
        assert.equal(e.cleanup?.result, "cancelled");
        assert.match(e.message, /upload 3\/3 \(upsertMemberships, 3000 records\) failed: POST .* 400/);
        assert.match(e.message, /was cancelled \(CLOSED\); nothing of it was imported/);
      },
    );
    assert.equal(requestsTo(emulator, "POST", START_PATH).length, 0);
    assert.equal(requestsTo(emulator, "DELETE", /\/sessions\/[^/]+$/).length, 1);
    assert.deepEqual(emulator.users(), []);
  });

  it("imports every membership in one upload where Okta counts groups (15 when every member counts)", async () => {
    world = await startWorld({ membershipEntities: "groups" });
    const { emulator, client } = world;
    assert.equal(heavyJob("members").totals.uploads, 17);
    const result = await runImport(client, emulator.identitySourceId, heavyJob("groups"), world.options());
    assert.deepEqual(
      result.sessions.map((s) => s.status),
      ["COMPLETED"],
    );
    assert.equal(requestsTo(emulator, "POST", UPLOAD_PATH).length, 3);
    for (const g of range(30)) assert.equal(emulator.members(groupId(g)).length, 100);
  });
});
