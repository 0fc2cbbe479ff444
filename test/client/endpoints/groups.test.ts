import assert from "node:assert/strict";
import nock from "nock";
import { isInvalidResponseError } from "../../../src/client";
import { apiHeaders, ISID, makeClient, oktaError, ORG, rejection, useNock } from "../support";

const BASE = `/api/v1/identity-sources/${ISID}/groups`;
const profile = { displayName: "Test Engineering Group", description: "A test group" };
const wireGroup = { id: "00gxsboqrae2EbzRI1d7", externalId: "GRPEXT1", profile };

describe("groups endpoints", () => {
  useNock();

  it("create POSTs and returns the group with its Okta id", async () => {
    nock(ORG, apiHeaders({ body: true }))
      .post(BASE, { externalId: "GRPEXT1", profile })
      .reply(200, wireGroup);
    const { client } = makeClient();
    assert.equal((await client.groups.create(ISID, { externalId: "GRPEXT1", profile }))?.id, wireGroup.id);
  });

  it("create resolves undefined when the 2xx answer is not clearly the new group (the caller looks it up)", async () => {
    nock(ORG)
      .post(BASE)
      .reply(200, "")
      .post(BASE)
      .reply(200, { ...wireGroup, externalId: "OTHER" });
    const { client } = makeClient();
    assert.equal(await client.groups.create(ISID, { externalId: "GRPEXT1", profile }), undefined);
    assert.equal(await client.groups.create(ISID, { externalId: "GRPEXT1", profile }), undefined);
  });

  it("get works with the Okta id and resolves undefined on 404", async () => {
    nock(ORG, apiHeaders()).get(`${BASE}/${wireGroup.id}`).reply(200, wireGroup);
    nock(ORG, apiHeaders()).get(`${BASE}/nope`).reply(404, oktaError("E0000007", "Not found"));
    const { client } = makeClient();
    assert.equal((await client.groups.get(ISID, wireGroup.id))?.externalId, "GRPEXT1");
    assert.equal(await client.groups.get(ISID, "nope"), undefined);
  });

  it("passes unknown fields and custom profile attributes through untouched (create, get, update)", async () => {
    const rich = {
      ...wireGroup,
      type: "APP_GROUP",
      _links: { self: { href: `${ORG}${BASE}/${wireGroup.id}` } },
      futureField: { nested: [1, "two", null] },
      profile: { ...profile, costCenter: "CC-42", description: null },
    };
    nock(ORG).post(BASE).reply(200, rich);
    nock(ORG).get(`${BASE}/GRPEXT1`).reply(200, rich);
    nock(ORG).post(`${BASE}/GRPEXT1`).reply(200, rich);
    const { client } = makeClient();
    const body = { externalId: "GRPEXT1", profile };
    assert.deepEqual(await client.groups.create(ISID, body), rich);
    assert.deepEqual(await client.groups.get(ISID, "GRPEXT1"), rich);
    assert.deepEqual(await client.groups.update(ISID, "GRPEXT1", body), rich);
  });

  it("update uses POST on the group path", async () => {
    nock(ORG, apiHeaders({ body: true }))
      .post(`${BASE}/GRPEXT1`, { externalId: "GRPEXT1", profile })
      .reply(200, wireGroup);
    const { client } = makeClient();
    await client.groups.update(ISID, "GRPEXT1", { externalId: "GRPEXT1", profile });
  });

  it("update is retried after a 503 (the same body replaces the same profile)", async () => {
    nock(ORG).post(`${BASE}/GRPEXT1`).reply(503);
    nock(ORG).post(`${BASE}/GRPEXT1`).reply(200, wireGroup);
    const { client } = makeClient();
    await client.groups.update(ISID, "GRPEXT1", { externalId: "GRPEXT1", profile });
  });

  it("delete resolves true on the recorded 200 and on 204, false on 404", async () => {
    nock(ORG, apiHeaders()).delete(`${BASE}/a`).reply(200, "", { "Content-Length": "0" });
    nock(ORG, apiHeaders()).delete(`${BASE}/c`).reply(204);
    nock(ORG, apiHeaders()).delete(`${BASE}/b`).reply(404);
    const { client } = makeClient();
    assert.equal(await client.groups.delete(ISID, "a"), true);
    assert.equal(await client.groups.delete(ISID, "c"), true);
    assert.equal(await client.groups.delete(ISID, "b"), false);
  });

  it("rejects a group body without an id as InvalidResponseError naming the path, not the values", async () => {
    nock(ORG)
      .get(`${BASE}/GRPEXT1`)
      .reply(
        200,
        { externalId: "GRPEXT1", profile: { displayName: "SECRET-DISPLAY-NAME" } },
        { "X-Okta-Request-Id": "r9" },
      );
    const { client } = makeClient();
    const error = await rejection(client.groups.get(ISID, "GRPEXT1"));
    assert.ok(isInvalidResponseError(error));
    assert.deepEqual(error.issues, [{ path: "id", code: "invalid_type" }]);
    assert.equal(error.requestId, "r9");
    assert.doesNotMatch(error.message + JSON.stringify(error), /SECRET-DISPLAY-NAME/);
  });
});
