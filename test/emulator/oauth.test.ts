import assert from "node:assert/strict";
import { generateKeyPairSync, createHash, randomUUID, type KeyObject } from "node:crypto";
import { exportJWK, SignJWT } from "jose";
import { assertOktaError, request, useEmulator, type Harness, type Reply } from "./support";

const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
const dpopKeys = generateKeyPairSync("ec", { namedCurve: "P-256" });
const publicKeyPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
const SCOPES = "okta.identitySources.read okta.identitySources.manage";

async function assertion(
  h: Harness,
  clientId: string,
  overrides: { aud?: string; key?: KeyObject; expSeconds?: number } = {},
) {
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(overrides.aud ?? `${h.emulator.url}/oauth2/v1/token`)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(Math.floor(Date.now() / 1000) + (overrides.expSeconds ?? 300))
    .sign(overrides.key ?? keys.privateKey);
}

async function proof(htm: string, htu: string, extra: Record<string, unknown> = {}, key = dpopKeys) {
  const jwk = await exportJWK(key.publicKey);
  return new SignJWT({ htm, htu, jti: randomUUID(), ...extra })
    .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk })
    .setIssuedAt()
    .sign(key.privateKey);
}

async function tokenRequest(h: Harness, form: Record<string, string>, dpop?: string): Promise<Reply> {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (dpop) headers["DPoP"] = dpop;
  const reply = await request(`${h.emulator.url}/oauth2/v1/token`, "POST", {
    body: new URLSearchParams(form).toString(),
    headers,
  });
  h.seen.push(reply.text);
  return reply;
}

const form = async (h: Harness, clientId: string, scope = SCOPES, overrides = {}) => ({
  grant_type: "client_credentials",
  scope,
  client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
  client_assertion: await assertion(h, clientId, overrides),
});

describe("emulator token endpoint (private_key_jwt)", () => {
  const h = useEmulator({
    oauth: {
      clients: [
        { clientId: "0oaSERVICEAPP", publicKeyPem },
        { clientId: "0oaREADONLY", publicKeyPem, scopes: ["okta.identitySources.read"] },
      ],
    },
  });

  it("issues a Bearer token that authorizes API calls", async () => {
    const reply = await tokenRequest(h, await form(h, "0oaSERVICEAPP"));
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.body.token_type, "Bearer");
    assert.equal(reply.body.expires_in, 3600);
    assert.equal(reply.body.scope, SCOPES);
    assert.equal(reply.headers.get("cache-control"), "no-store");
    assert.equal(
      (await h.api("POST", "/sessions", undefined, `Bearer ${reply.body.access_token}`)).status,
      201,
    );
    assertOktaError(
      await h.api("GET", "/sessions", undefined, `SSWS ${reply.body.access_token}`),
      401,
      "E0000011",
    );
  });

  it("expires tokens after an hour of emulator time", async () => {
    const { body } = await tokenRequest(h, await form(h, "0oaSERVICEAPP"));
    h.clock.advance(3_599_000);
    assert.equal((await h.api("GET", "/sessions", undefined, `Bearer ${body.access_token}`)).status, 200);
    h.clock.advance(1_000);
    assertOktaError(
      await h.api("GET", "/sessions", undefined, `Bearer ${body.access_token}`),
      401,
      "E0000011",
    );
  });

  it("answers 403 E0000006 when the token lacks the scope for the operation", async () => {
    const { body } = await tokenRequest(h, await form(h, "0oaREADONLY", "okta.identitySources.read"));
    assert.equal((await h.api("GET", "/sessions", undefined, `Bearer ${body.access_token}`)).status, 200);
    assertOktaError(
      await h.api("POST", "/sessions", undefined, `Bearer ${body.access_token}`),
      403,
      "E0000006",
    );
  });

  it("refuses scopes the app was not granted, and a missing scope", async () => {
    const refused = await tokenRequest(h, await form(h, "0oaREADONLY", SCOPES));
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error, "invalid_scope");
    assert.equal((await tokenRequest(h, await form(h, "0oaSERVICEAPP", ""))).body.error, "invalid_scope");
  });

  it("refuses a bad signature, a wrong audience, an expired or too long-lived assertion, an unknown client", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const cases = [
      await form(h, "0oaSERVICEAPP", SCOPES, { key: other.privateKey }),
      await form(h, "0oaSERVICEAPP", SCOPES, { aud: "https://elsewhere.example.com/oauth2/v1/token" }),
      await form(h, "0oaSERVICEAPP", SCOPES, { expSeconds: -120 }),
      await form(h, "0oaSERVICEAPP", SCOPES, { expSeconds: 7200 }),
      await form(h, "0oaNOBODY"),
    ];
    for (const body of cases) {
      const reply = await tokenRequest(h, body);
      assert.equal(reply.status, 401, reply.text);
      assert.equal(reply.body.error, "invalid_client");
      assert.ok(!reply.text.includes(body.client_assertion));
    }
  });

  it("refuses a replayed assertion (jti used once)", async () => {
    const body = await form(h, "0oaSERVICEAPP");
    assert.equal((await tokenRequest(h, body)).status, 200);
    assert.equal((await tokenRequest(h, body)).body.error, "invalid_client");
  });

  it("refuses other grants and non-form bodies", async () => {
    assert.equal((await tokenRequest(h, { grant_type: "password" })).body.error, "unsupported_grant_type");
    const json = await request(`${h.emulator.url}/oauth2/v1/token`, "POST", {
      body: { grant_type: "client_credentials" },
    });
    assert.equal(json.body.error, "invalid_request");
  });

  it("ignores a DPoP header for apps that do not require DPoP (Okta's SDK always sends one)", async () => {
    const dpop = await proof("POST", `${h.emulator.url}/oauth2/v1/token`);
    const reply = await tokenRequest(h, await form(h, "0oaSERVICEAPP"), dpop);
    assert.equal(reply.status, 200);
    assert.equal(reply.body.token_type, "Bearer");
  });
});

describe("emulator token endpoint with DPoP", () => {
  const h = useEmulator({
    oauth: { clients: [{ clientId: "0oaDPOPAPP", publicKeyPem, requireDpop: true }] },
  });
  const tokenUrl = () => `${h.emulator.url}/oauth2/v1/token`;

  async function dpopToken(): Promise<string> {
    const first = await tokenRequest(h, await form(h, "0oaDPOPAPP"), await proof("POST", tokenUrl()));
    const nonce = first.headers.get("dpop-nonce") ?? "";
    const second = await tokenRequest(
      h,
      await form(h, "0oaDPOPAPP"),
      await proof("POST", tokenUrl(), { nonce }),
    );
    assert.equal(second.status, 200, second.text);
    return second.body.access_token as string;
  }

  const ath = (token: string) => createHash("sha256").update(token).digest("base64url");

  it("asks for a nonce first, then issues a DPoP token", async () => {
    const first = await tokenRequest(h, await form(h, "0oaDPOPAPP"), await proof("POST", tokenUrl()));
    assert.equal(first.status, 400);
    assert.equal(first.body.error, "use_dpop_nonce");
    assert.equal(typeof first.body.error_description, "string");
    const nonce = first.headers.get("dpop-nonce") ?? "";
    assert.ok(nonce.length >= 16);
    const second = await tokenRequest(
      h,
      await form(h, "0oaDPOPAPP"),
      await proof("POST", tokenUrl(), { nonce }),
    );
    assert.equal(second.status, 200, second.text);
    assert.equal(second.body.token_type, "DPoP");
  });

  it("refuses a token request without a proof, or with a proof for another URL", async () => {
    assert.equal((await tokenRequest(h, await form(h, "0oaDPOPAPP"))).body.error, "invalid_dpop_proof");
    const first = await tokenRequest(h, await form(h, "0oaDPOPAPP"), await proof("POST", tokenUrl()));
    const nonce = first.headers.get("dpop-nonce") ?? "";
    const wrong = await tokenRequest(
      h,
      await form(h, "0oaDPOPAPP"),
      await proof("POST", "http://elsewhere/oauth2/v1/token", { nonce }),
    );
    assert.equal(wrong.body.error, "invalid_dpop_proof");
  });

  it("accepts API calls with Authorization: DPoP and a proof bound to the token and request", async () => {
    const token = await dpopToken();
    const url = `${h.emulator.url}/api/v1/identity-sources/${h.isId}/sessions`;
    const ok = await request(url, "GET", {
      headers: { Authorization: `DPoP ${token}`, DPoP: await proof("GET", url, { ath: ath(token) }) },
    });
    assert.equal(ok.status, 200, ok.text);
  });

  it("rejects DPoP API calls whose proof is missing, for another method, URL, token or key; and Bearer use", async () => {
    const token = await dpopToken();
    const url = `${h.emulator.url}/api/v1/identity-sources/${h.isId}/sessions`;
    const otherKey = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const proofs: (string | undefined)[] = [
      undefined,
      await proof("POST", url, { ath: ath(token) }),
      await proof("GET", `${url}/other`, { ath: ath(token) }),
      await proof("GET", url, { ath: ath("another-token") }),
      await proof("GET", url, { ath: ath(token) }, otherKey),
    ];
    for (const dpop of proofs) {
      const headers: Record<string, string> = { Authorization: `DPoP ${token}` };
      if (dpop) headers["DPoP"] = dpop;
      const reply = await request(url, "GET", { headers });
      assertOktaError(reply, 401, "E0000011");
      assert.match(reply.headers.get("www-authenticate") ?? "", /invalid_dpop_proof/);
    }
    assertOktaError(await h.api("GET", "/sessions", undefined, `Bearer ${token}`), 401, "E0000011");
  });
});
