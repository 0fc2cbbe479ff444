import assert from "node:assert/strict";
import nock from "nock";
import { isOktaApiError } from "../../../src/client";
import { apiHeaders, ISID, makeClient, oktaError, ORG, rejection, useNock } from "../support";

const BASE = `/api/v1/identity-sources/${ISID}/users`;
const profile = { userName: "jdoe@example.com", email: "jdoe@example.com", firstName: "Jane" };
const wireUser = {
  id: "0uaxr8kpjfWHJpAKK1d7",
  externalId: "USEREXT1",
  created: "2026-05-13T05:52:24.000Z",
  lastUpdated: "2026-05-13T05:52:24.000Z",
  profile: { ...profile, mobilePhone: null },
};

describe("users endpoints", () => {
  useNock();

  it("create POSTs externalId and profile and resolves on a body-less 200", async () => {
    nock(ORG, apiHeaders({ body: true }))
      .post(BASE, { externalId: "USEREXT1", profile })
      .reply(200);
    const { client } = makeClient();
    assert.equal(await client.users.create(ISID, { externalId: "USEREXT1", profile }), undefined);
  });

  it("create accepts any 2xx and returns the user only when the answer carries it (the recorded 200)", async () => {
    nock(ORG).post(BASE).reply(200, wireUser);
    nock(ORG).post(BASE).reply(201, wireUser);
    nock(ORG).post(BASE).reply(204);
    const { client } = makeClient();
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(await client.users.create(ISID, { externalId: "USEREXT1", profile }));
    assert.deepEqual(
      answers.map((u) => u?.id),
      [wireUser.id, wireUser.id, undefined],
    );
    assert.ok(nock.isDone());
  });

  it("get returns the user with null attributes kept", async () => {
    nock(ORG, apiHeaders()).get(`${BASE}/USEREXT1`).reply(200, wireUser);
    const { client } = makeClient();
    const user = await client.users.get(ISID, "USEREXT1");
    assert.equal(user?.profile["mobilePhone"], null);
    assert.equal(user?.externalId, "USEREXT1");
  });

  it("passes unknown fields and custom profile attributes through untouched (get, replace, patch)", async () => {
    // Okta adds fields over time and each identity source defines its own profile attributes
    // (docs/okta-api.md#profiles): none of it may be dropped, renamed or rejected on the way to the provider.
    const rich = {
      ...wireUser,
      status: "ACTIVE",
      _links: { self: { href: `${ORG}${BASE}/USEREXT1` } },
      futureField: { nested: [1, "two", null] },
      profile: { ...wireUser.profile, costCenter: "CC-42", employeeNumber: "0007", nickName: null },
    };
    nock(ORG).get(`${BASE}/USEREXT1`).reply(200, rich);
    nock(ORG).put(`${BASE}/USEREXT1`).reply(200, rich);
    nock(ORG).patch(`${BASE}/USEREXT1`).reply(200, rich);
    const { client } = makeClient();
    assert.deepEqual(await client.users.get(ISID, "USEREXT1"), rich);
    assert.deepEqual(await client.users.replace(ISID, "USEREXT1", { profile }), rich);
    assert.deepEqual(await client.users.patch(ISID, "USEREXT1", { profile: { firstName: "J" } }), rich);
  });

  it("get resolves undefined on 404", async () => {
    nock(ORG)
      .get(`${BASE}/gone`)
      .reply(404, oktaError("E0000007", "Not found: Resource not found: gone (User)"));
    const { client } = makeClient();
    assert.equal(await client.users.get(ISID, "gone"), undefined);
  });

  it("get rejects other failures (403 with the scope hint)", async () => {
    nock(ORG)
      .get(`${BASE}/USEREXT1`)
      .reply(403, oktaError("E0000006", "You do not have permission to perform the requested action"));
    const { client } = makeClient();
    const error = await rejection(client.users.get(ISID, "USEREXT1"));
    assert.ok(isOktaApiError(error));
    assert.match(error.message, /okta\.identitySources\.manage/);
  });

  it("replace PUTs the profile", async () => {
    nock(ORG, apiHeaders({ body: true }))
      .put(`${BASE}/USEREXT1`, { profile })
      .reply(200, wireUser);
    const { client } = makeClient();
    assert.equal((await client.users.replace(ISID, "USEREXT1", { profile })).id, wireUser.id);
  });

  it("patch PATCHes a partial profile", async () => {
    nock(ORG, apiHeaders({ body: true }))
      .patch(`${BASE}/USEREXT1`, { profile: { firstName: "Janet" } })
      .reply(200, wireUser);
    const { client } = makeClient();
    await client.users.patch(ISID, "USEREXT1", { profile: { firstName: "Janet" } });
  });

  it("delete resolves true on 204 and on 200, false on 404", async () => {
    nock(ORG, apiHeaders()).delete(`${BASE}/a`).reply(204);
    nock(ORG, apiHeaders()).delete(`${BASE}/b`).reply(200, "", { "Content-Length": "0" });
    nock(ORG, apiHeaders()).delete(`${BASE}/c`).reply(404, oktaError("E0000007", "Not found"));
    const { client } = makeClient();
    assert.deepEqual(
      [
        await client.users.delete(ISID, "a"),
        await client.users.delete(ISID, "b"),
        await client.users.delete(ISID, "c"),
      ],
      [true, true, false],
    );
  });

  it("URL-encodes the external id", async () => {
    nock(ORG).get(`${BASE}/jane%40example.com%3F1%20%2C...`).reply(200, wireUser);
    const { client } = makeClient();
    await client.users.get(ISID, "jane@example.com?1 ,...");
  });
});
