/**
 * The token endpoint with the key set-ups `oauth.test.ts` leaves out: EC (ES256/ES384) client keys, a JWKS
 * whose `kid` picks the key, algorithm-confusion and unsigned assertions, malformed DPoP proofs; and Okta's
 * Node SDK signing with a JWK private key against a JWKS-registered app.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import * as okta from "@okta/okta-sdk-nodejs";
import { exportJWK, SignJWT, UnsecuredJWT, type JWK } from "jose";
import { startEmulator, type Emulator } from "../../src/emulator";
import { request, useEmulator, type Reply } from "./support";

const SCOPES = "okta.identitySources.read okta.identitySources.manage";
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const p256 = generateKeyPairSync("ec", { namedCurve: "P-256" });
const p384 = generateKeyPairSync("ec", { namedCurve: "P-384" });
const otherP256 = generateKeyPairSync("ec", { namedCurve: "P-256" });
const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pem = (key: KeyObject) => key.export({ type: "spki", format: "pem" }).toString();

interface AssertionOptions {
  alg: string;
  key: KeyObject | Uint8Array;
  kid?: string;
  iss?: string;
  sub?: string;
}

/** Anything with the emulator's URL: a test harness or the emulator itself. */
type At = { emulator: Pick<Emulator, "url"> };

async function signed(h: At, clientId: string, o: AssertionOptions): Promise<string> {
  return new SignJWT({})
    .setIssuer(o.iss ?? clientId)
    .setSubject(o.sub ?? clientId)
    .setAudience(`${h.emulator.url}/oauth2/v1/token`)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime("5m")
    .setProtectedHeader(o.kid === undefined ? { alg: o.alg } : { alg: o.alg, kid: o.kid })
    .sign(o.key);
}

async function tokenCall(h: At, assertion: string, extra: Record<string, string> = {}): Promise<Reply> {
  const form = {
    grant_type: "client_credentials",
    scope: SCOPES,
    client_assertion_type: ASSERTION_TYPE,
    client_assertion: assertion,
  };
  return request(`${h.emulator.url}/oauth2/v1/token`, "POST", {
    body: new URLSearchParams(form).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...extra },
  });
}

async function publicJwk(key: KeyObject, kid: string, alg: string): Promise<JWK> {
  return { ...(await exportJWK(key)), kid, alg, use: "sig" };
}

describe("emulator token endpoint with EC keys and JWKS", () => {
  const h = {} as { emulator: Emulator };
  beforeEach(async () => {
    const jwks = {
      keys: [
        await publicJwk(rsa.publicKey, "k-rsa", "RS256"),
        await publicJwk(p384.publicKey, "k-ec", "ES384"),
      ],
    };
    h.emulator = await startEmulator({
      oauth: {
        clients: [
          { clientId: "0oaECPEM", publicKeyPem: pem(p256.publicKey) },
          { clientId: "0oaJWKS", jwks },
          { clientId: "0oaRSAPEM", publicKeyPem: pem(rsa.publicKey) },
        ],
      },
    });
  });
  afterEach(() => h.emulator.close());

  it("accepts an ES256 assertion verified with an EC public key PEM", async () => {
    const reply = await tokenCall(h, await signed(h, "0oaECPEM", { alg: "ES256", key: p256.privateKey }));
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.body.token_type, "Bearer");
    const url = `${h.emulator.url}/api/v1/identity-sources/${h.emulator.identitySourceId}/sessions`;
    const call = await request(url, "POST", {
      headers: { Authorization: `Bearer ${reply.body.access_token}` },
    });
    assert.equal(call.status, 201, call.text);
  });

  it("picks the JWKS key by kid: ES384 and RS256 both work, an unknown or wrong kid does not", async () => {
    const ec = await tokenCall(
      h,
      await signed(h, "0oaJWKS", { alg: "ES384", key: p384.privateKey, kid: "k-ec" }),
    );
    assert.equal(ec.status, 200, ec.text);
    const rs = await tokenCall(
      h,
      await signed(h, "0oaJWKS", { alg: "RS256", key: rsa.privateKey, kid: "k-rsa" }),
    );
    assert.equal(rs.status, 200, rs.text);
    for (const kid of ["k-unknown", "k-rsa"]) {
      const reply = await tokenCall(
        h,
        await signed(h, "0oaJWKS", { alg: "ES384", key: p384.privateKey, kid }),
      );
      assert.equal(reply.status, 401, `${kid}: ${reply.text}`);
      assert.equal(reply.body.error, "invalid_client");
    }
  });

  it("refuses an HS256 assertion keyed with the public key (algorithm confusion) and an unsigned one", async () => {
    const confused = await signed(h, "0oaRSAPEM", {
      alg: "HS256",
      key: new TextEncoder().encode(pem(rsa.publicKey)),
    });
    const unsigned = new UnsecuredJWT({ jti: randomUUID() })
      .setIssuer("0oaRSAPEM")
      .setSubject("0oaRSAPEM")
      .setAudience(`${h.emulator.url}/oauth2/v1/token`)
      .setExpirationTime("5m")
      .encode();
    for (const assertion of [confused, unsigned]) {
      const reply = await tokenCall(h, assertion);
      assert.equal(reply.status, 401, reply.text);
      assert.equal(reply.body.error, "invalid_client");
    }
  });

  it("refuses an assertion whose sub is not the client, or whose client_id field names another app", async () => {
    const wrongSub = await signed(h, "0oaRSAPEM", { alg: "RS256", key: rsa.privateKey, sub: "0oaOTHER" });
    assert.equal((await tokenCall(h, wrongSub)).body.error, "invalid_client");
    const good = await signed(h, "0oaRSAPEM", { alg: "RS256", key: rsa.privateKey });
    const reply = await request(`${h.emulator.url}/oauth2/v1/token`, "POST", {
      body: new URLSearchParams({
        grant_type: "client_credentials",
        scope: SCOPES,
        client_id: "0oaECPEM",
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: good,
      }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    assert.equal(reply.status, 401, reply.text);
    assert.equal(reply.body.error, "invalid_client");
  });
});

describe("emulator token endpoint: malformed DPoP proofs", () => {
  const h = useEmulator({
    oauth: { clients: [{ clientId: "0oaDPOP", publicKeyPem: pem(rsa.publicKey), requireDpop: true }] },
  });
  const tokenUrl = () => `${h.emulator.url}/oauth2/v1/token`;

  async function proof(
    header: Record<string, unknown>,
    payload: Record<string, unknown>,
    key: KeyObject = p256.privateKey,
  ): Promise<string> {
    const jwk = await exportJWK(p256.publicKey);
    return new SignJWT({ htm: "POST", htu: tokenUrl(), jti: randomUUID(), ...payload })
      .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk, ...header })
      .setIssuedAt(typeof payload["iat"] === "number" ? payload["iat"] : Math.floor(Date.now() / 1000))
      .sign(key);
  }

  it("answers invalid_dpop_proof (not use_dpop_nonce) to a wrong typ, a private jwk, a stale iat or a bad signature", async () => {
    const assertion = () => signed(h, "0oaDPOP", { alg: "RS256", key: rsa.privateKey });
    const first = await tokenCall(h, await assertion(), { DPoP: await proof({}, {}) });
    assert.equal(first.body.error, "use_dpop_nonce");
    const nonce = first.headers.get("dpop-nonce") ?? "";
    const good = await proof({}, { nonce });
    const [head, body] = good.split(".");
    const privateJwk = await exportJWK(p256.privateKey);
    const bad = [
      await proof({ typ: "JWT" }, { nonce }),
      await proof({ jwk: privateJwk }, { nonce }),
      await proof({}, { nonce, iat: Math.floor(Date.now() / 1000) - 600 }),
      await proof({}, { nonce }, otherP256.privateKey),
      `${head}.${body}.${"A".repeat(86)}`,
    ];
    for (const dpop of bad) {
      const reply = await tokenCall(h, await assertion(), { DPoP: dpop });
      assert.equal(reply.status, 400, reply.text);
      assert.equal(reply.body.error, "invalid_dpop_proof", reply.text);
      assert.ok(!reply.text.includes(dpop));
    }
    const ok = await tokenCall(h, await assertion(), { DPoP: good });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.token_type, "DPoP");
  });
});

describe("Okta Node SDK with a JWK private key against a JWKS-registered app", () => {
  it("signs with the JWK's kid, gets a token and is refused writes with 403 E0000006 when read-only", async () => {
    const jwk = { ...(await exportJWK(rsa.privateKey)), kid: "k-rsa" };
    const emulator = await startEmulator({
      oauth: {
        clients: [
          {
            clientId: "0oaSDKAPP",
            jwks: { keys: [await publicJwk(rsa.publicKey, "k-rsa", "RS256")] },
            scopes: ["okta.identitySources.read"],
          },
        ],
      },
    });
    try {
      const client = new okta.Client({
        orgUrl: emulator.url,
        authorizationMode: "PrivateKey",
        clientId: "0oaSDKAPP",
        scopes: ["okta.identitySources.read"],
        privateKey: jwk,
        cacheMiddleware: null,
      });
      const api = client.identitySourceApi;
      const identitySourceId = emulator.identitySourceId;
      const sessions = await api.listIdentitySourceSessions({ identitySourceId });
      const seen: unknown[] = [];
      for await (const s of sessions) seen.push(s);
      assert.deepEqual(seen, []);
      await assert.rejects(
        api.createIdentitySourceSession({ identitySourceId }),
        (error: okta.OktaApiError) => {
          assert.equal(error.status, 403);
          assert.equal(error.errorCode, "E0000006");
          return true;
        },
      );
      assert.deepEqual(
        emulator.requests.map((r) => `${r.method} ${r.path.replace(identitySourceId, "{is}")} ${r.status}`),
        [
          "POST /oauth2/v1/token 200",
          "GET /api/v1/identity-sources/{is}/sessions 200",
          "POST /api/v1/identity-sources/{is}/sessions 403",
        ],
      );
    } finally {
      await emulator.close();
    }
  });
});
