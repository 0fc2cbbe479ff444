/** `IdentitySourceGroup` and `IdentitySourceGroupMembership` against Okta's wire (nock) for edges. */
import assert from "node:assert/strict";
import nock from "nock";
import {
  captureConsole,
  createExchange,
  identitySourceExists,
  ISID,
  ORG,
  oktaError,
  refusedAsExisting,
  rejectionOf,
  useNockProvider,
  membershipKind as membership,
  groupKind as kind,
} from "./support";

const GROUPS = `/api/v1/identity-sources/${ISID}/groups`;
const notFound = () => oktaError("E0000007", "Not found: Resource not found");
const inputs = {
  identitySourceId: ISID,
  externalId: "GRPEXT1",
  profile: { displayName: "Engineering" },
  resourceName: "eng",
};
/** What adoption POSTs to the existing group: the declared profile, an undeclared description as null. */
const adoptBody = { externalId: "GRPEXT1", profile: { displayName: "Engineering", description: null } };
const wireGroup = {
  id: "00gWIRE1",
  externalId: "GRPEXT1",
  profile: { displayName: "Engineering", description: null },
};

describe("IdentitySourceGroup provider on the wire", () => {
  useNockProvider();

  it("creates with one request, a POST that sends an undeclared description as null", async () => {
    let posted: unknown;
    const scope = nock(ORG)
      .post(GROUPS, (body) => ((posted = body), true))
      .reply(200, wireGroup);
    const result = await kind.create(inputs);
    assert.ok(scope.isDone());
    assert.deepEqual(posted, {
      externalId: "GRPEXT1",
      profile: { displayName: "Engineering", description: null },
    });
    assert.equal(result.id, "00gWIRE1");
    assert.deepEqual(result.outs, {
      identitySourceId: ISID,
      externalId: "GRPEXT1",
      profile: { displayName: "Engineering" },
      oktaGroupId: "00gWIRE1",
      resourceName: "eng",
    });
  });

  it("finds the new group by external id when the create's answer is not clearly it", async () => {
    createExchange(GROUPS, "GRPEXT1", [200, ""], [200, wireGroup]);
    const result = await kind.create(inputs);
    assert.equal(result.id, "00gWIRE1");
    assert.equal(result.outs["oktaGroupId"], "00gWIRE1");
  });

  it("explains adoptExisting, naming Okta's id, when the group already exists", async () => {
    refusedAsExisting(GROUPS, "GRPEXT1", wireGroup);
    const error = await rejectionOf(kind.create(inputs));
    assert.match(
      error.message,
      /^eng: a group with externalId "GRPEXT1" already exists .*\(Okta id 00gWIRE1\)/,
    );
    assert.match(error.message, /adoptExisting: true/);
  });

  it("adopts an existing group by POSTing the declared profile to its Okta id", async () => {
    refusedAsExisting(GROUPS, "GRPEXT1", {
      ...wireGroup,
      profile: { displayName: "Old", description: "old" },
    })
      .post(`${GROUPS}/00gWIRE1`, adoptBody)
      .reply(200, wireGroup);
    const { result, lines } = await captureConsole(() => kind.create({ ...inputs, adoptExisting: true }));
    assert.equal(result.id, "00gWIRE1");
    assert.equal(result.outs?.["adoptExisting"], true);
    assert.deepEqual(lines, ["eng: adopted the existing group 00gWIRE1 and applied the declared profile"]);
  });

  it("takes a group as created when the POST got no clear answer but the group is there", async () => {
    createExchange(GROUPS, "GRPEXT1", [504, "gateway timeout"], [200, wireGroup])
      .post(`${GROUPS}/00gWIRE1`, adoptBody)
      .reply(200, wireGroup);
    const { result, lines } = await captureConsole(() => kind.create(inputs));
    assert.equal(result.id, "00gWIRE1");
    assert.deepEqual(lines, [
      "eng: the create got no clear answer (504) but group 00gWIRE1 exists; applied the profile",
    ]);
  });

  it("tells the user to refresh when an update finds the group deleted outside Pulumi", async () => {
    nock(ORG).post(`${GROUPS}/00gWIRE1`).reply(404, notFound());
    const error = await rejectionOf(
      kind.update("00gWIRE1", { identitySourceId: ISID, externalId: "GRPEXT1", profile: {} }, inputs),
    );
    assert.match(error.message, /^eng: group 00gWIRE1 no longer exists in Okta; run `pulumi refresh`/);
  });

  it("reads an external id Okta reports differently as drift that the next up replaces", async () => {
    // The emulator refuses to change a group's external id; Okta's documents do not say it cannot happen.
    nock(ORG)
      .get(`${GROUPS}/00gWIRE1`)
      .reply(200, { ...wireGroup, externalId: "GRPEXT1-MOVED" });
    const olds = { identitySourceId: ISID, externalId: "GRPEXT1", profile: { displayName: "Engineering" } };
    const read = await kind.read("00gWIRE1", olds);
    assert.equal(read.id, "00gWIRE1");
    assert.equal(read.inputs?.["externalId"], "GRPEXT1-MOVED");
    const diff = await kind.diff("00gWIRE1", read.props ?? {}, inputs);
    assert.deepEqual(diff.replaces, ["externalId"]);
  });

  it("treats a 404 on delete as done and says so in one short line", async () => {
    nock(ORG).delete(`${GROUPS}/00gWIRE1`).reply(404, notFound());
    identitySourceExists();
    const { lines } = await captureConsole(() =>
      kind.delete("00gWIRE1", { identitySourceId: ISID, externalId: "GRPEXT1", resourceName: "eng" }),
    );
    assert.deepEqual(lines, ["eng: the group was already gone from Okta"]);
  });

  it("fails clearly when state lacks the identity source id", async () => {
    await assert.rejects(kind.read("00gWIRE1", { __provider: "p" }), /state has no identitySourceId/);
  });
});

describe("IdentitySourceGroupMembership provider on the wire", () => {
  useNockProvider();
  const MEMBERS = `${GROUPS}/GRPEXT1/membership`;
  const keys = { identitySourceId: ISID, groupOrExternalId: "GRPEXT1", memberExternalId: "u5" };

  it("finds the member on the third page of the listing", async () => {
    nock(ORG)
      .get(MEMBERS)
      .query({ limit: "1000" })
      .reply(
        200,
        { memberExternalIds: ["u1", "u2"] },
        { Link: `<${ORG}${MEMBERS}?after=a&limit=1000>; rel="next"` },
      )
      .get(MEMBERS)
      .query({ after: "a", limit: "1000" })
      .reply(
        200,
        { memberExternalIds: ["u3", "u4"] },
        { Link: `<${ORG}${MEMBERS}?after=b&limit=1000>; rel="next"` },
      )
      .get(MEMBERS)
      .query({ after: "b", limit: "1000" })
      .reply(200, { memberExternalIds: ["u5"] });
    const read = await membership.read(`${ISID}/GRPEXT1/u5`, keys);
    assert.equal(read.id, `${ISID}/GRPEXT1/u5`);
    assert.deepEqual(read.inputs, keys);
  });

  it("reads a membership whose group is gone as gone", async () => {
    nock(ORG).get(MEMBERS).query(true).reply(404, notFound());
    identitySourceExists();
    assert.deepEqual(await membership.read(`${ISID}/GRPEXT1/u5`, keys), {});
  });

  it("propagates a listing failure instead of reporting the membership gone", async () => {
    nock(ORG).get(MEMBERS).query(true).reply(503, oktaError("E0000009", "Service unavailable"));
    await assert.rejects(membership.read(`${ISID}/GRPEXT1/u5`, keys), /503/);
  });

  it("treats a 404 on delete as done", async () => {
    nock(ORG).delete(`${MEMBERS}/u5`).reply(404, notFound());
    identitySourceExists();
    const { lines } = await captureConsole(() =>
      membership.delete(`${ISID}/GRPEXT1/u5`, { ...keys, resourceName: "m" }),
    );
    assert.deepEqual(lines, ["m: the membership was already gone from Okta"]);
  });

  it("parses keys from the id alone when state has none", async () => {
    nock(ORG).delete(`${MEMBERS}/u5`).reply(204);
    await membership.delete(`${ISID}/GRPEXT1/u5`, { __provider: "p" });
  });
});
