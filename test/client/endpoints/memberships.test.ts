import assert from "node:assert/strict";
import nock from "nock";
import { isInvalidResponseError, isOktaApiError } from "../../../src/client";
import { apiHeaders, ISID, makeClient, oktaError, ORG, rejection, useNock } from "../support";

const BASE = `/api/v1/identity-sources/${ISID}/groups/GRPEXT1/membership`;

describe("memberships endpoints", () => {
  useNock();

  it("add POSTs memberExternalId and accepts 204", async () => {
    nock(ORG, apiHeaders({ body: true }))
      .post(BASE, { memberExternalId: "USEREXT1" })
      .reply(204);
    const { client } = makeClient();
    await client.memberships.add(ISID, "GRPEXT1", "USEREXT1");
  });

  it("remove DELETEs the member, resolves true on 204 and 200, false on 404", async () => {
    nock(ORG, apiHeaders()).delete(`${BASE}/USEREXT1`).reply(204);
    nock(ORG, apiHeaders()).delete(`${BASE}/USEREXT3`).reply(200, "", { "Content-Length": "0" });
    nock(ORG, apiHeaders()).delete(`${BASE}/USEREXT2`).reply(404, oktaError("E0000007", "Not found"));
    const { client } = makeClient();
    assert.equal(await client.memberships.remove(ISID, "GRPEXT1", "USEREXT1"), true);
    assert.equal(await client.memberships.remove(ISID, "GRPEXT1", "USEREXT3"), true);
    assert.equal(await client.memberships.remove(ISID, "GRPEXT1", "USEREXT2"), false);
  });

  it("listAll follows Link rel=next across three pages (absolute and relative links)", async () => {
    nock(ORG, apiHeaders())
      .get(BASE)
      .query({ limit: "1000" })
      .reply(
        200,
        { memberExternalIds: ["u1", "u2"] },
        { Link: `<${ORG}${BASE}?after=c1&limit=1000>; rel="next"` },
      );
    nock(ORG, apiHeaders())
      .get(BASE)
      .query({ after: "c1", limit: "1000" })
      .reply(
        200,
        { memberExternalIds: ["u3"] },
        {
          Link: `<${ORG}${BASE}?after=c1&limit=1000>; rel="self", <${BASE}?after=c2&limit=1000>; rel="next"`,
        },
      );
    nock(ORG, apiHeaders())
      .get(BASE)
      .query({ after: "c2", limit: "1000" })
      .reply(200, { memberExternalIds: ["u4"] }, { Link: `<${ORG}${BASE}?after=c2&limit=1000>; rel="self"` });
    const { client } = makeClient();
    assert.deepEqual(await client.memberships.listAll(ISID, "GRPEXT1"), ["u1", "u2", "u3", "u4"]);
  });

  it("pages yields each page and honours pageSize", async () => {
    nock(ORG)
      .get(BASE)
      .query({ limit: "2" })
      .reply(200, { memberExternalIds: ["u1", "u2"] }, { Link: `<${BASE}?after=c1&limit=2>; rel="next"` });
    nock(ORG).get(BASE).query({ after: "c1", limit: "2" }).reply(200, { memberExternalIds: [] });
    const { client } = makeClient();
    const pages: string[][] = [];
    for await (const page of client.memberships.pages(ISID, "GRPEXT1", { pageSize: 2 })) pages.push(page);
    assert.deepEqual(pages, [["u1", "u2"], []]);
  });

  it("rejects a pageSize above Okta's maximum", async () => {
    const { client } = makeClient();
    await assert.rejects(client.memberships.listAll(ISID, "GRPEXT1", { pageSize: 1001 }), RangeError);
  });

  it("refuses to follow a next link to another origin", async () => {
    nock(ORG)
      .get(BASE)
      .query(true)
      .reply(
        200,
        { memberExternalIds: ["u1"] },
        { Link: `<https://evil.example.com${BASE}?after=c1>; rel="next"` },
      );
    const { client } = makeClient();
    const error = await rejection(client.memberships.listAll(ISID, "GRPEXT1"));
    assert.ok(isInvalidResponseError(error));
    assert.deepEqual(error.issues, [{ path: "Link", code: "cross_origin_next_link" }]);
  });

  it("stops with an error when a next link repeats a page", async () => {
    nock(ORG)
      .get(BASE)
      .query({ limit: "1000" })
      .reply(200, { memberExternalIds: ["u1"] }, { Link: `<${BASE}?limit=1000>; rel="next"` });
    const { client } = makeClient();
    const error = await rejection(client.memberships.listAll(ISID, "GRPEXT1"));
    assert.ok(isInvalidResponseError(error));
    assert.equal(error.issues[0]?.code, "pagination_loop");
  });

  it("rejects with a 404 OktaApiError when the group is gone", async () => {
    nock(ORG).get(BASE).query(true).reply(404, oktaError("E0000007", "Not found"));
    const { client } = makeClient();
    const error = await rejection(client.memberships.listAll(ISID, "GRPEXT1"));
    assert.ok(isOktaApiError(error));
    assert.equal(error.status, 404);
    assert.equal(error.path, BASE);
  });
});
