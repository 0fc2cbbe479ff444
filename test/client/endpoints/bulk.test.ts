import assert from "node:assert/strict";
import nock from "nock";
import { isOktaApiError } from "../../../src/client";
import { apiHeaders, ISID, makeClient, oktaError, ORG, rejection, SESSION_ID, useNock } from "../support";

const BASE = `/api/v1/identity-sources/${ISID}/sessions/${SESSION_ID}`;

const users = {
  entityType: "USERS" as const,
  profiles: [
    { externalId: "USEREXT1", profile: { userName: "jdoe@example.com", email: "jdoe@example.com" } },
  ],
};
const userIds = { entityType: "USERS" as const, profiles: [{ externalId: "USEREXT1" }] };
const groups = { profiles: [{ externalId: "GROUPEXT1", profile: { displayName: "Engineering" } }] };
const groupIds = { externalIds: ["GROUPEXT1"] };
const memberships = { memberships: [{ groupExternalId: "GROUPEXT1", memberExternalIds: ["USEREXT1"] }] };

describe("bulk endpoints", () => {
  useNock();

  const cases = [
    ["upsertUsers", "bulk-upsert", users],
    ["deleteUsers", "bulk-delete", userIds],
    ["upsertGroups", "bulk-groups-upsert", groups],
    ["deleteGroups", "bulk-groups-delete", groupIds],
    ["upsertMemberships", "bulk-group-memberships-upsert", memberships],
    ["deleteMemberships", "bulk-group-memberships-delete", memberships],
  ] as const;

  for (const [method, segment, body] of cases) {
    it(`${method} POSTs the JSON body to …/${segment} and accepts 202`, async () => {
      nock(ORG, apiHeaders({ body: true }))
        .post(`${BASE}/${segment}`, body)
        .reply(202, "");
      const { client } = makeClient();
      // The union of bodies is checked per method by the type of `client.bulk[method]`.
      await (client.bulk[method] as (a: string, b: string, c: unknown) => Promise<void>)(
        ISID,
        SESSION_ID,
        body,
      );
    });
  }

  it("rejects a body that breaks the API's schema before any request, naming paths, not values", async () => {
    const PII = "not-an-email.canary.91ab";
    const bad: [keyof ReturnType<typeof makeClient>["client"]["bulk"], unknown, RegExp][] = [
      [
        "upsertUsers",
        { entityType: "USERS", profiles: [{ externalId: "", profile: {} }] },
        /profiles\[0\]\.externalId/,
      ],
      [
        "upsertUsers",
        { entityType: "USERS", profiles: [{ externalId: "U1", profile: { email: PII } }] },
        /profiles\[0\]\.profile\.email/,
      ],
      ["upsertUsers", { entityType: "GROUPS", profiles: [{ externalId: "U1", profile: {} }] }, /entityType/],
      [
        "deleteUsers",
        { entityType: "USERS", profiles: [{ externalId: "U1", extra: true }] },
        /profiles\[0\]/,
      ],
      [
        "upsertGroups",
        { profiles: [{ externalId: "G1", profile: { displayName: "" } }] },
        /profile\.displayName/,
      ],
      ["deleteGroups", { externalIds: [] }, /externalIds/],
      [
        "upsertMemberships",
        { memberships: [{ groupExternalId: "G1", memberExternalIds: [] }] },
        /memberExternalIds/,
      ],
      ["deleteMemberships", { memberships: [{ groupExternalId: "G1" }] }, /memberExternalIds/],
    ];
    const { client, events } = makeClient();
    for (const [method, body, where] of bad) {
      // Deliberately ill-typed bodies, as a caller with `any` could pass.
      const upload = (b: unknown) =>
        (client.bulk[method] as (a: string, s: string, b: unknown) => Promise<void>)(ISID, SESSION_ID, b);
      const error = await rejection(upload(body));
      assert.ok(error instanceof TypeError, `${method}: expected TypeError, got ${String(error)}`);
      assert.match(error.message, new RegExp(`^bulk\\.${method}: `));
      assert.match(error.message, where);
      assert.ok(!error.message.includes(PII), "no value in the message");
    }
    assert.deepEqual(events, [], "nothing was sent");
  });

  it("rejects more than 200 entries in one upload before any request, and accepts exactly 200", async () => {
    const n = (count: number) => Array.from({ length: count }, (_, i) => `EXT${i}`);
    const bodies = (count: number) =>
      ({
        upsertUsers: {
          entityType: "USERS",
          profiles: n(count).map((externalId) => ({ externalId, profile: { firstName: "A" } })),
        },
        deleteUsers: { entityType: "USERS", profiles: n(count).map((externalId) => ({ externalId })) },
        upsertGroups: {
          profiles: n(count).map((externalId) => ({ externalId, profile: { displayName: "G" } })),
        },
        deleteGroups: { externalIds: n(count) },
        upsertMemberships: {
          memberships: n(count).map((groupExternalId) => ({ groupExternalId, memberExternalIds: ["U1"] })),
        },
        deleteMemberships: {
          memberships: n(count).map((groupExternalId) => ({ groupExternalId, memberExternalIds: ["U1"] })),
        },
      }) as const;
    const { client, events } = makeClient();
    const upload = (method: string, b: unknown) =>
      (client.bulk[method as "deleteGroups"] as (a: string, s: string, b: unknown) => Promise<void>)(
        ISID,
        SESSION_ID,
        b,
      );
    for (const [method, body] of Object.entries(bodies(201))) {
      const error = await rejection(upload(method, body));
      assert.ok(error instanceof TypeError, `${method}: expected TypeError, got ${String(error)}`);
      assert.match(error.message, /(profiles|externalIds|memberships).*200/, method);
    }
    assert.deepEqual(events, [], "nothing was sent");
    for (const [method, body] of Object.entries(bodies(200))) {
      nock(ORG)
        .post(`${BASE}/${cases.find(([m]) => m === method)![1]}`)
        .reply(202);
      await upload(method, body);
    }
  });

  it("accepts user profiles without userName/email: only direct creation requires them", async () => {
    const body = {
      entityType: "USERS" as const,
      profiles: [
        { externalId: "U1", profile: { firstName: "Ann", costCenter: "CC-1" } },
        { externalId: "U2", profile: {} },
      ],
    };
    nock(ORG).post(`${BASE}/bulk-upsert`, body).reply(202);
    const { client } = makeClient();
    await client.bulk.upsertUsers(ISID, SESSION_ID, body);
  });

  it("accepts custom group attributes: group profiles take any attribute of the source's schema", async () => {
    const body = {
      profiles: [
        { externalId: "G1", profile: { displayName: "Eng", description: null, costCenter: "CC-1" } },
      ],
    };
    nock(ORG).post(`${BASE}/bulk-groups-upsert`, body).reply(202);
    const { client } = makeClient();
    await client.bulk.upsertGroups(ISID, SESSION_ID, body);
  });

  it("maps a 400 upload error to OktaApiError with its causes", async () => {
    nock(ORG)
      .post(`${BASE}/bulk-upsert`)
      .reply(
        400,
        oktaError("E0000001", "Api validation failed: entityType", [
          "entityType: The field entityType is not valid.",
        ]),
      );
    const { client } = makeClient();
    const error = await rejection(client.bulk.upsertUsers(ISID, SESSION_ID, users));
    assert.ok(isOktaApiError(error));
    assert.equal(error.errorCode, "E0000001");
    assert.match(error.message, /\(entityType: The field entityType is not valid\.\)/);
  });

  it("does not resend an upload after a 5xx (a duplicate would spend one of the 50 uploads)", async () => {
    nock(ORG)
      .post(`${BASE}/bulk-upsert`)
      .once()
      .reply(502, "<html>Bad Gateway</html>", { "Content-Type": "text/html" });
    const { client, events } = makeClient();
    const error = await rejection(client.bulk.upsertUsers(ISID, SESSION_ID, users));
    assert.ok(isOktaApiError(error));
    assert.equal(error.status, 502);
    assert.equal(error.attempts, 1);
    assert.match(error.message, /not idempotent/);
    assert.equal(events.filter((e) => e.type === "request").length, 1);
  });

  it("does not resend an upload after the connection was reset mid-request", async () => {
    nock(ORG)
      .post(`${BASE}/bulk-group-memberships-upsert`)
      .replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
    const { client } = makeClient();
    const error = await rejection(client.bulk.upsertMemberships(ISID, SESSION_ID, memberships));
    assert.ok(isOktaApiError(error));
    assert.equal(error.status, 0);
    assert.equal(error.kind, "network");
    assert.equal(error.attempts, 1);
  });

  it("resends an upload after a 429, with X-Okta-Retry-For and X-Okta-Retry-Count", async () => {
    let retryHeaders: unknown[] = [];
    nock(ORG).post(`${BASE}/bulk-upsert`).reply(429, oktaError("E0000047", "API call exceeded rate limit"), {
      "X-Okta-Request-Id": "req-429",
      "Retry-After": "1",
    });
    nock(ORG)
      .post(`${BASE}/bulk-upsert`)
      .reply(function () {
        retryHeaders = [this.req.headers["x-okta-retry-for"], this.req.headers["x-okta-retry-count"]];
        return [202];
      });
    const { client, clock } = makeClient();
    await client.bulk.upsertUsers(ISID, SESSION_ID, users);
    assert.deepEqual(retryHeaders, ["req-429", "1"]);
    assert.deepEqual(clock.sleeps, [1000]);
  });
});
