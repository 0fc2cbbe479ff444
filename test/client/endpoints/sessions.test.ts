import assert from "node:assert/strict";
import nock from "nock";
import { isOktaApiError } from "../../../src/client";
import {
  apiHeaders,
  CANARY_TOKEN,
  ISID,
  JSON_HEADERS,
  makeClient,
  oktaError,
  ORG,
  rejection,
  SESSION,
  SESSION_ID,
  useNock,
} from "../support";

const BASE = `/api/v1/identity-sources/${ISID}/sessions`;

describe("sessions endpoints", () => {
  useNock();

  it("create POSTs with no body and no Content-Type, and accepts 201", async () => {
    let seen: Record<string, unknown> = {};
    let seenBody: unknown;
    nock(ORG)
      .post(BASE)
      .reply(function (_uri, body) {
        seen = { ...this.req.headers };
        seenBody = body;
        return [201, SESSION, JSON_HEADERS];
      });
    const { client } = makeClient();
    const session = await client.sessions.create(ISID);
    assert.equal(session.id, SESSION_ID);
    assert.equal(seen["authorization"], `SSWS ${CANARY_TOKEN}`);
    assert.equal(seen["accept"], "application/json");
    assert.equal(seen["content-type"], undefined);
    assert.equal(seen["content-length"], "0");
    assert.match(String(seen["user-agent"]), /^pulumi-okta-identity-source\/\d+\.\d+\.\d+/);
    assert.equal(seenBody, "");
  });

  it("create also accepts the documented 200", async () => {
    nock(ORG).post(BASE).reply(200, SESSION);
    const { client } = makeClient();
    assert.equal((await client.sessions.create(ISID)).status, "CREATED");
  });

  it("create maps 400 E0000001 to an OktaApiError with the five-minute hint", async () => {
    nock(ORG)
      .post(BASE)
      .reply(
        400,
        oktaError("E0000001", "Api validation failed: identitySourceSession", [
          "Only one active import session per identity source is allowed to be created every 5 minutes",
        ]),
        { "X-Okta-Request-Id": "req-400" },
      );
    const { client } = makeClient();
    const error = await rejection(client.sessions.create(ISID));
    assert.ok(isOktaApiError(error));
    assert.equal(error.status, 400);
    assert.equal(error.errorCode, "E0000001");
    assert.equal(error.requestId, "req-400");
    assert.equal(error.attempts, 1);
    assert.match(error.message, /^POST \/api\/v1\/identity-sources\/0oa\w+\/sessions failed: 400 E0000001/);
    assert.match(error.message, /five minutes/);
  });

  it("list GETs the array of sessions", async () => {
    nock(ORG, apiHeaders())
      .get(BASE)
      .reply(200, [SESSION, { ...SESSION, id: "aps2", status: "TRIGGERED" }]);
    const { client } = makeClient();
    const sessions = await client.sessions.list(ISID);
    assert.deepEqual(
      sessions.map((s) => s.status),
      ["CREATED", "TRIGGERED"],
    );
  });

  it("get returns the session, keeping unknown fields", async () => {
    nock(ORG, apiHeaders())
      .get(`${BASE}/${SESSION_ID}`)
      .reply(200, { ...SESSION, extra: 1 });
    const { client } = makeClient();
    const session = await client.sessions.get(ISID, SESSION_ID);
    assert.equal(session?.["extra"], 1);
  });

  it("get resolves undefined on 404", async () => {
    nock(ORG).get(`${BASE}/${SESSION_ID}`).reply(404, oktaError("E0000007", "Not found: Resource not found"));
    const { client } = makeClient();
    assert.equal(await client.sessions.get(ISID, SESSION_ID), undefined);
  });

  it("get resolves undefined on the legacy 400 E0000001 about an invalid session id", async () => {
    nock(ORG)
      .get(`${BASE}/${SESSION_ID}`)
      .reply(
        400,
        oktaError("E0000001", "Api validation failed: importSessionId", [
          "The Identity Source Session ID is invalid",
        ]),
      );
    const { client } = makeClient();
    assert.equal(await client.sessions.get(ISID, SESSION_ID), undefined);
  });

  it("URL-encodes path parameters", async () => {
    nock(ORG).get(`/api/v1/identity-sources/a%40b/sessions/x%3Fy%23z%25`).reply(200, SESSION);
    const { client } = makeClient();
    await client.sessions.get("a@b", "x?y#z%");
  });

  it("cancel DELETEs and resolves true on 204, false on 404", async () => {
    nock(ORG, apiHeaders()).delete(`${BASE}/${SESSION_ID}`).reply(204);
    nock(ORG, apiHeaders()).delete(`${BASE}/aps404`).reply(404, oktaError("E0000007", "Not found"));
    const { client } = makeClient();
    assert.equal(await client.sessions.cancel(ISID, SESSION_ID), true);
    assert.equal(await client.sessions.cancel(ISID, "aps404"), false);
  });

  it("cancel of a TRIGGERED session rejects (the observed 400 is not 'not found')", async () => {
    nock(ORG)
      .delete(`${BASE}/${SESSION_ID}`)
      .reply(
        400,
        oktaError("E0000001", "Api validation failed: importSessionId", [
          "Only a session that is in CREATED or IN_PROGRESS status can be canceled.",
        ]),
      );
    const { client } = makeClient();
    const error = await rejection(client.sessions.cancel(ISID, SESSION_ID));
    assert.ok(isOktaApiError(error));
    assert.deepEqual(error.errorCauses, [
      "Only a session that is in CREATED or IN_PROGRESS status can be canceled.",
    ]);
  });

  it("cancel resolves false on the legacy invalid-session-id 400", async () => {
    nock(ORG)
      .delete(`${BASE}/${SESSION_ID}`)
      .reply(400, oktaError("E0000001", "The Identity Source Session ID is unknown"));
    const { client } = makeClient();
    assert.equal(await client.sessions.cancel(ISID, SESSION_ID), false);
  });

  it("cancel counts a 'cannot be canceled' after a retried DELETE as done when the session is CLOSED", async () => {
    nock(ORG).delete(`${BASE}/${SESSION_ID}`).reply(503);
    nock(ORG)
      .delete(`${BASE}/${SESSION_ID}`)
      .reply(
        400,
        oktaError("E0000001", "Api validation failed: importSessionId", [
          "Only a session that is in CREATED or IN_PROGRESS status can be canceled.",
        ]),
      );
    nock(ORG)
      .get(`${BASE}/${SESSION_ID}`)
      .reply(200, { ...SESSION, status: "CLOSED" });
    const { client } = makeClient();
    assert.equal(await client.sessions.cancel(ISID, SESSION_ID), true);
  });

  it("startImport POSTs with no body and returns the TRIGGERED session", async () => {
    nock(ORG, apiHeaders())
      .post(`${BASE}/${SESSION_ID}/start-import`, (body) => body === "" || body === undefined)
      .reply(200, { ...SESSION, status: "TRIGGERED" });
    const { client } = makeClient();
    const session = await client.sessions.startImport(ISID, SESSION_ID);
    assert.equal(session.status, "TRIGGERED");
  });
});
