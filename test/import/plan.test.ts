import assert from "node:assert/strict";
import { UPLOAD_KIND_SPECS } from "../../src/schemas/upload-kinds";
import { type BulkUpsertUsersBody, UPLOAD_KINDS, type UploadKind } from "../../src/schemas/bulk-bodies";
import { describePlan } from "../../src/import/describe-plan";
import { type ImportPlan, type PlannedUpload, planImport } from "../../src/import/plan";
import { checkImportArgs, type ImportData } from "../../src/schemas/import-args";
import { MAX_UPLOAD_BYTES } from "../../src/schemas/limits";
import {
  aGroup,
  aMembership,
  anImport,
  aUser,
  groupId,
  groups,
  range,
  spreadMemberships,
  userId,
  users,
} from "../helpers/builders";
import { userOfSize, USERS_ENVELOPE } from "./plan-helpers";

const allUploads = (plan: ImportPlan): PlannedUpload[] => plan.sessions.flatMap((s) => s.uploads);
const kindIndex = (kind: UploadKind): number => UPLOAD_KINDS.indexOf(kind);

/** Data of each whole-record kind with `n` records, for the 199/200/201 loop. */
const wholeKinds: [string, (n: number) => ImportData][] = [
  ["upsertUsers", (n) => ({ upsertUsers: { profiles: users(n) } })],
  ["deleteUsers", (n) => ({ deleteUsers: { profiles: range(n).map((i) => ({ externalId: userId(i) })) } })],
  ["upsertGroups", (n) => ({ upsertGroups: { profiles: groups(n) } })],
  ["deleteGroups", (n) => ({ deleteGroups: { externalIds: range(n).map(groupId) } })],
  [
    "upsertGroupMemberships",
    (n) => ({ upsertGroupMemberships: { memberships: [aMembership(0, range(n))] } }),
  ],
  ["deleteGroupMemberships", (n) => ({ deleteGroupMemberships: { memberships: spreadMemberships(7, n) } })],
];

describe("planImport", () => {
  for (const [block, data] of wholeKinds) {
    it(`puts 199 and 200 ${block} records in one upload and 201 in two`, () => {
      assert.deepEqual(
        allUploads(planImport(data(199))).map((u) => u.entities),
        [199],
      );
      assert.deepEqual(
        allUploads(planImport(data(200))).map((u) => u.entities),
        [200],
      );
      assert.deepEqual(
        allUploads(planImport(data(201))).map((u) => u.entities),
        [200, 1],
      );
    });
  }

  it("fills an upload to exactly 200,000 bytes and opens a second one for one byte more", () => {
    // Two entries and a comma inside the envelope: 36 + 100,000 + 1 + b = 200,000.
    const first = userOfSize(0, 100_000);
    const exact = planImport({
      upsertUsers: { profiles: [first, userOfSize(1, 200_000 - USERS_ENVELOPE - 1 - 100_000)] },
    });
    assert.deepEqual(
      allUploads(exact).map((u) => [u.entities, u.bytes]),
      [[2, 200_000]],
    );
    const over = planImport({
      upsertUsers: { profiles: [first, userOfSize(1, 200_000 - USERS_ENVELOPE - 100_000)] },
    });
    assert.deepEqual(
      allUploads(over).map((u) => u.entities),
      [1, 1],
    );
  });

  it("splits 60 users with 4 KB addresses by bytes, never over 200,000 bytes per upload", () => {
    const longAddress = "A".repeat(4096);
    // Indexes 10–69 give every user the same size (two-digit names), so the per-upload count is exact.
    const profiles = range(60, 10).map((i) => aUser(i, { profile: { homeAddress: longAddress } }));
    const plan = planImport({ upsertUsers: { profiles } });
    const entry = Buffer.byteLength(JSON.stringify(profiles[0]));
    const perUpload = Math.floor((MAX_UPLOAD_BYTES - USERS_ENVELOPE + 1) / (entry + 1));
    assert.ok(perUpload < 60 && perUpload > 30, `each upload holds ${perUpload}`);
    assert.deepEqual(
      allUploads(plan).map((u) => u.entities),
      [perUpload, 60 - perUpload],
    );
    for (const upload of allUploads(plan)) {
      assert.equal(upload.bytes, Buffer.byteLength(JSON.stringify(upload.body)));
      assert.ok(upload.bytes <= MAX_UPLOAD_BYTES);
    }
  });

  it("packs users of 120K, 120K, 79K and 79K bytes into 2 uploads (written order would need 3)", () => {
    const profiles = [120_000, 120_000, 79_000, 79_000].map((bytes, i) => userOfSize(100 + i, bytes));
    const plan = planImport({ upsertUsers: { profiles } });
    const uploads = allUploads(plan);
    assert.equal(plan.totals.uploads, 2);
    assert.equal(plan.totals.uploadLowerBound, 2);
    assert.ok(uploads.every((u) => u.bytes <= MAX_UPLOAD_BYTES));
    assert.deepEqual(
      uploads.map((u) => (u.body as BulkUpsertUsersBody).profiles.map((p) => p.externalId)),
      [
        [profiles[0]!.externalId, profiles[2]!.externalId],
        [profiles[1]!.externalId, profiles[3]!.externalId],
      ],
      "each record once; uploads and the records in each keep the written order",
    );
  });

  it("keeps the written order when an id repeats (planned without check: the last write must win)", () => {
    const profiles = [120_000, 120_000, 79_000, 79_000].map((bytes, i) => userOfSize(100 + i, bytes));
    profiles[2] = { ...profiles[2]!, externalId: profiles[0]!.externalId };
    const plan = planImport({ upsertUsers: { profiles } });
    assert.deepEqual(
      allUploads(plan).map((u) => u.entities),
      [1, 2, 1],
    );
  });

  it("counts records over half an upload in the lower bound: no two of them share one", () => {
    const profiles = [0, 1, 2].map((i) => userOfSize(100 + i, 100_001));
    const plan = planImport({ upsertUsers: { profiles } });
    assert.equal(plan.totals.uploads, 3, "no two of them fit one upload");
    assert.equal(plan.totals.uploadLowerBound, 3, "not ceil(bytes / limit) = 2");
    assert.equal(describePlan(plan), "1 session, 3 uploads: 3 users upserted");
  });

  it("bounds uploads by how many records the smallest ones could put in one upload", () => {
    // Five of 76 KB: two share an upload, three do not, so three uploads; ceil(bytes / limit) says two.
    const profiles = [0, 1, 2, 3, 4].map((i) => userOfSize(100 + i, 76_000));
    const plan = planImport({ upsertUsers: { profiles } });
    assert.equal(plan.totals.uploads, 3);
    assert.equal(plan.totals.uploadLowerBound, 3);
  });

  it("reports the lower bound next to the uploads when the data cannot reach it", () => {
    // 80+80+50 KB overflow an upload, and so do 80+50+50+50: two uploads cannot hold them, though no bound
    // the planner computes can tell.
    const sizes = [80_000, 80_000, 80_000, 50_000, 50_000, 50_000];
    const plan = planImport({ upsertUsers: { profiles: sizes.map((b, i) => userOfSize(100 + i, b)) } });
    assert.equal(plan.totals.uploads, 3);
    assert.equal(plan.totals.uploadLowerBound, 2);
    assert.equal(describePlan(plan), "1 session, 3 uploads (lower bound 2): 6 users upserted");
  });

  it("keeps 48 uploads in one session, leaving two of Okta's 50 for re-sends, and moves the 49th to a second one", () => {
    assert.deepEqual(
      planImport({ upsertGroups: { profiles: groups(48 * 200) } }).sessions.map((s) => s.uploads.length),
      [48],
    );
    assert.deepEqual(
      planImport({ upsertGroups: { profiles: groups(48 * 200 + 1) } }).sessions.map((s) => s.uploads.length),
      [48, 1],
    );
  });

  it("keeps 10,000 users in one session and moves the 10,001st to a second one", () => {
    // With Okta's limits the 48 uploads bind first (9,600 users); with 50 the user limit is reached exactly.
    const fifty = { maxUploadsPerSession: 50 };
    const at = planImport({ upsertUsers: { profiles: users(10_000) } }, fifty);
    assert.deepEqual(
      at.sessions.map((s) => s.users),
      [10_000],
    );
    const over = planImport({ upsertUsers: { profiles: users(10_001) } }, fifty);
    assert.deepEqual(
      over.sessions.map((s) => s.users),
      [10_000, 1],
    );
  });

  it("counts deleted users towards a session's users, but not groups or memberships", () => {
    const data = (deleted: number): ImportData => ({
      upsertUsers: { profiles: users(5_000) },
      deleteUsers: { profiles: range(deleted, 5_000).map((i) => ({ externalId: userId(i) })) },
    });
    const limits = { maxUploadsPerSession: 1_000 }; // let the user limit bind on its own
    assert.deepEqual(
      planImport(data(5_000), limits).sessions.map((s) => s.users),
      [10_000],
    );
    assert.deepEqual(
      planImport(data(5_001), limits).sessions.map((s) => s.users),
      [10_000, 1],
    );
    const withOthers = planImport(
      {
        ...data(5_000),
        upsertGroups: { profiles: groups(400) },
        upsertGroupMemberships: { memberships: spreadMemberships(10, 4_000) },
      },
      limits,
    );
    assert.deepEqual(
      withOthers.sessions.map((s) => s.users),
      [10_000],
    );
  });

  it("opens a new session when the user limit binds before the upload limit", () => {
    const plan = planImport({ upsertUsers: { profiles: users(1_001) } }, { maxUsersPerSession: 400 });
    assert.deepEqual(
      plan.sessions.map((s) => s.users),
      [400, 400, 201],
    );
    assert.ok(plan.sessions.every((s) => s.uploads.every((u) => u.entities <= 200)));
  });

  it("orders uploads groups, users, memberships added, memberships removed, users, groups within and across sessions", () => {
    const plan = planImport({
      deleteGroups: { externalIds: range(450, 5_000).map(groupId) },
      deleteUsers: { profiles: range(3_000, 20_000).map((i) => ({ externalId: userId(i) })) },
      deleteGroupMemberships: { memberships: spreadMemberships(30, 2_500) },
      upsertGroupMemberships: { memberships: spreadMemberships(40, 3_000) },
      upsertUsers: { profiles: users(6_000) },
      upsertGroups: { profiles: groups(1_000) },
    });
    assert.ok(plan.sessions.length >= 2);
    const kinds = allUploads(plan).map((u) => kindIndex(u.kind));
    assert.deepEqual(
      kinds,
      [...kinds].sort((a, b) => a - b),
    );
    assert.deepEqual([...new Set(allUploads(plan).map((u) => u.kind))], [...UPLOAD_KINDS]);
  });

  it("splits one group's 450 members over three uploads under the same group id, in order", () => {
    const plan = planImport({ upsertGroupMemberships: { memberships: [aMembership(3, range(450))] } });
    const uploads = allUploads(plan);
    assert.deepEqual(
      uploads.map((u) => u.entities),
      [200, 200, 50],
    );
    const entries = uploads.flatMap((u) => (u.kind === "upsertMemberships" ? u.body.memberships : []));
    assert.ok(entries.every((e) => e.groupExternalId === groupId(3)));
    assert.deepEqual(
      entries.flatMap((e) => e.memberExternalIds),
      range(450).map(userId),
    );
  });

  it("packs several groups' members into full uploads, continuing a group across uploads", () => {
    const plan = planImport({
      upsertGroupMemberships: { memberships: [0, 1, 2].map((g) => aMembership(g, range(150, g * 150))) },
    });
    const shape = allUploads(plan).map((u) =>
      u.kind === "upsertMemberships"
        ? u.body.memberships.map((e) => [e.groupExternalId, e.memberExternalIds.length])
        : [],
    );
    assert.deepEqual(shape, [
      [
        [groupId(0), 150],
        [groupId(1), 50],
      ],
      [
        [groupId(1), 100],
        [groupId(2), 100],
      ],
      [[groupId(2), 50]],
    ]);
  });

  it("merges entries of the same group so that no body names a group twice", () => {
    const plan = planImport({
      upsertGroupMemberships: {
        memberships: [aMembership(0, [1, 2]), aMembership(1, [3]), aMembership(0, [4])],
      },
    });
    const [upload] = allUploads(plan);
    assert.ok(upload?.kind === "upsertMemberships");
    assert.deepEqual(upload.body.memberships, [aMembership(0, [1, 2, 4]), aMembership(1, [3])]);
  });

  it("builds bodies that pass the strict wire schemas, with entityType and group profile mapped", () => {
    const plan = planImport({
      upsertUsers: { profiles: users(3) },
      deleteUsers: { entityType: "USERS", profiles: [{ externalId: userId(9) }] },
      upsertGroups: { profiles: [aGroup(1, { description: "Builds things" })] },
      deleteGroups: { externalIds: [groupId(8)] },
      upsertGroupMemberships: { memberships: [aMembership(1, [0, 1])] },
      deleteGroupMemberships: { memberships: [aMembership(2, [2])] },
    });
    // The schemas the client checks each body against before sending it.
    for (const upload of allUploads(plan))
      assert.doesNotThrow(() => UPLOAD_KIND_SPECS[upload.kind].body.parse(upload.body));
    const groupsUpload = allUploads(plan).find((u) => u.kind === "upsertGroups");
    assert.deepEqual(groupsUpload?.body, {
      profiles: [
        { externalId: groupId(1), profile: { displayName: "Group 1", description: "Builds things" } },
      ],
    });
    const usersUpload = allUploads(plan).find((u) => u.kind === "upsertUsers");
    assert.equal(usersUpload?.kind === "upsertUsers" && usersUpload.body.entityType, "USERS");
  });

  it("reports bytes equal to the serialized body of every upload", () => {
    const plan = planImport({
      upsertUsers: { profiles: range(450).map((i) => aUser(i, { profile: { firstName: "Zoë 名前" } })) },
      upsertGroups: { profiles: groups(250) },
      upsertGroupMemberships: { memberships: spreadMemberships(13, 777) },
      deleteGroups: { externalIds: range(3, 900).map(groupId) },
    });
    for (const upload of allUploads(plan))
      assert.equal(upload.bytes, Buffer.byteLength(JSON.stringify(upload.body)), upload.kind);
    assert.equal(
      plan.totals.bytes,
      allUploads(plan).reduce((sum, u) => sum + u.bytes, 0),
    );
  });

  it("totals records, uploads and entities per kind", () => {
    const plan = planImport({
      upsertUsers: { profiles: users(450) },
      deleteGroups: { externalIds: range(3).map(groupId) },
      upsertGroupMemberships: { memberships: spreadMemberships(4, 401) },
    });
    assert.deepEqual(plan.totals.records, {
      upsertGroups: 0,
      upsertUsers: 450,
      upsertMemberships: 401,
      deleteMemberships: 0,
      deleteUsers: 0,
      deleteGroups: 3,
    });
    assert.deepEqual(plan.totals.uploadsByKind, {
      upsertGroups: 0,
      upsertUsers: 3,
      upsertMemberships: 3,
      deleteMemberships: 0,
      deleteUsers: 0,
      deleteGroups: 1,
    });
    assert.equal(plan.totals.uploads, 7);
    assert.equal(plan.totals.entities, 854);
    assert.equal(plan.totals.sessions, 1);
  });

  it("plans 25,000 users, 2,000 groups and 25,000 memberships in 260 uploads and 6 sessions", () => {
    const plan = planImport({
      upsertUsers: { profiles: users(25_000) },
      upsertGroups: { profiles: groups(2_000) },
      upsertGroupMemberships: { memberships: spreadMemberships(2_000, 25_000) },
    });
    assert.deepEqual(plan.totals.uploadsByKind, {
      upsertGroups: 10,
      upsertUsers: 125,
      upsertMemberships: 125,
      deleteMemberships: 0,
      deleteUsers: 0,
      deleteGroups: 0,
    });
    assert.deepEqual(
      plan.sessions.map((s) => [s.uploads.length, s.users]),
      [
        [48, 7_600],
        [48, 9_600],
        [48, 7_800],
        [48, 0],
        [48, 0],
        [20, 0],
      ],
    );
    assert.equal(plan.totals.uploadLowerBound, 260);
    assert.equal(
      describePlan(plan),
      "6 sessions, 260 uploads: 2,000 groups upserted, 25,000 users upserted, 25,000 memberships added",
    );
  });

  it("plans nothing for empty data", () => {
    const plan = planImport({});
    assert.deepEqual(plan.sessions, []);
    assert.equal(plan.totals.uploads, 0);
  });

  it("is deterministic and leaves its input untouched", () => {
    const data: ImportData = {
      upsertUsers: { profiles: users(300) },
      upsertGroupMemberships: { memberships: [aMembership(0, [1]), aMembership(0, [2])] },
    };
    const before = structuredClone(data);
    assert.deepEqual(planImport(data), planImport(data));
    assert.deepEqual(data, before);
  });

  it("agrees with check about a user that alone fills an upload: exactly the limit plans, one byte more throws", () => {
    const fits = userOfSize(0, MAX_UPLOAD_BYTES - USERS_ENVELOPE);
    assert.deepEqual(checkImportArgs(anImport({ upsertUsers: { profiles: [fits] } })).failures, []);
    assert.equal(allUploads(planImport({ upsertUsers: { profiles: [fits] } }))[0]?.bytes, MAX_UPLOAD_BYTES);

    const tooBig = userOfSize(1, MAX_UPLOAD_BYTES - USERS_ENVELOPE + 1);
    const data = { upsertUsers: { profiles: [aUser(0), tooBig] } };
    assert.deepEqual(
      checkImportArgs(anImport(data)).failures.map((f) => f.property),
      ["upsertUsers.profiles[1]"],
    );
    assert.throws(
      () => planImport(data),
      (e: unknown) =>
        e instanceof RangeError && e.message.startsWith("upsertUsers.profiles[1] alone makes a 200,001"),
    );
  });

  it("rejects limits that are not positive integers", () => {
    assert.throws(() => planImport({}, { maxUploadBytes: 0 }), /maxUploadBytes must be a positive integer/);
    assert.throws(() => planImport({}, { maxEntitiesPerUpload: 1.5 }), /maxEntitiesPerUpload/);
  });
});

describe("describePlan", () => {
  it("uses singular forms and omits kinds with no records", () => {
    const plan = planImport({
      upsertUsers: { profiles: users(1) },
      deleteGroups: { externalIds: [groupId(1)] },
    });
    assert.equal(describePlan(plan), "1 session, 2 uploads: 1 user upserted, 1 group deleted");
  });

  it("names what happens to each kind, in job order", () => {
    const plan = planImport({
      deleteUsers: { profiles: [{ externalId: userId(7) }, { externalId: userId(8) }] },
      deleteGroupMemberships: { memberships: [aMembership(1, [1, 2, 3])] },
      upsertGroupMemberships: { memberships: [aMembership(1, [4])] },
      upsertGroups: { profiles: groups(2) },
    });
    assert.equal(
      describePlan(plan),
      "1 session, 4 uploads: 2 groups upserted, 1 membership added, 3 memberships removed, 2 users deactivated",
    );
  });

  it("says so when there is nothing to import", () => {
    assert.equal(describePlan(planImport({})), "nothing to import");
  });
});
