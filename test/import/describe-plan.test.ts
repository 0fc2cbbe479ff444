import assert from "node:assert/strict";
import { describeDelta, describePlan } from "../../src/import/describe-plan";
import { planImport } from "../../src/import/plan";

describe("describePlan and describeDelta", () => {
  // One upload of each kind; of the deletes, some records are pruned ones.
  const plan = planImport({
    upsertGroups: { profiles: [{ externalId: "G1", groupProfile: { displayName: "One" } }] },
    upsertUsers: {
      profiles: ["U1", "U2"].map((externalId) => ({
        externalId,
        profile: { userName: `${externalId}@example.com`, email: `${externalId}@example.com` },
      })),
    },
    upsertGroupMemberships: { memberships: [{ groupExternalId: "G1", memberExternalIds: ["U1"] }] },
    deleteGroupMemberships: {
      memberships: [{ groupExternalId: "G2", memberExternalIds: ["U3", "U4", "U5"] }],
    },
    deleteUsers: { profiles: [{ externalId: "U6" }, { externalId: "U7" }] },
    deleteGroups: { externalIds: ["G3"] },
  });

  it("says every kind's records and what happens to them, in job order", () => {
    assert.equal(
      describePlan(plan),
      "1 session, 6 uploads: 1 group upserted, 2 users upserted, 1 membership added, 3 memberships removed, " +
        "2 users deactivated, 1 group deleted",
    );
  });

  it("tells pruned deletes apart from declared ones, last", () => {
    assert.equal(
      describeDelta(plan, { memberships: 2, users: 1, groups: 1 }),
      "1 group upserted, 2 users upserted, 1 membership added, 1 membership removed, 1 user deactivated, " +
        "2 memberships deleted (prune), 1 user deactivated (prune), 1 group deleted (prune); 1 session, 6 uploads",
    );
    assert.equal(describeDelta(planImport({}), { memberships: 0, users: 0, groups: 0 }), "nothing to send");
  });
});
