import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { createOktaClient, isOktaApiError, type OktaClient } from "../../src/client";
import { clearRateLimitState } from "../../src/client/rate-limit";
import { createManualClock, startEmulator, type Emulator, type ManualClock } from "../../src/emulator";

/**
 * The client's private-key JWT auth (and DPoP) end to end against the emulator's token endpoint and
 * resource checks, which share no code with the client. nock tests script each answer; this one proves
 * the two sides agree on the real protocol: assertion claims, nonce round trip, proof binding, renewal.
 */

const CLIENT_ID = "0oaSERVICEAPP1";
const SCOPES = ["okta.identitySources.read", "okta.identitySources.manage"];
const TOKEN_PATH = "/oauth2/v1/token";

/** One RSA key pair for the file (2048-bit generation is slow); PKCS#1, as Okta's console downloads. */
const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PRIVATE_PEM = keys.privateKey.export({ type: "pkcs1", format: "pem" }).toString();
const PUBLIC_PEM = keys.publicKey.export({ type: "spki", format: "pem" }).toString();

interface Rig {
  emulator: Emulator;
  clock: ManualClock;
  client: OktaClient;
  tokenRequests: () => number;
}

async function rig(requireDpop: boolean, privateKeyPem = PRIVATE_PEM): Promise<Rig> {
  // Token lifetime runs on the emulator's manual clock; assertion and proof times on real time (the
  // client's default clock), as the emulator documents. No test here waits: sleeps are instant.
  const clock = createManualClock(Date.UTC(2026, 4, 13, 5, 52, 24));
  const emulator = await startEmulator({
    clock,
    oauth: { clients: [{ clientId: CLIENT_ID, publicKeyPem: PUBLIC_PEM, requireDpop, scopes: SCOPES }] },
  });
  const client = createOktaClient({
    orgUrl: emulator.url,
    auth: { kind: "privateKey", clientId: CLIENT_ID, privateKeyPem, scopes: SCOPES },
    sleep: async () => {},
    maxRetries: 0,
  });
  const tokenRequests = () => emulator.requests.filter((r) => r.path === TOKEN_PATH).length;
  return { emulator, clock, client, tokenRequests };
}

describe("client private-key auth against the emulator", () => {
  let current: Rig | undefined;
  beforeEach(() => clearRateLimitState());
  afterEach(async () => {
    await current?.emulator.close();
    current = undefined;
  });

  for (const requireDpop of [false, true]) {
    const mode = requireDpop ? "DPoP-bound tokens" : "Bearer tokens";

    it(`runs an import and the direct endpoints with ${mode}, fetching the token once`, async () => {
      current = await rig(requireDpop);
      const { client, emulator, tokenRequests } = current;
      const isId = emulator.identitySourceId;

      const session = await client.sessions.create(isId);
      assert.equal(session.status, "CREATED");
      await client.bulk.upsertUsers(isId, session.id, {
        entityType: "USERS",
        profiles: [{ externalId: "U1", profile: { userName: "u1@example.com", email: "u1@example.com" } }],
      });
      assert.equal((await client.sessions.startImport(isId, session.id)).status, "TRIGGERED");
      emulator.processImports();
      assert.equal((await client.sessions.get(isId, session.id))?.status, "COMPLETED");
      assert.equal((await client.users.get(isId, "U1"))?.profile["email"], "u1@example.com");
      const group = await client.groups.create(isId, { externalId: "G1", profile: { displayName: "G one" } });
      await client.memberships.add(isId, group!.id, "U1");
      assert.deepEqual(await client.memberships.listAll(isId, "G1"), ["U1"]);

      // One token for the whole run. DPoP takes two extra rounds: no proof → invalid_dpop_proof, proof
      // without nonce → use_dpop_nonce with the nonce, then the token.
      assert.equal(tokenRequests(), requireDpop ? 3 : 1);
      const tokenStatuses = emulator.requests.filter((r) => r.path === TOKEN_PATH).map((r) => r.status);
      assert.deepEqual(tokenStatuses, requireDpop ? [400, 400, 200] : [200]);
      assert.ok(emulator.requests.every((r) => r.path === TOKEN_PATH || r.status < 400));
    });

    it(`renews an expired token after the API's 401 (${mode})`, async () => {
      current = await rig(requireDpop);
      const { client, emulator, clock, tokenRequests } = current;
      await client.sessions.list(emulator.identitySourceId);
      const before = tokenRequests();
      // The emulator expires the token (its clock); the client's cache still thinks it is fresh.
      clock.advance(3_601_000);
      assert.deepEqual(await client.sessions.list(emulator.identitySourceId), []);
      assert.equal(tokenRequests(), before + 1);
      const statuses = emulator.requests.filter((r) => r.path !== TOKEN_PATH).map((r) => r.status);
      assert.deepEqual(statuses, [200, 401, 200]);
    });
  }

  it("reports a key the app does not know as the token endpoint's OktaApiError", async () => {
    const other = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    current = await rig(false, other);
    const { client, emulator } = current;
    let caught: unknown;
    try {
      await client.sessions.list(emulator.identitySourceId);
    } catch (error) {
      caught = error;
    }
    assert.ok(isOktaApiError(caught), `expected OktaApiError, got ${String(caught)}`);
    assert.equal(caught.path, TOKEN_PATH);
    assert.equal(caught.errorCode, "invalid_client");
    assert.ok(!caught.message.includes(other.split("\n")[1]!));
  });
});
