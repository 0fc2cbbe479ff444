/** Lookups refuse ids a URL would resolve or split, and an empty identity source id, before any request. */
import assert from "node:assert/strict";
import nock from "nock";
import { getIdentitySourceGroupMemberships } from "../../src/functions/get-identity-source-group-memberships";
import { getIdentitySourceGroups } from "../../src/functions/get-identity-source-groups";
import { getIdentitySourceSessions } from "../../src/functions/get-identity-source-sessions";
import { getIdentitySourceUsers } from "../../src/functions/get-identity-source-users";
import { DOT_SEGMENT_REASON, EMPTY_ID_REASON, PATH_SEPARATOR_REASON } from "../../src/schemas/path-ids";
import { useLookupEnv } from "./support";

const ORG = "https://ois-lookup-ids.okta.com";
const ISID = "0oaLOOKUPTEST00001";

describe("lookups: ids checked before any request", () => {
  let sent = 0;
  before(() => nock.disableNetConnect());
  after(() => nock.enableNetConnect());
  beforeEach(() => {
    sent = 0;
    // Before the fix, `..` requested …/identity-sources/{id}/ (and `""` …/identity-sources//sessions).
    const scope = nock(ORG).persist();
    for (const method of ["GET", "POST", "DELETE"])
      scope.intercept(/.*/, method).reply(() => {
        sent++;
        return [404, { errorCode: "E0000007", errorSummary: "Not found" }];
      });
  });
  afterEach(() => {
    nock.cleanAll();
    assert.equal(sent, 0, "no request reached the org");
  });
  useLookupEnv(() => ORG);

  const cases: [string, string, RegExp][] = [
    ["..", "externalId", new RegExp(escape(DOT_SEGMENT_REASON))],
    ["%2E%2e", "externalId", new RegExp(escape(DOT_SEGMENT_REASON))],
    [".", "externalId", new RegExp(escape(DOT_SEGMENT_REASON))],
    ["a/b", "externalId", new RegExp(escape(PATH_SEPARATOR_REASON))],
    ["", "externalId", new RegExp(escape(EMPTY_ID_REASON))],
  ];
  for (const [bad, , reason] of cases) {
    it(`refuses ${JSON.stringify(bad)} as the id of every lookup, naming the lookup and the field`, async () => {
      await assert.rejects(
        getIdentitySourceUsers({ identitySourceId: ISID, externalId: bad }),
        (e: Error) => e.message.startsWith("getIdentitySourceUsers: externalId: ") && reason.test(e.message),
      );
      await assert.rejects(
        getIdentitySourceGroups({ identitySourceId: ISID, externalId: bad }),
        (e: Error) => e.message.startsWith("getIdentitySourceGroups: externalId: ") && reason.test(e.message),
      );
      await assert.rejects(
        getIdentitySourceGroupMemberships({ identitySourceId: ISID, groupExternalId: bad }),
        (e: Error) =>
          e.message.startsWith("getIdentitySourceGroupMemberships: groupExternalId: ") &&
          reason.test(e.message),
      );
      if (bad !== "") {
        await assert.rejects(
          getIdentitySourceSessions({ identitySourceId: ISID, sessionId: bad }),
          (e: Error) =>
            e.message.startsWith("getIdentitySourceSessions: sessionId: ") && reason.test(e.message),
        );
      }
    });
  }

  it("refuses an empty identity source id (it used to end in a raw 404 on …//sessions)", async () => {
    for (const lookup of [
      () => getIdentitySourceSessions({ identitySourceId: "" }),
      () => getIdentitySourceUsers({ identitySourceId: "", externalId: "U1" }),
      () => getIdentitySourceGroups({ identitySourceId: "", externalId: "G1" }),
      () => getIdentitySourceGroupMemberships({ identitySourceId: "", groupExternalId: "G1" }),
    ]) {
      await assert.rejects(lookup(), /: identitySourceId: must not be empty$/);
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
