import assert from "node:assert/strict";
import { generateKeyPairSync, createHash, type KeyObject } from "node:crypto";
import { inspect } from "node:util";
import nock from "nock";
import { decodeProtectedHeader, importJWK, jwtVerify, type JWK } from "jose";
import { isOktaApiError } from "../../../src/client";
import { ISID, makeClient, ORG, rejection, START, useNock } from "../support";
import { unusablePrivateKeys } from "../../helpers/unusable-keys";

const TOKEN_PATH = "/oauth2/v1/token";
const LIST = `/api/v1/identity-sources/${ISID}/sessions`;
const SCOPES = ["okta.identitySources.manage", "okta.identitySources.read"];

/** One RSA key for the whole file: generating 2048-bit keys costs ~100 ms each. */
let rsa: { pem: string; publicKey: KeyObject } | undefined;
function rsaKeys(): { pem: string; publicKey: KeyObject } {
  if (!rsa) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    // PKCS#1 ("BEGIN RSA PRIVATE KEY"), the format Okta's admin console downloads.
    rsa = { pem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(), publicKey };
  }
  return rsa;
}
function ecKeys(): { pem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { pem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey };
}

const tokenBody = (token: string, type = "Bearer", expiresIn = 3600) => ({
  token_type: type,
  expires_in: expiresIn,
  access_token: token,
  scope: SCOPES.join(" "),
});

function privateKeyClient(pem: string, extra: { keyId?: string } = {}) {
  return makeClient({
    auth: { kind: "privateKey", clientId: "0oaSERVICEAPP", privateKeyPem: pem, scopes: SCOPES, ...extra },
  });
}

describe("private-key JWT auth", () => {
  useNock();

  it("exchanges an RS256 client assertion for a token and sends it as Bearer", async () => {
    const { pem, publicKey } = rsaKeys();
    let form: URLSearchParams | undefined;
    let contentType: unknown;
    nock(ORG)
      .post(TOKEN_PATH)
      .reply(function (_uri, body) {
        form = new URLSearchParams(body as string);
        contentType = this.req.headers["content-type"];
        return [200, tokenBody("at-1")];
      });
    nock(ORG, { reqheaders: { authorization: "Bearer at-1" } })
      .get(LIST)
      .reply(200, []);
    const { client } = privateKeyClient(pem, { keyId: "kid-1" });
    await client.sessions.list(ISID);

    assert.equal(contentType, "application/x-www-form-urlencoded");
    assert.equal(form?.get("grant_type"), "client_credentials");
    assert.equal(form?.get("scope"), "okta.identitySources.manage okta.identitySources.read");
    assert.equal(
      form?.get("client_assertion_type"),
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    );
    const assertion = form?.get("client_assertion") ?? "";
    assert.deepEqual(decodeProtectedHeader(assertion), { alg: "RS256", kid: "kid-1" });
    const { payload } = await jwtVerify(assertion, publicKey, {
      issuer: "0oaSERVICEAPP",
      subject: "0oaSERVICEAPP",
      audience: `${ORG}${TOKEN_PATH}`,
      currentDate: new Date(START),
    });
    assert.equal(payload.iat, Math.floor(START / 1000));
    assert.ok(payload.exp! - payload.iat <= 3600);
    assert.equal(typeof payload.jti, "string");
  });

  it("signs with ES256 for a P-256 PKCS#8 key and omits kid when no key id is given", async () => {
    const { pem, publicKey } = ecKeys();
    let assertion = "";
    nock(ORG)
      .post(TOKEN_PATH)
      .reply((_uri, body) => {
        assertion = new URLSearchParams(body as string).get("client_assertion") ?? "";
        return [200, tokenBody("at-ec")];
      });
    nock(ORG).get(LIST).reply(200, []);
    await privateKeyClient(pem).client.sessions.list(ISID);
    assert.deepEqual(decodeProtectedHeader(assertion), { alg: "ES256" });
    await jwtVerify(assertion, publicKey, { currentDate: new Date(START) });
  });

  it("caches the token until a minute before expiry, then fetches a new one", async () => {
    const { pem } = rsaKeys();
    nock(ORG)
      .post(TOKEN_PATH)
      .reply(200, tokenBody("at-1", "Bearer", 3600));
    nock(ORG)
      .post(TOKEN_PATH)
      .reply(200, tokenBody("at-2", "Bearer", 3600));
    nock(ORG, { reqheaders: { authorization: "Bearer at-1" } })
      .get(LIST)
      .twice()
      .reply(200, []);
    nock(ORG, { reqheaders: { authorization: "Bearer at-2" } })
      .get(LIST)
      .reply(200, []);
    const { client, clock } = privateKeyClient(pem);
    await client.sessions.list(ISID);
    clock.advance(3_539_000); // 59 min − 1 s: still fresh
    await client.sessions.list(ISID);
    clock.advance(2_000); // inside the last minute: renew
    await client.sessions.list(ISID);
  });

  it("shares one in-flight token request between concurrent callers", async () => {
    const { pem } = rsaKeys();
    nock(ORG).post(TOKEN_PATH).once().delay(20).reply(200, tokenBody("at-shared"));
    nock(ORG, { reqheaders: { authorization: "Bearer at-shared" } })
      .get(LIST)
      .times(3)
      .reply(200, []);
    const { client } = privateKeyClient(pem);
    await Promise.all([client.sessions.list(ISID), client.sessions.list(ISID), client.sessions.list(ISID)]);
  });

  it("lets one caller stop waiting for the shared token request while another still gets the token", async () => {
    const { pem } = rsaKeys();
    nock(ORG).post(TOKEN_PATH).once().delay(20).reply(200, tokenBody("at-shared"));
    nock(ORG, { reqheaders: { authorization: "Bearer at-shared" } })
      .get(LIST)
      .reply(200, []);
    const { client } = privateKeyClient(pem);
    const controller = new AbortController();
    const first = client.sessions.list(ISID, { signal: controller.signal });
    const second = client.sessions.list(ISID);
    controller.abort();
    await assert.rejects(first);
    assert.deepEqual(await second, []);
  });

  it("a caller with more time asks again when the shared token request failed on another caller's shorter deadline", async () => {
    const { pem } = rsaKeys();
    const resetS = Math.floor(START / 1000) + 20;
    const limited = {
      "x-rate-limit-limit": "10",
      "x-rate-limit-remaining": "0",
      "x-rate-limit-reset": String(resetS),
    };
    nock(ORG).post(TOKEN_PATH).once().reply(429, { errorCode: "E0000047" }, limited);
    nock(ORG).post(TOKEN_PATH).once().reply(200, tokenBody("at-later"));
    nock(ORG, { reqheaders: { authorization: "Bearer at-later" } })
      .get(LIST)
      .reply(200, []);
    const { client } = privateKeyClient(pem);
    // The first caller starts the token request with 5 s to spare: the token endpoint asks for 20.
    const short = client.sessions.list(ISID, { deadline: START + 5_000 });
    const long = client.sessions.list(ISID, { deadline: START + 300_000 });
    await assert.rejects(short);
    assert.deepEqual(await long, []);
  });

  it("drops the token after a 401 and retries the call once with a fresh one", async () => {
    const { pem } = rsaKeys();
    nock(ORG).post(TOKEN_PATH).reply(200, tokenBody("at-revoked"));
    nock(ORG).post(TOKEN_PATH).reply(200, tokenBody("at-fresh"));
    nock(ORG, { reqheaders: { authorization: "Bearer at-revoked" } })
      .get(LIST)
      .reply(401, { errorCode: "E0000011", errorSummary: "Invalid token provided" });
    nock(ORG, { reqheaders: { authorization: "Bearer at-fresh" } })
      .get(LIST)
      .reply(200, []);
    const { client } = privateKeyClient(pem);
    assert.deepEqual(await client.sessions.list(ISID), []);
  });

  it("does not loop on a second 401", async () => {
    const { pem } = rsaKeys();
    nock(ORG).post(TOKEN_PATH).twice().reply(200, tokenBody("at-x"));
    nock(ORG).get(LIST).twice().reply(401, { errorCode: "E0000011", errorSummary: "Invalid token provided" });
    const { client } = privateKeyClient(pem);
    const error = await rejection(client.sessions.list(ISID));
    assert.ok(isOktaApiError(error));
    assert.equal(error.status, 401);
    assert.equal(error.attempts, 2);
  });

  it("surfaces an OAuth error from the token endpoint as OktaApiError with the OAuth code", async () => {
    const { pem } = rsaKeys();
    nock(ORG).post(TOKEN_PATH).reply(401, {
      error: "invalid_client",
      error_description: "The client_assertion signature is invalid.",
    });
    const { client } = privateKeyClient(pem);
    const error = await rejection(client.sessions.list(ISID));
    assert.ok(isOktaApiError(error));
    assert.equal(error.errorCode, "invalid_client");
    assert.equal(error.path, TOKEN_PATH);
    assert.match(error.message, /registered public key/);
  });

  it("rejects a PEM that is not a private key at creation, without echoing it", () => {
    const garbage = "-----BEGIN PRIVATE KEY-----\nTk9UQUtFWQ==\n-----END PRIVATE KEY-----\n";
    assert.throws(
      () => privateKeyClient(garbage),
      (e: Error) => /not a readable PEM private key/.test(e.message) && !e.message.includes("Tk9UQUtFWQ"),
    );
  });

  it("rejects at creation a key it cannot sign with, saying why, before any request", () => {
    const bad = unusablePrivateKeys();
    // No interceptor: any request would fail the test with a nock error instead of the expected one.
    for (const [name, key, reason] of bad) {
      assert.throws(
        () => privateKeyClient(key),
        (e: Error) =>
          e instanceof TypeError &&
          reason.test(e.message) &&
          /^invalid Okta client options: auth\.privateKeyPem /.test(e.message) &&
          /2048 bits or more/.test(e.message),
        name,
      );
    }
  });

  describe("DPoP", () => {
    async function verifyProof(proof: string, expected: Record<string, unknown>) {
      const header = decodeProtectedHeader(proof);
      assert.equal(header.typ, "dpop+jwt");
      assert.equal(header.alg, "ES256");
      const jwk = header.jwk as JWK;
      assert.equal(jwk.d, undefined, "the proof must carry only the public key");
      const { payload } = await jwtVerify(proof, await importJWK(jwk, "ES256"), {
        typ: "dpop+jwt",
        currentDate: new Date(START),
      });
      for (const [k, v] of Object.entries(expected)) assert.deepEqual(payload[k], v, `claim ${k}`);
      assert.equal(typeof payload.jti, "string");
      assert.equal(payload.iat, Math.floor(START / 1000));
      return { payload, jwk };
    }

    it("answers use_dpop_nonce with a nonce-bearing proof, then sends DPoP tokens with a fresh proof per request", async () => {
      const { pem } = rsaKeys();
      const tokenProofs: (string | undefined)[] = [];
      const apiCalls: { auth: string; proof: string }[] = [];
      nock(ORG)
        .post(TOKEN_PATH)
        .reply(function () {
          tokenProofs.push(this.req.headers["dpop"]);
          return [
            400,
            {
              error: "use_dpop_nonce",
              error_description: "Authorization server requires nonce in DPoP proof.",
            },
            { "dpop-nonce": "nonce-123" },
          ];
        });
      nock(ORG)
        .post(TOKEN_PATH)
        .reply(function () {
          tokenProofs.push(this.req.headers["dpop"]);
          return [200, tokenBody("dpop-at", "DPoP")];
        });
      nock(ORG)
        .get(LIST)
        .query(true)
        .twice()
        .reply(function () {
          apiCalls.push({
            auth: String(this.req.headers["authorization"]),
            proof: String(this.req.headers["dpop"]),
          });
          return [200, []];
        });
      const { client } = privateKeyClient(pem);
      await client.sessions.list(ISID);
      await client.sessions.list(ISID);

      // Token requests: the first may carry no proof; the retry must carry one with the nonce.
      assert.equal(tokenProofs.length, 2);
      assert.equal(tokenProofs[0], undefined);
      const { jwk: tokenJwk } = await verifyProof(tokenProofs[1]!, {
        htm: "POST",
        htu: `${ORG}${TOKEN_PATH}`,
        nonce: "nonce-123",
      });

      const ath = createHash("sha256").update("dpop-at").digest("base64url");
      assert.equal(apiCalls.length, 2);
      const jtis = new Set<unknown>();
      for (const call of apiCalls) {
        assert.equal(call.auth, "DPoP dpop-at");
        const { payload, jwk } = await verifyProof(call.proof, { htm: "GET", htu: `${ORG}${LIST}`, ath });
        assert.deepEqual(jwk, tokenJwk, "one key pair per client");
        jtis.add(payload.jti);
      }
      assert.equal(jtis.size, 2, "each request gets a fresh proof");
    });

    it("switches to DPoP when the token endpoint answers invalid_dpop_proof", async () => {
      const { pem } = rsaKeys();
      let secondProof: unknown;
      nock(ORG)
        .post(TOKEN_PATH)
        .reply(400, { error: "invalid_dpop_proof", error_description: "DPoP proof required" });
      nock(ORG)
        .post(TOKEN_PATH)
        .reply(function () {
          secondProof = this.req.headers["dpop"];
          return [200, tokenBody("dpop-at-2", "DPoP")];
        });
      nock(ORG, { reqheaders: { authorization: "DPoP dpop-at-2" } })
        .get(LIST)
        .reply(200, []);
      await privateKeyClient(pem).client.sessions.list(ISID);
      assert.equal(typeof secondProof, "string");
    });

    /** Token endpoint: nonce round, then a DPoP token per entry of `tokens`. */
    function dpopTokens(...tokens: string[]) {
      nock(ORG).post(TOKEN_PATH).reply(400, { error: "use_dpop_nonce" }, { "DPoP-Nonce": "as-nonce" });
      for (const token of tokens) nock(ORG).post(TOKEN_PATH).reply(200, tokenBody(token, "DPoP"));
    }
    /** Records the Authorization value and the proof's nonce of each resource request. */
    async function proofNonce(proof: string): Promise<unknown> {
      const { payload } = await jwtVerify(
        proof,
        await importJWK(decodeProtectedHeader(proof).jwk as JWK, "ES256"),
        {
          currentDate: new Date(START),
        },
      );
      return payload["nonce"];
    }

    it("answers a resource server's use_dpop_nonce 401 with a proof carrying its nonce, keeping the token", async () => {
      const { pem } = rsaKeys();
      dpopTokens("dpop-rs");
      const seen: { auth: string; nonce: unknown }[] = [];
      const record = async function (this: { req: { headers: Record<string, string> } }) {
        seen.push({
          auth: this.req.headers["authorization"]!,
          nonce: await proofNonce(this.req.headers["dpop"]!),
        });
      };
      nock(ORG)
        .get(LIST)
        .reply(async function () {
          await record.call(this);
          return [
            401,
            "",
            {
              "WWW-Authenticate":
                'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"',
              "DPoP-Nonce": "rs-nonce-1",
            },
          ];
        });
      nock(ORG)
        .get(LIST)
        .twice()
        .reply(async function () {
          await record.call(this);
          return [200, []];
        });
      const { client } = privateKeyClient(pem);
      assert.deepEqual(await client.sessions.list(ISID), []);
      await client.sessions.list(ISID);
      assert.deepEqual(seen, [
        { auth: "DPoP dpop-rs", nonce: undefined },
        { auth: "DPoP dpop-rs", nonce: "rs-nonce-1" },
        { auth: "DPoP dpop-rs", nonce: "rs-nonce-1" },
      ]);
    });

    it("renews an expired DPoP token even when the 401 also carries a new nonce", async () => {
      const { pem } = rsaKeys();
      dpopTokens("dpop-old", "dpop-new");
      const seen: { auth: string; nonce: unknown }[] = [];
      nock(ORG)
        .get(LIST)
        .reply(async function () {
          seen.push({
            auth: this.req.headers["authorization"]!,
            nonce: await proofNonce(this.req.headers["dpop"]!),
          });
          return [
            401,
            { errorCode: "E0000011", errorSummary: "Invalid token provided" },
            { "WWW-Authenticate": 'DPoP error="invalid_token"', "DPoP-Nonce": "rs-nonce-2" },
          ];
        });
      nock(ORG)
        .get(LIST)
        .reply(async function () {
          seen.push({
            auth: this.req.headers["authorization"]!,
            nonce: await proofNonce(this.req.headers["dpop"]!),
          });
          return [200, []];
        });
      const { client } = privateKeyClient(pem);
      assert.deepEqual(await client.sessions.list(ISID), []);
      assert.deepEqual(seen, [
        { auth: "DPoP dpop-old", nonce: undefined },
        { auth: "DPoP dpop-new", nonce: "rs-nonce-2" },
      ]);
    });

    it("reports a DPoP handshake that never succeeds as the token endpoint's OktaApiError", async () => {
      const { pem } = rsaKeys();
      const sent: string[] = [];
      nock(ORG)
        .post(TOKEN_PATH)
        .times(4)
        .reply(function (_uri, body) {
          sent.push(String(this.req.headers["dpop"] ?? ""), body as string);
          return [
            400,
            { error: "invalid_dpop_proof", error_description: "DPoP proof iat is too far in the past" },
            { "X-Okta-Request-Id": "req-dpop", "DPoP-Nonce": `nonce-${sent.length}` },
          ];
        });
      const { client } = privateKeyClient(pem);
      const error = await rejection(client.sessions.list(ISID));
      assert.ok(isOktaApiError(error), `expected OktaApiError, got ${String(error)}`);
      assert.equal(error.status, 400);
      assert.equal(error.errorCode, "invalid_dpop_proof");
      assert.equal(error.path, TOKEN_PATH);
      assert.equal(error.requestId, "req-dpop");
      assert.match(error.message, /DPoP proof iat is too far in the past/);
      assert.match(error.message, /Hint: .*clock/);
      const said = [error.message, JSON.stringify(error), inspect(error, { depth: Infinity })].join("\n");
      const assertions = sent.flatMap((s) => [...s.matchAll(/client_assertion=([^&]+)/g)].map((m) => m[1]!));
      assert.ok(assertions.length > 0);
      for (const secret of [...sent.filter((s) => s.startsWith("ey")), ...assertions])
        assert.ok(!said.includes(secret), "no proof or client assertion in the error");
    });

    it("reports use_dpop_nonce without a nonce as the token endpoint's OktaApiError", async () => {
      const { pem } = rsaKeys();
      nock(ORG)
        .post(TOKEN_PATH)
        .reply(400, { error: "use_dpop_nonce", error_description: "Authorization server requires nonce." });
      const { client } = privateKeyClient(pem);
      const error = await rejection(client.sessions.list(ISID));
      assert.ok(isOktaApiError(error), `expected OktaApiError, got ${String(error)}`);
      assert.equal(error.status, 400);
      assert.equal(error.errorCode, "use_dpop_nonce");
      assert.equal(error.operation, "oauth.token");
    });

    it("excludes the query string from htu", async () => {
      const { pem } = rsaKeys();
      const group = `/api/v1/identity-sources/${ISID}/groups/G1/membership`;
      let proof = "";
      nock(ORG).post(TOKEN_PATH).reply(400, { error: "use_dpop_nonce" }, { "dpop-nonce": "n1" });
      nock(ORG).post(TOKEN_PATH).reply(200, tokenBody("dpop-at-3", "DPoP"));
      nock(ORG)
        .get(group)
        .query({ limit: "1000" })
        .reply(function () {
          proof = String(this.req.headers["dpop"]);
          return [200, { memberExternalIds: [] }];
        });
      await privateKeyClient(pem).client.memberships.listAll(ISID, "G1");
      await verifyProof(proof, { htu: `${ORG}${group}` });
    });
  });
});
