import assert from "node:assert/strict";
import nock from "nock";
import { assertUnchangedByUrl, fillPath } from "../../../src/client/path";
import { ISID, makeClient, ORG, SESSION_ID, useNock } from "../support";

type Client = ReturnType<typeof makeClient>["client"];

/** Values a URL would resolve (dot segments, also percent-encoded) or split: none may reach the wire. */
const DOT_SEGMENTS = [".", "..", "%2e", "%2E%2e", ".%2E", "%2e.", "%252e%252e"];
const NOT_ONE_SEGMENT = ["", "a/b", "a\\b", "a%2Fb", "..%2F..%2Fgroups"];

const USER = { externalId: "U1", profile: { userName: "jdoe@example.com", email: "jdoe@example.com" } };
const GROUP = { externalId: "G1", profile: { displayName: "Engineering" } };
const UPLOAD = { externalIds: ["G1"] };

/** Every client operation with each of its path parameters replaced by `bad`. */
function callsWith(bad: string): [string, string, (c: Client) => Promise<unknown>][] {
  return [
    ["sessions.create", "identitySourceId", (c) => c.sessions.create(bad)],
    ["sessions.list", "identitySourceId", (c) => c.sessions.list(bad)],
    ["sessions.get", "identitySourceId", (c) => c.sessions.get(bad, SESSION_ID)],
    ["sessions.get", "sessionId", (c) => c.sessions.get(ISID, bad)],
    ["sessions.cancel", "sessionId", (c) => c.sessions.cancel(ISID, bad)],
    ["sessions.startImport", "sessionId", (c) => c.sessions.startImport(ISID, bad)],
    ["bulk.deleteGroups", "identitySourceId", (c) => c.bulk.deleteGroups(bad, SESSION_ID, UPLOAD)],
    ["bulk.deleteGroups", "sessionId", (c) => c.bulk.deleteGroups(ISID, bad, UPLOAD)],
    ["users.create", "identitySourceId", (c) => c.users.create(bad, USER)],
    ["users.get", "externalId", (c) => c.users.get(ISID, bad)],
    ["users.replace", "externalId", (c) => c.users.replace(ISID, bad, { profile: USER.profile })],
    ["users.patch", "externalId", (c) => c.users.patch(ISID, bad, { profile: {} })],
    ["users.delete", "externalId", (c) => c.users.delete(ISID, bad)],
    ["groups.create", "identitySourceId", (c) => c.groups.create(bad, GROUP)],
    ["groups.get", "groupOrExternalId", (c) => c.groups.get(ISID, bad)],
    ["groups.update", "groupOrExternalId", (c) => c.groups.update(ISID, bad, GROUP)],
    ["groups.delete", "groupOrExternalId", (c) => c.groups.delete(ISID, bad)],
    ["memberships.add", "groupOrExternalId", (c) => c.memberships.add(ISID, bad, "U1")],
    ["memberships.remove", "groupOrExternalId", (c) => c.memberships.remove(ISID, bad, "U1")],
    ["memberships.remove", "memberExternalId", (c) => c.memberships.remove(ISID, "ENG", bad)],
    ["memberships.list", "groupOrExternalId", (c) => c.memberships.listAll(ISID, bad)],
    ["memberships.list", "identitySourceId", (c) => c.memberships.listAll(bad, "ENG")],
  ];
}

describe("client path parameters", () => {
  useNock();

  for (const bad of [...DOT_SEGMENTS, ...NOT_ONE_SEGMENT]) {
    it(`refuses ${JSON.stringify(bad)} in every path parameter before any request, naming the parameter`, async () => {
      const { client, events } = makeClient();
      for (const [operation, param, call] of callsWith(bad)) {
        await assert.rejects(
          call(client),
          (e: Error) => e instanceof TypeError && e.message.startsWith(`${operation}: ${param} must not`),
          `${operation} with ${param} = ${JSON.stringify(bad)}`,
        );
      }
      assert.deepEqual(
        events.filter((e) => e.type === "request"),
        [],
      );
    });
  }

  it("a membership delete of member '..' never reaches the group's own URL", async () => {
    // Before the fix this DELETE went to …/groups/ENG/ and reported the member "already gone".
    const group = nock(ORG)
      .delete(/\/groups\/ENG\/?$/)
      .reply(204);
    const { client } = makeClient();
    await assert.rejects(
      client.memberships.remove(ISID, "ENG", ".."),
      /memberExternalId must not be "\." or "\.\."/,
    );
    assert.equal(group.isDone(), false);
    nock.cleanAll();
  });

  it("a user '..' is neither read from nor deleted at the identity source's URL", async () => {
    const source = nock(ORG)
      .intercept(/\/identity-sources\/[^/]+\/?$/, "GET")
      .reply(404)
      .intercept(/\/identity-sources\/[^/]+\/?$/, "DELETE")
      .reply(204);
    const { client } = makeClient();
    await assert.rejects(client.users.get(ISID, ".."), TypeError);
    await assert.rejects(client.users.delete(ISID, "%2e%2E"), TypeError);
    assert.equal(source.isDone(), false);
    nock.cleanAll();
  });

  it("fills each placeholder with the URL-encoded value", () => {
    assert.equal(
      fillPath("op", "/a/{x}/b/{y}", { x: "jane@example.com", y: "x?y#z %" }),
      "/a/jane%40example.com/b/x%3Fy%23z%20%25",
    );
    assert.throws(() => fillPath("op", "/a/{x}", {}), /op: x is required/);
  });

  it("refuses to send a path that a URL parser would change, whatever built it", () => {
    for (const path of [
      "/api/v1/x/../y",
      "/api/v1/./y",
      "/api/v1/x/%2e%2e/y",
      "/api/v1\\x",
      `${ORG}/a/../b?q=1`,
    ]) {
      assert.throws(
        () => assertUnchangedByUrl("op", "GET", path, new URL(path, ORG)),
        /op: refusing to send GET .* as a URL it becomes/,
        path,
      );
    }
    for (const path of ["/api/v1/x/a%40b?limit=1", `${ORG}/api/v1/x/y?after=..`]) {
      assert.doesNotThrow(() => assertUnchangedByUrl("op", "GET", path, new URL(path, ORG)));
    }
  });
});
