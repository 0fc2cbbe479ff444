import assert from "node:assert/strict";
import nock from "nock";
import { apiHeaders, ISID, makeClient, ORG, rejection, useNock } from "../support";

/**
 * The direct endpoints' request bodies (users create/replace/patch, groups create/update, membership add)
 * are checked against strict schemas before sending, as bulk bodies are: a body Okta must refuse fails
 * with a TypeError naming the operation and the paths (never the values), and nothing is sent.
 */

const PII = "not-an-email.canary.5e7d";
const profile = { userName: "jdoe@example.com", email: "jdoe@example.com" };
const USERS = `/api/v1/identity-sources/${ISID}/users`;
const GROUPS = `/api/v1/identity-sources/${ISID}/groups`;

type Client = ReturnType<typeof makeClient>["client"];

describe("direct endpoint bodies", () => {
  useNock();

  it("rejects a body that breaks the API's schema before any request, naming paths, not values", async () => {
    // Deliberately ill-typed bodies (`as never`), as a caller with `any` could pass.
    const bad: [string, (c: Client) => Promise<unknown>, RegExp][] = [
      ["users.create", (c) => c.users.create(ISID, { externalId: "", profile }), /externalId/],
      [
        "users.create",
        (c) => c.users.create(ISID, { externalId: "U1", profile: { email: PII } } as never),
        /profile\.userName: .*required.*profile\.email/,
      ],
      [
        "users.create",
        (c) => c.users.create(ISID, { externalId: "U1", profile, status: "ACTIVE" } as never),
        /\(root\): .*status/,
      ],
      [
        "users.replace",
        (c) => c.users.replace(ISID, "U1", { profile: { ...profile, n: 1 } } as never),
        /profile\.n/,
      ],
      [
        "users.replace",
        (c) => c.users.replace(ISID, "U1", { profile: { email: PII } } as never),
        /profile\.userName/,
      ],
      ["users.patch", (c) => c.users.patch(ISID, "U1", { profile: { firstName: "" } }), /profile\.firstName/],
      ["users.patch", (c) => c.users.patch(ISID, "U1", {} as never), /profile/],
      [
        "groups.create",
        (c) => c.groups.create(ISID, { externalId: "G1", profile: {} } as never),
        /profile\.displayName/,
      ],
      [
        "groups.create",
        (c) => c.groups.create(ISID, { externalId: "G1", profile: { displayName: "G", "bad-name": PII } }),
        /profile\.bad-name/,
      ],
      [
        "groups.update",
        (c) => c.groups.update(ISID, "G1", { profile: { displayName: "G" } } as never),
        /externalId/,
      ],
      ["memberships.add", (c) => c.memberships.add(ISID, "G1", ""), /memberExternalId/],
      ["memberships.add", (c) => c.memberships.add(ISID, "G1", "u".repeat(256)), /memberExternalId/],
    ];
    const { client, events } = makeClient();
    for (const [operation, call, where] of bad) {
      const error = await rejection(call(client));
      assert.ok(error instanceof TypeError, `${operation}: expected TypeError, got ${String(error)}`);
      assert.match(error.message, new RegExp(`^${operation.replace(".", "\\.")}: `), operation);
      assert.match(error.message, where, operation);
      assert.ok(!error.message.includes(PII), "no value in the message");
    }
    assert.deepEqual(events, [], "nothing was sent");
  });

  it("sends custom string attributes in direct user and group profiles, as Okta accepts them", async () => {
    const user = { ...profile, costCenter: "CC-42", nickName: null };
    const group = { displayName: "Engineering", costCenter: "CC-42" };
    const wireGroup = { id: "00g1", externalId: "G1", profile: group };
    const wireUser = { id: "0ua1", externalId: "U1", profile: user };
    nock(ORG, apiHeaders({ body: true }))
      .post(USERS, { externalId: "U1", profile: user })
      .reply(200);
    nock(ORG, apiHeaders({ body: true }))
      .put(`${USERS}/U1`, { profile: user })
      .reply(200, wireUser);
    nock(ORG, apiHeaders({ body: true }))
      .patch(`${USERS}/U1`, { profile: { costCenter: "CC-43" } })
      .reply(200, wireUser);
    nock(ORG, apiHeaders({ body: true }))
      .post(GROUPS, { externalId: "G1", profile: group })
      .reply(200, wireGroup);
    nock(ORG, apiHeaders({ body: true }))
      .post(`${GROUPS}/G1`, { externalId: "G1", profile: group })
      .reply(200, wireGroup);
    const { client } = makeClient();
    await client.users.create(ISID, { externalId: "U1", profile: user });
    await client.users.replace(ISID, "U1", { profile: user });
    await client.users.patch(ISID, "U1", { profile: { costCenter: "CC-43" } });
    await client.groups.create(ISID, { externalId: "G1", profile: group });
    await client.groups.update(ISID, "G1", { externalId: "G1", profile: group });
  });
});
