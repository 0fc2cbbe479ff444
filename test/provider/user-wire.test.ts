/**
 * `IdentitySourceUser` against Okta's wire (nock) for the edges the emulator does not produce: a create
 * refused because the user exists, a create whose read-back finds nothing, an update of a user deleted out
 * of band, and the exact requests of each method.
 */
import assert from "node:assert/strict";
import nock from "nock";
import {
  CANARY_EMAIL,
  CANARY_TOKEN,
  captureConsole,
  createExchange,
  identitySourceExists,
  ISID,
  ORG,
  oktaError,
  refusedAsExisting,
  rejectionOf,
  useNockProvider,
  userKind as kind,
} from "./support";

const USERS = `/api/v1/identity-sources/${ISID}/users`;
const profile = { userName: CANARY_EMAIL, email: CANARY_EMAIL, firstName: "Cora", lastName: "Canary" };
const inputs = {
  identitySourceId: ISID,
  externalId: "USEREXT1",
  profile,
  resourceName: "jdoe",
  __provider: "p",
};
const wireUser = (p: Record<string, string | null> = profile) => ({
  id: "0uaWIRE1",
  externalId: "USEREXT1",
  created: "2026-04-19T20:30:31.000Z",
  lastUpdated: "2026-04-19T20:30:31.000Z",
  profile: { secondEmail: null, mobilePhone: null, ...p },
});
const notFound = () => oktaError("E0000007", "Not found: Resource not found: USEREXT1 (IdentitySourceUser)");

describe("IdentitySourceUser provider on the wire", () => {
  useNockProvider();

  const createdOuts = {
    identitySourceId: ISID,
    externalId: "USEREXT1",
    profile: { email: CANARY_EMAIL, firstName: "Cora", lastName: "Canary", userName: CANARY_EMAIL },
    oktaUserId: "0uaWIRE1",
    created: "2026-04-19T20:30:31.000Z",
    lastUpdated: "2026-04-19T20:30:31.000Z",
    resourceName: "jdoe",
  };

  it("creates with one request, a POST of externalId + profile, when Okta's answer carries the user", async () => {
    let posted: unknown;
    const scope = nock(ORG)
      .post(USERS, (body) => ((posted = body), true))
      .reply(200, wireUser());
    const result = await kind.create(inputs);
    assert.ok(scope.isDone());
    assert.deepEqual(posted, { externalId: "USEREXT1", profile });
    assert.equal(result.id, `${ISID}/USEREXT1`);
    assert.deepEqual(result.outs, createdOuts);
  });

  it("reads the user back when the create's answer has no body (SPEC documents none)", async () => {
    nock(ORG).post(USERS).reply(200, "").get(`${USERS}/USEREXT1`).reply(200, wireUser());
    const result = await kind.create(inputs);
    assert.deepEqual(result.outs, createdOuts);
  });

  it("explains adoptExisting when the POST is refused because the user already exists", async () => {
    refusedAsExisting(USERS, "USEREXT1", wireUser());
    const error = await rejectionOf(kind.create(inputs));
    assert.match(error.message, /^jdoe: a user with externalId "USEREXT1" already exists/);
    assert.match(error.message, /adoptExisting: true/);
    assert.match(error.message, /`pulumi import` .* do not work for dynamic resources/);
  });

  it("adopts, with adoptExisting, a user the POST finds already there (also one created since the plan)", async () => {
    refusedAsExisting(USERS, "USEREXT1", wireUser({ ...profile, firstName: "Other" }))
      .put(`${USERS}/USEREXT1`, { profile })
      .reply(200, wireUser());
    const { result, lines } = await captureConsole(() => kind.create({ ...inputs, adoptExisting: true }));
    assert.equal(result.outs["oktaUserId"], "0uaWIRE1");
    assert.deepEqual(lines, ["jdoe: adopted the existing user and applied the declared profile"]);
  });

  it("takes a user as created when the POST got no clear answer but the user is there, applying the profile", async () => {
    // POSTs are never re-sent after a 5xx or a lost answer: the record may exist. Looking again avoids
    // failing now and then refusing our own record ("already exists") on the next up.
    createExchange(USERS, "USEREXT1", [502, "bad gateway"], [200, wireUser()])
      .put(`${USERS}/USEREXT1`, { profile })
      .reply(200, wireUser());
    const { result, lines } = await captureConsole(() => kind.create(inputs));
    assert.equal(result.id, `${ISID}/USEREXT1`);
    assert.equal(result.outs["oktaUserId"], "0uaWIRE1");
    assert.deepEqual(lines, [
      "jdoe: the create got no clear answer (502) but the user exists; applied the profile",
    ]);
  });

  it("passes a POST without a clear answer through when the user is not there", async () => {
    createExchange(USERS, "USEREXT1", [502, "bad gateway"], [404, notFound()]);
    const error = await rejectionOf(kind.create(inputs));
    assert.match(error.message, /POST .*\/users failed: 502/);
    assert.equal(error["id"], undefined);
  });

  it("reports a partially created user (with its id) when the read-back fails", async () => {
    createExchange(USERS, "USEREXT1", [200, ""], [500, oktaError("E0000009", "Internal Server Error")]);
    const error = await rejectionOf(kind.create(inputs));
    assert.equal(error["id"], `${ISID}/USEREXT1`);
    assert.match(error.message, /reading it back failed: GET .* 500/);
    assert.equal((error["properties"] as Record<string, unknown>)["__provider"], "p");
  });

  it("passes other POST failures through unchanged, without the token or profile", async () => {
    nock(ORG)
      .post(USERS)
      .reply(403, oktaError("E0000006", "You do not have permission to perform the requested action"));
    const error = await rejectionOf(kind.create(inputs));
    assert.match(error.message, /POST .*\/users failed: 403 E0000006/);
    assert.ok(!error.message.includes(CANARY_TOKEN) && !error.message.includes(CANARY_EMAIL));
  });

  it("reports a partially created user (with its id) when the read-back finds nothing", async () => {
    createExchange(USERS, "USEREXT1", [200, ""], [404, notFound()]);
    const error = await rejectionOf(kind.create(inputs));
    assert.equal(error["id"], `${ISID}/USEREXT1`);
    assert.deepEqual(error["reasons"], [error.message]);
    assert.equal((error["properties"] as Record<string, unknown>)["externalId"], "USEREXT1");
    // The host stores these properties verbatim and adds `__provider` only to successful results: without
    // it, refresh and destroy of the partially created user cannot find their provider.
    assert.equal((error["properties"] as Record<string, unknown>)["__provider"], "p");
  });

  it("updates with a PUT of the whole declared profile", async () => {
    let put: unknown;
    const declared = { userName: CANARY_EMAIL, email: CANARY_EMAIL, firstName: "Cora" };
    nock(ORG)
      .put(`${USERS}/USEREXT1`, (body) => ((put = body), true))
      .reply(200, wireUser({ ...declared, lastName: null }));
    const olds = { identitySourceId: ISID, externalId: "USEREXT1", profile };
    const { outs } = await kind.update(`${ISID}/USEREXT1`, olds, { ...inputs, profile: declared });
    assert.deepEqual(put, { profile: declared });
    assert.deepEqual(outs?.["profile"], { email: CANARY_EMAIL, firstName: "Cora", userName: CANARY_EMAIL });
  });

  it("creates the user again when the PUT finds it deleted outside Pulumi", async () => {
    nock(ORG)
      .put(`${USERS}/USEREXT1`)
      .reply(404, notFound())
      .post(USERS)
      .reply(200, "")
      .get(`${USERS}/USEREXT1`)
      .reply(200, wireUser());
    const olds = { identitySourceId: ISID, externalId: "USEREXT1", profile: { ...profile, lastName: "Old" } };
    const { result, lines } = await captureConsole(() => kind.update(`${ISID}/USEREXT1`, olds, inputs));
    assert.equal(result.outs?.["oktaUserId"], "0uaWIRE1");
    assert.deepEqual(lines, ["jdoe: the user was gone from Okta; creating it again"]);
  });

  it("sends nothing when only secretProfile changed, and keeps what Okta returned last", async () => {
    const olds = { ...inputs, oktaUserId: "0uaWIRE1", created: "c", lastUpdated: "l" };
    const { outs } = await kind.update(`${ISID}/USEREXT1`, olds, { ...inputs, secretProfile: false });
    assert.equal(outs?.["secretProfile"], false);
    assert.equal(outs?.["oktaUserId"], "0uaWIRE1");
  });

  it("completes a partially created user on the next update even when the profile did not change", async () => {
    // After a failed read-back, state holds the declared profile but no oktaUserId: skipping the PUT
    // because the profiles match would leave oktaUserId missing for good.
    let put = false;
    nock(ORG)
      .put(`${USERS}/USEREXT1`, () => ((put = true), true))
      .reply(200, wireUser());
    const olds = { identitySourceId: ISID, externalId: "USEREXT1", profile, resourceName: "jdoe" };
    const { outs } = await kind.update(`${ISID}/USEREXT1`, olds, inputs);
    assert.ok(put, "expected a PUT");
    assert.equal(outs?.["oktaUserId"], "0uaWIRE1");
  });

  it("treats a 404 on delete as done and says so in one short line", async () => {
    nock(ORG).delete(`${USERS}/USEREXT1`).reply(404, notFound());
    identitySourceExists();
    const { lines } = await captureConsole(() =>
      kind.delete(`${ISID}/USEREXT1`, {
        identitySourceId: ISID,
        externalId: "USEREXT1",
        resourceName: "jdoe",
      }),
    );
    assert.deepEqual(lines, ["jdoe: the user was already gone from Okta"]);
  });

  it("fails a refresh, saying why, when a gone user's identity source cannot be confirmed", async () => {
    nock(ORG)
      .get(`${USERS}/USEREXT1`)
      .reply(404, notFound())
      .get(`/api/v1/identity-sources/${ISID}/sessions`)
      .reply(403, oktaError("E0000006", "You do not have permission to perform the requested action"));
    await assert.rejects(
      kind.read(`${ISID}/USEREXT1`, { identitySourceId: ISID, externalId: "USEREXT1" }),
      /could not confirm that identity source \w+ exists, which is needed before a record of it is reported gone: GET .* 403/,
    );
  });

  it("propagates a delete failure other than 404", async () => {
    nock(ORG).delete(`${USERS}/USEREXT1`).reply(500, oktaError("E0000009", "Internal Server Error"));
    await assert.rejects(
      kind.delete(`${ISID}/USEREXT1`, { identitySourceId: ISID, externalId: "USEREXT1" }),
      /500/,
    );
  });

  it("reads a record addressed only by its id (no state), as `.get()` would", async () => {
    nock(ORG)
      .get(`${USERS}/USER%40EXT`)
      .reply(200, { ...wireUser(), externalId: "USER@EXT" });
    const read = await kind.read(`${ISID}/USER@EXT`, { __provider: "p" });
    assert.equal(read.id, `${ISID}/USER@EXT`);
    assert.equal(read.props?.["externalId"], "USER@EXT");
    assert.deepEqual(read.inputs?.["identitySourceId"], ISID);
  });
});
