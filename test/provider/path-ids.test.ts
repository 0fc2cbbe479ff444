import assert from "node:assert/strict";
import nock from "nock";
import { checkImportArgs } from "../../src/schemas/import-args";
import { DOT_SEGMENT_REASON, PATH_SEPARATOR_REASON } from "../../src/schemas/path-ids";
import {
  ISID,
  ORG,
  useNockProvider,
  membershipKind as membership,
  groupKind as group,
  userKind as user,
} from "./support";

const PROFILE = { userName: "jdoe@example.com", email: "jdoe@example.com" };
const DOT_SEGMENTS = [".", "..", "%2e", "%2E%2e", ".%2e", "%252E."];

/** Counts every request to the org, whatever its method or path: none may be made. */
function countRequests(): { readonly count: number } {
  const counter = { count: 0 };
  const scope = nock(ORG).persist();
  for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
    scope.intercept(/.*/, method).reply(() => {
      counter.count++;
      return [500, ""];
    });
  }
  return counter;
}

describe("ids that a URL would resolve or split", () => {
  describe("check", () => {
    for (const bad of DOT_SEGMENTS) {
      it(`refuses ${JSON.stringify(bad)} as every id of every resource, naming the field`, async () => {
        const userCheck = await user.check({}, { identitySourceId: ISID, externalId: bad, profile: PROFILE });
        assert.deepEqual(userCheck.failures, [{ property: "externalId", reason: DOT_SEGMENT_REASON }]);
        const groupCheck = await group.check(
          {},
          { identitySourceId: ISID, externalId: bad, profile: { displayName: "Eng" } },
        );
        assert.deepEqual(groupCheck.failures, [{ property: "externalId", reason: DOT_SEGMENT_REASON }]);
        const membershipCheck = await membership.check(
          {},
          { identitySourceId: ISID, groupOrExternalId: bad, memberExternalId: bad },
        );
        assert.deepEqual(membershipCheck.failures, [
          { property: "groupOrExternalId", reason: DOT_SEGMENT_REASON },
          { property: "memberExternalId", reason: DOT_SEGMENT_REASON },
        ]);
        const importCheck = checkImportArgs({
          identitySourceId: ISID,
          upsertUsers: { profiles: [{ externalId: bad, profile: PROFILE }] },
          deleteUsers: { profiles: [{ externalId: bad }] },
          upsertGroups: { profiles: [{ externalId: bad, groupProfile: { displayName: "Eng" } }] },
          deleteGroups: { externalIds: [bad] },
          upsertGroupMemberships: { memberships: [{ groupExternalId: bad, memberExternalIds: [bad] }] },
        });
        assert.deepEqual(
          importCheck.failures.filter((f) => f.reason === DOT_SEGMENT_REASON).map((f) => f.property),
          [
            "upsertUsers.profiles[0].externalId",
            "deleteUsers.profiles[0].externalId",
            "upsertGroups.profiles[0].externalId",
            "deleteGroups.externalIds[0]",
            "upsertGroupMemberships.memberships[0].groupExternalId",
            "upsertGroupMemberships.memberships[0].memberExternalIds[0]",
          ],
        );
      });
    }

    it("refuses '/' and '\\' in the ids the record resources put in URL paths; bulk ids may hold them", async () => {
      const userCheck = await user.check({}, { identitySourceId: ISID, externalId: "a/b", profile: PROFILE });
      assert.deepEqual(userCheck.failures, [{ property: "externalId", reason: PATH_SEPARATOR_REASON }]);
      const membershipCheck = await membership.check(
        {},
        { identitySourceId: ISID, groupOrExternalId: "ENG", memberExternalId: "a%5Cb" },
      );
      assert.deepEqual(membershipCheck.failures, [
        { property: "memberExternalId", reason: PATH_SEPARATOR_REASON },
      ]);
      const importCheck = checkImportArgs({
        identitySourceId: ISID,
        upsertUsers: { profiles: [{ externalId: "dept/42", profile: PROFILE }] },
      });
      assert.deepEqual(importCheck.failures, []);
    });

    it("refuses an empty identity source id with the rule, in every resource", async () => {
      for (const result of [
        await user.check({}, { identitySourceId: "", externalId: "U1", profile: PROFILE }),
        await membership.check({}, { identitySourceId: "", groupOrExternalId: "G", memberExternalId: "U" }),
      ]) {
        assert.deepEqual(result.failures?.[0], { property: "identitySourceId", reason: "must not be empty" });
      }
      assert.deepEqual(
        checkImportArgs({ identitySourceId: "", deleteGroups: { externalIds: ["G"] } }).failures,
        [{ property: "identitySourceId", reason: "must not be empty" }],
      );
    });
  });

  describe("provider methods on state or inputs that hold such an id (written before this rule)", () => {
    useNockProvider();

    it("membership delete of member '..' sends nothing (it used to DELETE …/groups/ENG/ and report 'already gone')", async () => {
      const sent = countRequests();
      const props = { identitySourceId: ISID, groupOrExternalId: "ENG", memberExternalId: ".." };
      await assert.rejects(membership.delete(`${ISID}/ENG/..`, props), /memberExternalId must not be "\."/);
      assert.equal(sent.count, 0);
      nock.cleanAll();
    });

    it("user '..' is not created, read or deleted: each fails before any request", async () => {
      const sent = countRequests();
      const inputs = { identitySourceId: ISID, externalId: "..", profile: PROFILE };
      await assert.rejects(user.create(inputs), /externalId: must not be "\." or "\.\."/);
      await assert.rejects(user.read(`${ISID}/..`, inputs), /users\.get: externalId must not be "\."/);
      await assert.rejects(
        user.delete(`${ISID}/%2e%2e`, { ...inputs, externalId: "%2e%2e" }),
        /users\.delete/,
      );
      assert.equal(sent.count, 0);
      nock.cleanAll();
    });

    it("group '..' is not looked up for adoption (which went to the wrong URL and created a duplicate)", async () => {
      const sent = countRequests();
      const inputs = {
        identitySourceId: ISID,
        externalId: "..",
        profile: { displayName: "Eng" },
        adoptExisting: true,
      };
      await assert.rejects(group.create(inputs), /externalId: must not be "\." or "\.\."/);
      assert.equal(sent.count, 0);
      nock.cleanAll();
    });
  });
});
