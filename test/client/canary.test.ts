import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { inspect } from "node:util";
import nock from "nock";
import { isInvalidResponseError, isOktaApiError, type ClientEvent } from "../../src/client";
import {
  CANARY_TOKEN,
  ISID,
  makeClient,
  manualAttemptTimers,
  timeOutOnArrival,
  oktaError,
  ORG,
  rejection,
  SESSION_ID,
  useNock,
} from "./support";

/**
 * Secret canaries: distinctive fake credentials and PII go in; no error message, serialised error,
 * inspected error (hidden properties included) or event may contain them.
 */

const PII = "canary.pii.4c1d@example.com";
const ACCESS_CANARY = "eyCANARYaccess.token.3b9f0c2e1d";
const ISSUED_CANARY = "CANARY-issued-dpop-token-71a2b3";
const BULK = `/api/v1/identity-sources/${ISID}/sessions/${SESSION_ID}/bulk-upsert`;
const LIST = `/api/v1/identity-sources/${ISID}/sessions`;
const upload = {
  entityType: "USERS" as const,
  profiles: [{ externalId: "USEREXT1", profile: { userName: PII, email: PII } }],
};

function everythingSaidAbout(error: unknown, events: ClientEvent[]): string {
  assert.ok(isOktaApiError(error) || isInvalidResponseError(error), "a client error");
  return [
    error.message,
    String(error.stack),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(events),
  ].join("\n");
}

function assertClean(text: string, canaries: string[]): void {
  for (const canary of canaries) assert.ok(!text.includes(canary), `canary leaked: ${canary.slice(0, 24)}…`);
}

describe("secret canaries", () => {
  useNock();

  it("keeps the API token and PII out of errors from HTTP failures, even when the server echoes them", async () => {
    nock(ORG)
      .post(BULK)
      .reply(
        400,
        oktaError("E0000001", `Api validation failed: header Authorization: SSWS ${CANARY_TOKEN}`, [
          `token ${CANARY_TOKEN} rejected`,
        ]),
      );
    nock(ORG).post(BULK).reply(503, `<html>Authorization: SSWS ${CANARY_TOKEN} ${PII}</html>`);
    nock(ORG)
      .post(BULK)
      .replyWithError(
        Object.assign(new Error(`socket hang up (SSWS ${CANARY_TOKEN})`), { code: "ECONNRESET" }),
      );
    const { client, events } = makeClient();
    for (let i = 0; i < 3; i++) {
      const error = await rejection(client.bulk.upsertUsers(ISID, SESSION_ID, upload));
      assertClean(everythingSaidAbout(error, events), [CANARY_TOKEN, PII]);
    }
    assert.deepEqual(
      events.map((e) => e.type),
      ["request", "response", "request", "response", "request"],
    );
  });

  it("keeps a bare token (no scheme in front) out of a network error and its cause", async () => {
    // Proxies and agents sometimes echo a header value without its scheme; only the literal secret
    // list can catch that, and the error's `cause` (a TransportError) must be scrubbed with it too.
    nock(ORG)
      .post(BULK)
      .replyWithError(Object.assign(new Error(`proxy refused ${CANARY_TOKEN}`), { code: "ECONNRESET" }));
    const { client, events } = makeClient();
    const error = await rejection(client.bulk.upsertUsers(ISID, SESSION_ID, upload));
    assert.ok(isOktaApiError(error) && error.kind === "network");
    const cause = (error as { cause?: unknown }).cause;
    assert.ok(cause instanceof Error, "the transport failure stays available as the cause");
    assert.match(cause.message, /proxy refused \[REDACTED\]/);
    const deep = [
      everythingSaidAbout(error, events),
      inspect(error, { depth: Infinity, showHidden: true }),
      String(cause.stack),
      JSON.stringify(cause),
    ].join("\n");
    assertClean(deep, [CANARY_TOKEN]);
  });

  it("keeps user profile values Okta echoes in errorSummary/errorCauses out of the error", async () => {
    const profile = {
      userName: PII,
      email: PII,
      firstName: "Bob",
      homeAddress: "12 Canary Lane, Springfield",
    };
    const echo = (status: number) =>
      [
        status,
        oktaError("E0000001", `Api validation failed: email ${PII}`, [
          `email: ${PII} is already used`,
          `firstName: Bob is not allowed; homeAddress: 12 Canary Lane, Springfield`,
        ]),
      ] as const;
    nock(ORG)
      .post(BULK)
      .reply(...echo(400));
    nock(ORG)
      .post(`/api/v1/identity-sources/${ISID}/users`)
      .reply(...echo(400));
    nock(ORG)
      .put(`/api/v1/identity-sources/${ISID}/users/USEREXT1`)
      .reply(...echo(400));
    nock(ORG)
      .patch(`/api/v1/identity-sources/${ISID}/users/USEREXT1`)
      .reply(...echo(400));
    const { client, events } = makeClient();
    const calls = [
      () =>
        client.bulk.upsertUsers(ISID, SESSION_ID, {
          entityType: "USERS",
          profiles: [
            {
              externalId: "USEREXT0",
              profile: { userName: "other.user@example.com", email: "other.user@example.com" },
            },
            { externalId: "USEREXT1", profile },
          ],
        }),
      () => client.users.create(ISID, { externalId: "USEREXT1", profile }),
      () => client.users.replace(ISID, "USEREXT1", { profile }),
      () =>
        client.users.patch(ISID, "USEREXT1", {
          profile: { email: PII, firstName: "Bob", homeAddress: profile.homeAddress },
        }),
    ];
    for (const call of calls) {
      const error = await rejection(call());
      assert.ok(isOktaApiError(error));
      const said = [
        everythingSaidAbout(error, events),
        inspect(error, { depth: Infinity, showHidden: true }),
        JSON.stringify(error.errorCauses),
        String(error.errorSummary),
      ].join("\n");
      assertClean(said, [PII, "Bob", "Canary Lane"]);
      // What is left still says which attribute failed and why.
      assert.match(error.message, /email: \[REDACTED\] is already used/);
      assert.equal(error.errorCode, "E0000001");
    }
  });

  it("keeps profile values out of the error when Okta echoes them in another case or under 3 characters", async () => {
    const profile = {
      userName: PII,
      email: "Canary.Mixed.9e2f@Example.com",
      lastName: "Wu",
      firstName: "Bob",
    };
    nock(ORG)
      .post(`/api/v1/identity-sources/${ISID}/users`)
      .reply(
        400,
        oktaError("E0000001", "Api validation failed: lastName", [
          "email: canary.mixed.9e2f@example.com already used",
          "lastName: Wu is not allowed; firstName: BOB",
        ]),
      );
    const { client, events } = makeClient();
    const error = await rejection(client.users.create(ISID, { externalId: "USEREXT1", profile }));
    const said = everythingSaidAbout(error, events).toLowerCase();
    assertClean(said, ["canary.mixed.9e2f@example.com", "lastname: wu", "bob"]);
    assert.match(said, /lastname: \[redacted\] is not allowed/);
  });

  it("keeps the API token and PII out of a timeout error", async () => {
    const timers = manualAttemptTimers();
    timeOutOnArrival(nock(ORG).post(BULK), timers);
    const { client, events } = makeClient({ perAttemptTimeoutMs: 20, attemptTimer: timers.attemptTimer });
    const error = await rejection(client.bulk.upsertUsers(ISID, SESSION_ID, upload));
    assert.ok(isOktaApiError(error) && error.kind === "timeout");
    assertClean(everythingSaidAbout(error, events), [CANARY_TOKEN, PII]);
  });

  it("keeps a bearer access token out of errors from a retried 429", async () => {
    nock(ORG)
      .get(LIST)
      .times(2)
      .reply(429, oktaError("E0000047", "API call exceeded rate limit"), { "Retry-After": "1" });
    const { client, events } = makeClient({
      auth: { kind: "accessToken", token: ACCESS_CANARY },
      maxRetries: 1,
    });
    const error = await rejection(client.sessions.list(ISID));
    assertClean(everythingSaidAbout(error, events), [ACCESS_CANARY]);
  });

  it("keeps the private key, client assertion and issued tokens out of errors", async () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const keyBody = pem.split("\n")[1]!;
    let assertion = "";
    nock(ORG).post("/oauth2/v1/token").reply(400, { error: "use_dpop_nonce" }, { "dpop-nonce": "n" });
    nock(ORG)
      .post("/oauth2/v1/token")
      .reply((_uri, body) => {
        assertion = new URLSearchParams(body as string).get("client_assertion") ?? "";
        return [200, { token_type: "DPoP", expires_in: 3600, access_token: ISSUED_CANARY }];
      });
    // Built when the request arrives, after the token exchange, so it echoes the real assertion.
    nock(ORG)
      .get(LIST)
      .reply(() => [
        403,
        oktaError(
          "E0000006",
          `You do not have permission (DPoP ${ISSUED_CANARY}; client_assertion=${assertion}; ${assertion})`,
        ),
      ]);
    const { client, events } = makeClient({
      auth: {
        kind: "privateKey",
        clientId: "0oaSVC",
        privateKeyPem: pem,
        scopes: ["okta.identitySources.read"],
      },
    });
    const error = await rejection(client.sessions.list(ISID));
    assert.ok(assertion.length > 0);
    assertClean(everythingSaidAbout(error, events), [keyBody, ISSUED_CANARY, assertion]);
  });

  it("keeps profile values out of InvalidResponseError", async () => {
    nock(ORG)
      .get(`/api/v1/identity-sources/${ISID}/users/USEREXT1`)
      .reply(200, { profile: { email: PII } });
    const { client, events } = makeClient();
    const error = await rejection(client.users.get(ISID, "USEREXT1"));
    assertClean(everythingSaidAbout(error, events), [PII, CANARY_TOKEN]);
  });
});
