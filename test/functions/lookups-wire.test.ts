/** The four lookups against Okta's wire (nock): request shapes, every page, latest session, clear not-found. */
import assert from "node:assert/strict";
import nock from "nock";
import {
  getIdentitySourceGroupMemberships,
  getIdentitySourceGroupMembershipsOutput,
} from "../../src/functions/get-identity-source-group-memberships";
import { getIdentitySourceGroups } from "../../src/functions/get-identity-source-groups";
import { getIdentitySourceSessions } from "../../src/functions/get-identity-source-sessions";
import { getIdentitySourceUsers } from "../../src/functions/get-identity-source-users";
import { CANARY_TOKEN, useLookupEnv } from "./support";

const ORG = "https://ois-lookup-test.okta.com";
const ISID = "0oaLOOKUPTEST00001";
const BASE = `/api/v1/identity-sources/${ISID}`;
const notFound = { errorCode: "E0000007", errorSummary: "Not found: Resource not found", errorCauses: [] };

describe("lookups on the wire", () => {
  before(() => nock.disableNetConnect());
  after(() => nock.enableNetConnect());
  afterEach(function () {
    const done = nock.isDone();
    nock.cleanAll();
    if (this.currentTest?.state === "passed") assert.ok(done, "every nock scope was used");
  });
  useLookupEnv(() => ORG);

  it("getIdentitySourceUsers returns the user with nulls dropped from the profile, authenticated by OKTA_API_TOKEN", async () => {
    let auth: unknown;
    nock(ORG)
      .get(`${BASE}/users/USEREXT123456EXAMPLE`)
      .reply(function () {
        auth = this.req.headers["authorization"];
        return [
          200,
          {
            id: "0uaLOOKUP1",
            externalId: "USEREXT123456EXAMPLE",
            created: "2026-04-19T20:30:31.000Z",
            lastUpdated: "2026-04-19T20:31:00.000Z",
            profile: { userName: "jdoe@example.com", email: "jdoe@example.com", mobilePhone: null },
          },
        ];
      });
    const user = await getIdentitySourceUsers({ identitySourceId: ISID, externalId: "USEREXT123456EXAMPLE" });
    assert.equal(auth, `SSWS ${CANARY_TOKEN}`);
    assert.deepEqual(user, {
      id: "0uaLOOKUP1",
      identitySourceId: ISID,
      externalId: "USEREXT123456EXAMPLE",
      created: "2026-04-19T20:30:31.000Z",
      lastUpdated: "2026-04-19T20:31:00.000Z",
      profile: { userName: "jdoe@example.com", email: "jdoe@example.com" },
    });
  });

  it("getIdentitySourceUsers fails clearly for a user that does not exist", async () => {
    nock(ORG).get(`${BASE}/users/NOPE`).reply(404, notFound);
    nock(ORG).get(`${BASE}/sessions`).reply(200, []); // the identity source exists
    await assert.rejects(
      getIdentitySourceUsers({ identitySourceId: ISID, externalId: "NOPE" }),
      new RegExp(
        `^Error: getIdentitySourceUsers: no user with externalId "NOPE" in identity source ${ISID}$`,
      ),
    );
  });

  it("getIdentitySourceGroups returns Okta's id and the flat profile", async () => {
    nock(ORG)
      .get(`${BASE}/groups/GRPEXT1`)
      .reply(200, {
        id: "00gLOOKUP1",
        externalId: "GRPEXT1",
        profile: { displayName: "Engineering", description: null },
      });
    assert.deepEqual(await getIdentitySourceGroups({ identitySourceId: ISID, externalId: "GRPEXT1" }), {
      id: "00gLOOKUP1",
      identitySourceId: ISID,
      externalId: "GRPEXT1",
      profile: { displayName: "Engineering" },
    });
  });

  it("getIdentitySourceGroups fails clearly for a group that does not exist", async () => {
    nock(ORG).get(`${BASE}/groups/NOPE`).reply(404, notFound);
    nock(ORG).get(`${BASE}/sessions`).reply(200, []); // the identity source exists
    await assert.rejects(
      getIdentitySourceGroups({ identitySourceId: ISID, externalId: "NOPE" }),
      /no group with/,
    );
  });

  it("getIdentitySourceGroupMemberships follows every next link at the largest page size", async () => {
    const path = `${BASE}/groups/GRPEXT1/membership`;
    nock(ORG)
      .get(path)
      .query({ limit: "1000" })
      .reply(
        200,
        { memberExternalIds: ["u1", "u2"] },
        { Link: `<${ORG}${path}?after=c1&limit=1000>; rel="next"` },
      )
      .get(path)
      .query({ after: "c1", limit: "1000" })
      .reply(200, { memberExternalIds: ["u3"] });
    const result = await getIdentitySourceGroupMemberships({
      identitySourceId: ISID,
      groupExternalId: "GRPEXT1",
    });
    assert.deepEqual(result, {
      id: `${ISID}/GRPEXT1`,
      identitySourceId: ISID,
      groupExternalId: "GRPEXT1",
      memberExternalIds: ["u1", "u2", "u3"],
    });
  });

  it("getIdentitySourceGroupMemberships fails clearly for a group that does not exist", async () => {
    nock(ORG).get(`${BASE}/groups/NOPE/membership`).query(true).reply(404, notFound);
    nock(ORG).get(`${BASE}/sessions`).reply(200, []); // the identity source exists
    await assert.rejects(
      getIdentitySourceGroupMemberships({ identitySourceId: ISID, groupExternalId: "NOPE" }),
      /getIdentitySourceGroupMemberships: no group with external id or Okta id "NOPE"/,
    );
  });

  it("getIdentitySourceSessions without an id lists every session, oldest first, and describes the latest", async () => {
    const s = (id: string, created: string, status: string) => ({
      id,
      identitySourceId: ISID,
      status,
      importType: "INCREMENTAL",
      created,
      lastUpdated: created,
    });
    nock(ORG)
      .get(`${BASE}/sessions`)
      .reply(200, [
        s("apsB", "2026-05-13T05:52:24.000Z", "TRIGGERED"),
        s("apsA", "2026-05-13T05:40:00.000Z", "COMPLETED"),
      ]);
    const result = await getIdentitySourceSessions({ identitySourceId: ISID });
    assert.equal(result.id, "apsB");
    assert.equal(result.sessionId, "apsB");
    assert.equal(result.status, "TRIGGERED");
    assert.deepEqual(
      result.sessions.map((x) => x.id),
      ["apsA", "apsB"],
    );
  });

  it("getIdentitySourceSessions without an id gives an empty list and no latest-session keys when none is listed", async () => {
    nock(ORG).get(`${BASE}/sessions`).reply(200, []);
    const result = await getIdentitySourceSessions({ identitySourceId: ISID });
    // deepEqual with exact keys: an undefined-valued key would fail here (the Pulumi host rejects them).
    assert.deepEqual(Object.keys(result), ["identitySourceId", "sessions"]);
    assert.deepEqual(result, { identitySourceId: ISID, sessions: [] });
  });

  it("getIdentitySourceSessions with an id reads that session, and fails clearly when it is gone", async () => {
    nock(ORG)
      .get(`${BASE}/sessions/apsX`)
      .reply(200, { id: "apsX", status: "COMPLETED", created: "2026-05-13T05:40:00.000Z" })
      .get(`${BASE}/sessions/apsGONE`)
      .reply(404, notFound);
    const result = await getIdentitySourceSessions({ identitySourceId: ISID, sessionId: "apsX" });
    assert.deepEqual(result, {
      id: "apsX",
      status: "COMPLETED",
      created: "2026-05-13T05:40:00.000Z",
      identitySourceId: ISID,
      sessionId: "apsX",
      sessions: [{ id: "apsX", status: "COMPLETED", created: "2026-05-13T05:40:00.000Z" }],
    });
    await assert.rejects(
      getIdentitySourceSessions({ identitySourceId: ISID, sessionId: "apsGONE" }),
      /no session apsGONE in identity source/,
    );
  });

  it("the Output form resolves Inputs and returns the same result", async () => {
    nock(ORG)
      .get(`${BASE}/groups/GRPEXT1/membership`)
      .query(true)
      .reply(200, { memberExternalIds: ["u1"] });
    const pulumi = await import("@pulumi/pulumi");
    const out = getIdentitySourceGroupMembershipsOutput({
      identitySourceId: pulumi.output(ISID),
      groupExternalId: Promise.resolve("GRPEXT1"),
    });
    const value = await new Promise((resolve) => out.apply(resolve));
    assert.deepEqual((value as { memberExternalIds: string[] }).memberExternalIds, ["u1"]);
  });
});
