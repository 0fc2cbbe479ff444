import assert from "node:assert/strict";
import { type ImportPlan, planImport } from "../../src/import/plan";
import { MAX_UPLOAD_BYTES } from "../../src/schemas/limits";
import { aMembership, groupId, range, userId } from "../helpers/builders";

type Entry = { groupExternalId: string; memberExternalIds: string[] };

const membershipBodies = (plan: ImportPlan): Entry[][] =>
  plan.sessions
    .flatMap((s) => s.uploads)
    .flatMap((u) => (u.kind === "upsertMemberships" ? [u.body.memberships] : []));

/** 300 groups of 100 members each (user u in groups u … u + 99 of 300): 30,000 pairs. */
function heavy() {
  const lists = range(300).map((): number[] => []);
  for (let u = 0; u < 300; u++) for (let k = 0; k < 100; k++) lists[(u + k) % 300]!.push(u);
  return { upsertGroupMemberships: { memberships: lists.map((members, g) => aMembership(g, members)) } };
}

describe("planImport with membershipPacking", () => {
  it('"members" (the default) counts every member id as one of 200 entities', () => {
    const plan = planImport(heavy());
    assert.deepEqual(plan, planImport({ ...heavy(), membershipPacking: "members" }));
    assert.equal(plan.totals.uploads, 150);
    assert.ok(plan.sessions.flatMap((s) => s.uploads).every((u) => u.entities === 200 && u.records === 200));
  });

  it('"groups" counts group entries: up to 200 groups per upload with all their members, bounded by bytes', () => {
    const plan = planImport({ ...heavy(), membershipPacking: "groups" });
    const uploads = plan.sessions.flatMap((s) => s.uploads);
    // 300 groups of about 1,650 bytes each: bytes bind first, at about 121 groups per upload; the group that
    // does not fit whole continues in the next upload (one more entry there).
    assert.deepEqual(
      uploads.map((u) => [u.entities, u.records]),
      [
        [121, 12_052],
        [122, 12_049],
        [59, 5_899],
      ],
    );
    assert.ok(
      uploads.every(
        (u) => u.bytes <= MAX_UPLOAD_BYTES && u.bytes === Buffer.byteLength(JSON.stringify(u.body)),
      ),
    );
    assert.equal(plan.totals.uploads, plan.totals.uploadLowerBound);
    assert.equal(plan.totals.records.upsertMemberships, 30_000);
    // Every pair once, in the written order.
    const pairs = (entries: Entry[]) =>
      entries.flatMap((e) => e.memberExternalIds.map((m) => `${e.groupExternalId}/${m}`));
    assert.deepEqual(
      membershipBodies(plan).flatMap(pairs),
      pairs(heavy().upsertGroupMemberships.memberships),
    );
  });

  it('"groups" caps an upload at 200 groups when their members fit the bytes', () => {
    const memberships = range(450).map((g) => aMembership(g, [g]));
    const plan = planImport({ upsertGroupMemberships: { memberships }, membershipPacking: "groups" });
    assert.deepEqual(
      plan.sessions.flatMap((s) => s.uploads).map((u) => u.entities),
      [200, 200, 50],
    );
  });

  it('"groups" continues a group too big for one upload in the next, under the same group id', () => {
    const big = aMembership(7, range(15_000));
    const plan = planImport({ upsertGroupMemberships: { memberships: [big] }, membershipPacking: "groups" });
    const bodies = membershipBodies(plan);
    assert.equal(bodies.length, 2);
    assert.ok(bodies.every((entries) => entries.length === 1 && entries[0]!.groupExternalId === groupId(7)));
    assert.deepEqual(
      bodies.flatMap((entries) => entries[0]!.memberExternalIds),
      range(15_000).map(userId),
    );
  });
});
