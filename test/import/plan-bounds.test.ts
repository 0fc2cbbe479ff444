import assert from "node:assert/strict";
import { type ImportPlan, type PlanLimits, type PlannedUpload, planImport } from "../../src/import/plan";
import { UPLOAD_KINDS, type UploadKind } from "../../src/schemas/bulk-bodies";
import type { ImportData } from "../../src/schemas/import-args";
import { aGroup, aUser, groupId, randomInt, range, seededRandom, userId } from "../helpers/builders";
import { entryBytes, USERS_ENVELOPE, userOfSize } from "./plan-helpers";

/**
 * The upload count against the lower bound for the data (see src/import/plan.ts and pack-records.ts). Random but
 * repeatable: each loop uses its own seed, and a failure message names the iteration.
 */

const uploadsOf = (plan: ImportPlan, kind: UploadKind): PlannedUpload[] =>
  plan.sessions.flatMap((s) => s.uploads).filter((u) => u.kind === kind);

/** Random data whose records all fit 200 to an upload (short ids and small profiles). */
function smallRandomData(random: () => number): ImportData {
  const userCount = randomInt(random, 0, 1_200);
  const deleted = randomInt(random, 0, 500);
  const groupCount = randomInt(random, 0, 700);
  const memberships = (salt: number) =>
    range(randomInt(random, 0, 40)).map((g) => ({
      groupExternalId: groupId(g + salt),
      memberExternalIds: range(randomInt(random, 1, 120), g * 1_000).map(userId),
    }));
  const data: ImportData = {};
  if (userCount > 0) data.upsertUsers = { profiles: range(userCount).map((i) => aUser(i)) };
  if (deleted > 0)
    data.deleteUsers = { profiles: range(deleted, 100_000).map((i) => ({ externalId: userId(i) })) };
  if (groupCount > 0) data.upsertGroups = { profiles: range(groupCount).map((i) => aGroup(i)) };
  const added = memberships(0);
  if (added.length > 0) data.upsertGroupMemberships = { memberships: added };
  const removed = memberships(500);
  if (removed.length > 0) data.deleteGroupMemberships = { memberships: removed };
  if (random() < 0.5)
    data.deleteGroups = { externalIds: range(randomInt(random, 1, 450), 9_000).map(groupId) };
  return data;
}

describe("planImport bounds", () => {
  it("uses exactly ceil(entities / 200) uploads per kind and ceil(uploads / 50) sessions when records fit 200 to an upload", () => {
    const random = seededRandom(20260901);
    for (let iteration = 0; iteration < 40; iteration++) {
      const plan = planImport(smallRandomData(random));
      for (const kind of UPLOAD_KINDS) {
        const records = plan.totals.records[kind];
        assert.equal(
          plan.totals.uploadsByKind[kind],
          Math.ceil(records / 200),
          `iteration ${iteration}, ${kind}`,
        );
      }
      assert.equal(plan.totals.sessions, Math.ceil(plan.totals.uploads / 50), `iteration ${iteration}`);
    }
  });

  it("uses exactly ceil(n / k) uploads for same-size users when bytes bind, k being the most that fit", () => {
    const random = seededRandom(7);
    const limits: Partial<PlanLimits> = { maxUploadBytes: 20_000 }; // a small limit reaches the edges cheaply
    for (let iteration = 0; iteration < 50; iteration++) {
      const size = randomInt(random, 180, 6_000);
      const count = randomInt(random, 1, 150);
      // Indexes 100–999 keep the unpadded part the same length, so padding makes every entry `size` bytes.
      const profiles = range(count, 100).map((i) => userOfSize(i, size));
      const k = Math.min(200, Math.floor((20_000 - USERS_ENVELOPE + 1) / (size + 1)));
      const uploads = uploadsOf(planImport({ upsertUsers: { profiles } }, limits), "upsertUsers");
      assert.equal(uploads.length, Math.ceil(count / k), `iteration ${iteration}: ${count} × ${size} bytes`);
      assert.ok(uploads.every((u) => u.bytes <= 20_000));
    }
  });

  it("places every record once, keeps the written order within uploads, and stays between the bounds for mixed sizes", () => {
    const random = seededRandom(42);
    const max = 20_000;
    for (let iteration = 0; iteration < 60; iteration++) {
      const profiles = range(randomInt(random, 1, 120), 100).map((i) =>
        userOfSize(i, randomInt(random, 180, 9_000)),
      );
      const plan = planImport({ upsertUsers: { profiles } }, { maxUploadBytes: max });
      const uploads = uploadsOf(plan, "upsertUsers");
      const label = `iteration ${iteration}`;
      const placed = uploads.flatMap((upload) => {
        assert.equal(upload.bytes, Buffer.byteLength(JSON.stringify(upload.body)), label);
        assert.ok(upload.bytes <= max, label);
        const ids = (upload.body as { profiles: { externalId: string }[] }).profiles.map((p) => p.externalId);
        assert.deepEqual(ids, [...ids].sort(), `${label}: written order within an upload`);
        return ids;
      });
      assert.deepEqual([...placed].sort(), profiles.map((p) => p.externalId).sort(), label);
      // W = Σ (entry + 1): what the entries and their commas need. Any upload holds at most (max − envelope)
      // of entries and commas, so uploads ≥ W / (max − envelope + 1); next fit in written order closes an
      // upload only when the next entry does not fit, so it needs at most ceil(W / (max − envelope − 1 −
      // largest)), and the planner never uses more uploads than next fit.
      const sizes = profiles.map(entryBytes);
      const needed = sizes.reduce((sum, s) => sum + s + 1, 0);
      const lower = Math.ceil(needed / (max - USERS_ENVELOPE + 1));
      const upper = Math.ceil(needed / (max - USERS_ENVELOPE - 1 - Math.max(...sizes)));
      assert.equal(plan.totals.uploadLowerBound, lower, label);
      assert.ok(
        uploads.length >= lower && uploads.length <= upper,
        `${label}: ${lower} ≤ ${uploads.length} ≤ ${upper}`,
      );
    }
  });

  it("reaches the lower bound for nearly all random users of 180 B to 60 KB, and is never more than one over", () => {
    // Sizes this wide defeat packing in written order (it reaches the bound in 28 of these 40 iterations).
    const random = seededRandom(2026);
    const iterations = 40;
    let atBound = 0;
    for (let iteration = 0; iteration < iterations; iteration++) {
      const profiles = range(randomInt(random, 1, 60), 100).map((i) =>
        userOfSize(i, randomInt(random, 180, 60_000)),
      );
      const { uploads, uploadLowerBound } = planImport({ upsertUsers: { profiles } }).totals;
      const label = `iteration ${iteration}: ${profiles.length} users`;
      assert.ok(uploads === uploadLowerBound || uploads === uploadLowerBound + 1, label);
      if (uploads === uploadLowerBound) atBound += 1;
    }
    assert.ok(atBound >= iterations - 2, `at the lower bound in ${atBound} of ${iterations} iterations`);
  });

  it("uses exactly ceil(members / 200) membership uploads for random groups, however the members are spread", () => {
    const random = seededRandom(99);
    for (let iteration = 0; iteration < 60; iteration++) {
      const memberships = range(randomInt(random, 1, 60)).map((g) => ({
        groupExternalId: groupId(randomInt(random, 0, 30)), // repeats on purpose: entries merge
        memberExternalIds: range(randomInt(random, 1, 450), g * 1_000).map(userId),
      }));
      const members = memberships.reduce((n, m) => n + m.memberExternalIds.length, 0);
      const uploads = uploadsOf(planImport({ upsertGroupMemberships: { memberships } }), "upsertMemberships");
      assert.equal(uploads.length, Math.ceil(members / 200), `iteration ${iteration}`);
      for (const upload of uploads) {
        assert.ok(upload.kind === "upsertMemberships");
        const groupsInBody = upload.body.memberships.map((e) => e.groupExternalId);
        assert.equal(new Set(groupsInBody).size, groupsInBody.length, "no group twice in one body");
      }
    }
  });

  it("fills a membership upload to the exact byte limit and splits the group for one byte less", () => {
    const memberships = [{ groupExternalId: groupId(1), memberExternalIds: range(120).map(userId) }];
    const exact = Buffer.byteLength(JSON.stringify({ memberships }));
    const at = uploadsOf(
      planImport({ upsertGroupMemberships: { memberships } }, { maxUploadBytes: exact }),
      "upsertMemberships",
    );
    assert.deepEqual(
      at.map((u) => [u.entities, u.bytes]),
      [[120, exact]],
    );
    const under = uploadsOf(
      planImport({ upsertGroupMemberships: { memberships } }, { maxUploadBytes: exact - 1 }),
      "upsertMemberships",
    );
    assert.deepEqual(
      under.map((u) => u.entities),
      [119, 1],
    );
    assert.ok(
      under.every((u) => u.bytes <= exact - 1 && u.bytes === Buffer.byteLength(JSON.stringify(u.body))),
    );
  });

  it("splits memberships by bytes when long ids make 200 members too big for one upload", () => {
    const longId = (i: number) => `${"M".repeat(240)}${String(i).padStart(6, "0")}`; // 246 characters
    const memberships = [{ groupExternalId: groupId(1), memberExternalIds: range(1_000).map(longId) }];
    const uploads = uploadsOf(
      planImport({ upsertGroupMemberships: { memberships } }, { maxUploadBytes: 20_000 }),
      "upsertMemberships",
    );
    // Envelope and group head, then 248 bytes per quoted id plus a comma: 79 members fit in 20,000 bytes.
    const head = Buffer.byteLength(
      JSON.stringify({ memberships: [{ groupExternalId: groupId(1), memberExternalIds: [] }] }),
    );
    const perUpload = Math.floor((20_000 - head + 1) / 249);
    assert.deepEqual(
      uploads.map((u) => u.entities),
      [...range(Math.floor(1_000 / perUpload)).map(() => perUpload), 1_000 % perUpload],
    );
    assert.ok(
      uploads.every((u) => u.bytes <= 20_000 && u.bytes === Buffer.byteLength(JSON.stringify(u.body))),
    );
  });
});
