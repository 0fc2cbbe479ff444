/**
 * Okta's own Node SDK (@okta/okta-sdk-nodejs 8.1.0), unmodified, against the emulator: every
 * IdentitySource operation it offers, its error handling, and PrivateKey auth with and without DPoP.
 * SDK facts this relies on (read from its source): there is no `testing.disableHttpsCheck` option in 8.1.0
 * (plain http works); `cacheMiddleware: null` turns its GET cache off; the two user bulk uploads take their
 * body as `BulkUpsertRequestBody`/`BulkDeleteRequestBody` (capitalised) while the others are camelCase; it
 * drops profile attributes its model does not know.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import * as okta from "@okta/okta-sdk-nodejs";
import { startEmulator, type Emulator } from "../../src/emulator";
import { CANARY_TOKEN } from "./support";

const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privateKeyPem = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const publicKeyPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
const SCOPES = ["okta.identitySources.read", "okta.identitySources.manage"];

function sdk(emulator: Emulator, extra: Record<string, unknown> = {}): okta.Client {
  return new okta.Client({ orgUrl: emulator.url, token: emulator.apiToken, cacheMiddleware: null, ...extra });
}

const profile = (i: number) => ({
  userName: `user${i}@example.com`,
  email: `user${i}@example.com`,
  firstName: "Test",
});

/** The SDK's list methods return a lazy Collection: requests happen while iterating. */
async function collect<T>(collection: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of collection) items.push(item);
  return items;
}

/** Lists sessions through the SDK, following its Collection to the end. */
async function listSessions(client: okta.Client, identitySourceId: string): Promise<unknown[]> {
  return collect(await client.identitySourceApi.listIdentitySourceSessions({ identitySourceId }));
}

/** The SDK's error for a rejected promise, checked on status and Okta's errorCode. */
async function rejectsWith(promise: Promise<unknown>, status: number, errorCode: string): Promise<void> {
  await assert.rejects(promise, (error: { status?: number; errorCode?: string }) => {
    assert.equal(error.status, status);
    assert.equal(error.errorCode, errorCode);
    return true;
  });
}

describe("Okta Node SDK against the emulator", () => {
  let emulator: Emulator;
  let api: okta.Client["identitySourceApi"];
  let identitySourceId: string;

  beforeEach(async () => {
    emulator = await startEmulator({ apiToken: CANARY_TOKEN, sessionCooldownSeconds: 0 });
    api = sdk(emulator).identitySourceApi;
    identitySourceId = emulator.identitySourceId;
  });
  afterEach(async () => {
    await emulator.close();
  });

  it("runs a whole session: create, list, get, all six uploads, start-import, completion", async () => {
    const session = await api.createIdentitySourceSession({ identitySourceId });
    assert.equal(session.status, "CREATED");
    assert.match(session.id ?? "", /^aps/);
    const sessionId = session.id!;
    const ids = { identitySourceId, sessionId };
    await api.uploadIdentitySourceGroupsForUpsert({
      ...ids,
      bulkGroupUpsertRequestBody: {
        profiles: [
          { externalId: "ENG", profile: { displayName: "Engineering" } },
          { externalId: "OLD", profile: { displayName: "Old" } },
        ],
      },
    });
    await api.uploadIdentitySourceDataForUpsert({
      ...ids,
      BulkUpsertRequestBody: {
        entityType: "USERS",
        profiles: [
          { externalId: "U1", profile: profile(1) },
          { externalId: "U2", profile: profile(2) },
        ],
      },
    });
    const memberships = { memberships: [{ groupExternalId: "ENG", memberExternalIds: ["U1", "U2"] }] };
    await api.uploadIdentitySourceGroupMembershipsForUpsert({
      ...ids,
      bulkGroupMembershipsUpsertRequestBody: memberships,
    });
    await api.uploadIdentitySourceGroupMembershipsForDelete({
      ...ids,
      bulkGroupMembershipsDeleteRequestBody: {
        memberships: [{ groupExternalId: "ENG", memberExternalIds: ["U2"] }],
      },
    });
    await api.uploadIdentitySourceDataForDelete({
      ...ids,
      BulkDeleteRequestBody: { entityType: "USERS", profiles: [{ externalId: "U2" }] },
    });
    await api.uploadIdentitySourceGroupsDataForDelete({
      ...ids,
      bulkGroupDeleteRequestBody: { externalIds: ["OLD"] },
    });

    const fetched = await api.getIdentitySourceSession(ids);
    assert.equal(fetched.status, "IN_PROGRESS");
    const listed = await collect(await api.listIdentitySourceSessions({ identitySourceId }));
    assert.deepEqual(
      listed.map((s) => s?.id),
      [sessionId],
    );

    const triggered = await api.startImportFromIdentitySource(ids);
    assert.equal(triggered.status, "TRIGGERED");
    emulator.processImports();
    assert.equal((await api.getIdentitySourceSession(ids)).status, "COMPLETED");
    assert.deepEqual(emulator.members("ENG"), ["U1"]);
    assert.deepEqual(
      emulator.groups().map((g) => g.externalId),
      ["ENG"],
    );
    assert.deepEqual(
      emulator.users().map((u) => [u.externalId, u.status]),
      [
        ["U1", "ACTIVE"],
        ["U2", "DEACTIVATED"],
      ],
    );
  });

  it("cancels a session with deleteIdentitySourceSession", async () => {
    const { id } = await api.createIdentitySourceSession({ identitySourceId });
    await api.deleteIdentitySourceSession({ identitySourceId, sessionId: id! });
    assert.equal((await api.getIdentitySourceSession({ identitySourceId, sessionId: id! })).status, "CLOSED");
  });

  it("manages users directly: create, get, replace, patch, delete", async () => {
    await api.createIdentitySourceUser({
      identitySourceId,
      userRequestSchema: { externalId: "U1", profile: profile(1) },
    });
    const user = await api.getIdentitySourceUser({ identitySourceId, externalId: "U1" });
    assert.equal(user.externalId, "U1");
    assert.equal(user.profile?.email, "user1@example.com");
    const replaced = await api.replaceExistingIdentitySourceUser({
      identitySourceId,
      externalId: "U1",
      userRequestSchema: {
        externalId: "U1",
        profile: { userName: "new@example.com", email: "new@example.com" },
      },
    });
    assert.equal(replaced.profile?.firstName, null);
    const patched = await api.updateIdentitySourceUsers({
      identitySourceId,
      externalId: "U1",
      usersUpdateRequestSchema: { profile: { ...profile(1), lastName: "Doe" } },
    });
    assert.equal(patched.profile?.lastName, "Doe");
    await api.deleteIdentitySourceUser({ identitySourceId, externalId: "U1" });
    await rejectsWith(api.getIdentitySourceUser({ identitySourceId, externalId: "U1" }), 404, "E0000007");
  });

  it("manages groups directly: create, get by Okta id and external id, update, delete (200, empty body)", async () => {
    const created = await api.createIdentitySourceGroups({
      identitySourceId,
      groupsRequestSchema: {
        externalId: "ENG",
        profile: { displayName: "Engineering", description: "Builders" },
      },
    });
    assert.match(created.id ?? "", /^00g/);
    const byId = await api.getIdentitySourceGroup({ identitySourceId, groupOrExternalId: created.id! });
    const byExternal = await api.getIdentitySourceGroup({ identitySourceId, groupOrExternalId: "ENG" });
    assert.equal(byId.id, created.id);
    assert.equal(byExternal.id, created.id);
    const updated = await api.updateIdentitySourceGroups({
      identitySourceId,
      groupOrExternalId: created.id!,
      groupsRequestSchema: { externalId: "ENG", profile: { displayName: "Eng" } },
    });
    assert.equal(updated.id, created.id);
    assert.deepEqual(emulator.groups()[0]?.profile, { displayName: "Eng", description: null });
    await api.deleteIdentitySourceGroup({ identitySourceId, groupOrExternalId: "ENG" });
    await rejectsWith(
      api.getIdentitySourceGroup({ identitySourceId, groupOrExternalId: "ENG" }),
      404,
      "E0000007",
    );
  });

  it("manages memberships: add, list with after/limit paging, remove", async () => {
    await api.createIdentitySourceGroups({
      identitySourceId,
      groupsRequestSchema: { externalId: "G", profile: { displayName: "G" } },
    });
    for (const i of [1, 2, 3]) {
      await api.createIdentitySourceUser({
        identitySourceId,
        userRequestSchema: { externalId: `U${i}`, profile: profile(i) },
      });
      await api.createIdentitySourceGroupsMemberships({
        identitySourceId,
        groupOrExternalId: "G",
        membershipRequestSchema: { memberExternalId: `U${i}` },
      });
    }
    const first = await api.getIdentitySourceGroupMemberships({
      identitySourceId,
      groupOrExternalId: "G",
      limit: 2,
    });
    assert.deepEqual(first.memberExternalIds, ["U1", "U2"]);
    const link = emulator.requests.at(-1);
    assert.equal(link?.query, "limit=2");
    const after = Buffer.from("U2").toString("base64url");
    const second = await api.getIdentitySourceGroupMemberships({
      identitySourceId,
      groupOrExternalId: "G",
      after,
      limit: 2,
    });
    assert.deepEqual(second.memberExternalIds, ["U3"]);
    await api.deleteIdentitySourceGroupMemberships({
      identitySourceId,
      groupOrExternalId: "G",
      memberExternalId: "U2",
    });
    const all = await api.getIdentitySourceGroupMemberships({ identitySourceId, groupOrExternalId: "G" });
    assert.deepEqual(all.memberExternalIds, ["U1", "U3"]);
  });

  it("surfaces 400, 401 and 404 as OktaApiError with Okta's errorCode", async () => {
    const { id } = await api.createIdentitySourceSession({ identitySourceId });
    await rejectsWith(api.createIdentitySourceSession({ identitySourceId }), 400, "E0000001");
    await rejectsWith(
      api.startImportFromIdentitySource({ identitySourceId, sessionId: id! }),
      400,
      "E0000001",
    );
    await rejectsWith(
      api.getIdentitySourceSession({ identitySourceId, sessionId: "apsUNKNOWN0000000000" }),
      404,
      "E0000007",
    );
    const stranger = new okta.Client({ orgUrl: emulator.url, token: "wrong-token", cacheMiddleware: null });
    await rejectsWith(listSessions(stranger, identitySourceId), 401, "E0000011");
  });

  it("surfaces a 429 when retries are off", async () => {
    const noRetry = sdk(emulator, {
      requestExecutor: new okta.DefaultRequestExecutor({ maxRetries: 0, requestTimeout: 0 }),
    });
    emulator.failNext({ status: 429 });
    await rejectsWith(listSessions(noRetry, identitySourceId), 429, "E0000047");
  });

  it("retries a 429 after X-Rate-Limit-Reset − Date + 1 s, marking the retry with X-Okta-Retry-* headers", async () => {
    // A reset one second before the Date header makes the SDK's wait 0 ms (it adds 1 s to Reset − Date).
    const dateSeconds = Math.floor(Date.now() / 1000);
    emulator.failNext({ status: 429, headers: { "X-Rate-Limit-Reset": String(dateSeconds - 1) } });
    const sessions = await collect(await api.listIdentitySourceSessions({ identitySourceId }));
    assert.deepEqual(sessions, []);
    const [limited, retried] = emulator.requests;
    assert.equal(limited?.status, 429);
    assert.equal(retried?.status, 200);
    assert.equal(retried?.headers["x-okta-retry-for"], limited?.requestId);
    assert.equal(retried?.headers["x-okta-retry-count"], "1");
  });
});

describe("Okta Node SDK PrivateKey auth against the emulator", () => {
  for (const requireDpop of [false, true]) {
    it(`gets a ${requireDpop ? "DPoP-bound" : "Bearer"} token and calls the API with it`, async () => {
      const emulator = await startEmulator({
        apiToken: CANARY_TOKEN,
        oauth: { clients: [{ clientId: "0oaSERVICEAPP", publicKeyPem, requireDpop }] },
      });
      try {
        const client = new okta.Client({
          orgUrl: emulator.url,
          authorizationMode: "PrivateKey",
          clientId: "0oaSERVICEAPP",
          scopes: SCOPES,
          privateKey: privateKeyPem,
          keyId: "kid-1",
          cacheMiddleware: null,
        });
        const session = await client.identitySourceApi.createIdentitySourceSession({
          identitySourceId: emulator.identitySourceId,
        });
        assert.equal(session.status, "CREATED");
        const listed = await listSessions(client, emulator.identitySourceId);
        assert.equal(listed.length, 1);
        const tokenCalls = emulator.requests
          .filter((r) => r.path === "/oauth2/v1/token")
          .map((r) => r.status);
        assert.deepEqual(tokenCalls, requireDpop ? [400, 200] : [200]);
        const apiCalls = emulator.requests.filter((r) => r.path !== "/oauth2/v1/token");
        assert.deepEqual(
          apiCalls.map((r) => r.status),
          [201, 200],
        );
      } finally {
        await emulator.close();
      }
    });
  }

  it("fails with 401 when the app's key does not match", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const emulator = await startEmulator({
      oauth: {
        clients: [
          {
            clientId: "0oaSERVICEAPP",
            publicKeyPem: other.publicKey.export({ type: "spki", format: "pem" }).toString(),
          },
        ],
      },
    });
    try {
      const client = new okta.Client({
        orgUrl: emulator.url,
        authorizationMode: "PrivateKey",
        clientId: "0oaSERVICEAPP",
        scopes: SCOPES,
        privateKey: privateKeyPem,
        cacheMiddleware: null,
      });
      await rejectsWith(listSessions(client, emulator.identitySourceId), 401, "E0000011");
    } finally {
      await emulator.close();
    }
  });
});
