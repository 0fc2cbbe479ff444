import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { isInvalidResponseError, isOktaApiError } from "../../src/client";
import { nameSetting } from "../../src/config";
import { createFakeClock } from "../helpers/fake-clock";
import {
  httpDate,
  ISID,
  makeClient,
  manualAttemptTimers,
  timeOutOnArrival,
  oktaError,
  ORG,
  rejection,
  SESSION,
  SESSION_ID,
  START,
  useNock,
} from "./support";

const SESSIONS = `/api/v1/identity-sources/${ISID}/sessions`;
const ONE = `${SESSIONS}/${SESSION_ID}`;

/** A 429 whose server clock is one hour ahead of ours and whose window resets 20 s after its Date. */
function rateLimited(requestId: string) {
  const serverNow = START + 3_600_000;
  return {
    "X-Okta-Request-Id": requestId,
    Date: httpDate(serverNow),
    "X-Rate-Limit-Limit": "15",
    "X-Rate-Limit-Remaining": "0",
    "X-Rate-Limit-Reset": String(Math.floor(serverNow / 1000) + 20),
  };
}

describe("send (retry loop, timeouts, error mapping)", () => {
  useNock();

  it("waits Reset − Date + 1 s after a 429, then retries with X-Okta-Retry-For and X-Okta-Retry-Count", async () => {
    const seen: unknown[] = [];
    nock(ORG)
      .get(ONE)
      .reply(429, oktaError("E0000047", "API call exceeded rate limit"), rateLimited("req-a"));
    nock(ORG)
      .get(ONE)
      .reply(function () {
        seen.push(this.req.headers["x-okta-retry-for"], this.req.headers["x-okta-retry-count"]);
        return [200, SESSION];
      });
    const { client, clock, events } = makeClient({ maxApiCapacityPercent: 100 });
    await client.sessions.get(ISID, SESSION_ID);
    assert.deepEqual(clock.sleeps, [21_000]);
    assert.deepEqual(seen, ["req-a", "1"]);
    assert.deepEqual(
      events.map((e) => e.type),
      ["request", "response", "retry", "request", "response"],
    );
  });

  it("gives up after maxRetries 429s with the rate-limit hint and attempt count", async () => {
    nock(ORG)
      .get(ONE)
      .times(3)
      .reply(429, oktaError("E0000047", "API call exceeded rate limit"), rateLimited("r"));
    const { client } = makeClient({ maxRetries: 2, maxApiCapacityPercent: 100 });
    const error = await rejection(client.sessions.get(ISID, SESSION_ID));
    assert.ok(isOktaApiError(error));
    assert.equal(error.status, 429);
    assert.equal(error.attempts, 3);
    assert.match(error.message, /rate limit still exhausted after 3 attempt/);
    assert.deepEqual(error.rateLimit, {
      limit: 15,
      remaining: 0,
      reset: Math.floor(START / 1000) + 3600 + 20,
    });
  });

  it("stops at once when the reset is further away than maxRateLimitWaitMs", async () => {
    nock(ORG).get(ONE).reply(429, oktaError("E0000047", "API call exceeded rate limit"), rateLimited("r"));
    const { client, clock } = makeClient({ maxRateLimitWaitMs: 5_000, nameSetting });
    const error = await rejection(client.sessions.get(ISID, SESSION_ID));
    assert.ok(isOktaApiError(error));
    assert.match(error.message, /more than okta:maxRateLimitWaitSeconds \/ OKTA_MAX_RATE_LIMIT_WAIT \(5 s\)/);
    assert.doesNotMatch(error.message, /maxRateLimitWaitMs/);
    assert.deepEqual(clock.sleeps, []);
  });

  it("backs off exponentially with jitter on 5xx for idempotent requests", async () => {
    const counts: unknown[] = [];
    nock(ORG).get(ONE).reply(500, oktaError("E0000009", "Internal Server Error"));
    nock(ORG)
      .get(ONE)
      .reply(function () {
        counts.push(this.req.headers["x-okta-retry-count"]);
        return [503, ""];
      });
    nock(ORG)
      .get(ONE)
      .reply(function () {
        counts.push(this.req.headers["x-okta-retry-count"]);
        return [200, SESSION];
      });
    const { client, clock } = makeClient(); // random() = 0.5
    await client.sessions.get(ISID, SESSION_ID);
    assert.deepEqual(clock.sleeps, [250, 500]);
    assert.deepEqual(counts, ["1", "2"]);
  });

  it("maps an HTML 502 page to OktaApiError without copying the page", async () => {
    nock(ORG)
      .get(ONE)
      .reply(502, "<html><body>upstream secret-ish page</body></html>", { "Content-Type": "text/html" });
    const { client } = makeClient({ maxRetries: 0 });
    const error = await rejection(client.sessions.get(ISID, SESSION_ID));
    assert.ok(isOktaApiError(error));
    assert.equal(error.status, 502);
    assert.equal(error.errorCode, undefined);
    assert.equal(error.errorSummary, "non-JSON response body (text/html)");
    assert.doesNotMatch(error.message, /upstream/);
  });

  it("reports malformed JSON in a 2xx as InvalidResponseError without the body", async () => {
    nock(ORG).get(ONE).reply(200, '{"id":"aps-PRIVATE","status":', { "X-Okta-Request-Id": "req-j" });
    const { client } = makeClient();
    const error = await rejection(client.sessions.get(ISID, SESSION_ID));
    assert.ok(isInvalidResponseError(error));
    assert.deepEqual(error.issues, [{ path: "", code: "invalid_json" }]);
    assert.equal(error.requestId, "req-j");
    assert.doesNotMatch(error.message + JSON.stringify(error), /PRIVATE/);
  });

  it("maps 401 E0000011 to an error that points at the API token settings, without retrying", async () => {
    nock(ORG).get(SESSIONS).reply(401, oktaError("E0000011", "Invalid token provided"));
    const { client } = makeClient({ nameSetting });
    const error = await rejection(client.sessions.list(ISID));
    assert.ok(isOktaApiError(error));
    assert.equal(error.attempts, 1);
    assert.match(error.message, /okta:apiToken/);
    assert.match(error.message, /OKTA_API_TOKEN/);
  });

  it("points a 401 E0000011 at the settings of the auth method in use", async () => {
    nock(ORG).get(SESSIONS).reply(401, oktaError("E0000011", "Invalid token provided"));
    const bearer = await rejection(
      makeClient({
        auth: { kind: "accessToken", token: "at-expired-0123456" },
        nameSetting,
      }).client.sessions.list(ISID),
    );
    assert.ok(isOktaApiError(bearer));
    assert.match(bearer.message, /okta:accessToken/);
    assert.match(bearer.message, /OKTA_ACCESS_TOKEN/);
    assert.doesNotMatch(bearer.message, /apiToken|OKTA_API_TOKEN/);

    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    nock(ORG)
      .post("/oauth2/v1/token")
      .twice()
      .reply(200, { token_type: "Bearer", expires_in: 3600, access_token: "at-refused-0123456" });
    nock(ORG).get(SESSIONS).twice().reply(401, oktaError("E0000011", "Invalid token provided"));
    const service = await rejection(
      makeClient({
        auth: {
          kind: "privateKey",
          clientId: "0oaSVC",
          privateKeyPem: pem,
          scopes: ["okta.identitySources.read"],
        },
        nameSetting,
      }).client.sessions.list(ISID),
    );
    assert.ok(isOktaApiError(service));
    assert.match(service.message, /okta:clientId/);
    assert.doesNotMatch(service.message, /apiToken|OKTA_API_TOKEN|okta:accessToken/);
  });

  it("hints at the feature flag or identity source id on 401 E0000015 and on a 404 for the source", async () => {
    nock(ORG)
      .get(SESSIONS)
      .reply(401, oktaError("E0000015", "You do not have permission to access the feature"));
    nock(ORG)
      .post(SESSIONS)
      .reply(404, oktaError("E0000007", "Not found: Resource not found: 0oa (AppInstance)"));
    const { client } = makeClient();
    for (const call of [client.sessions.list(ISID), client.sessions.create(ISID)]) {
      const error = await rejection(call);
      assert.ok(isOktaApiError(error));
      assert.match(error.message, /Identity Source Apps feature/);
    }
  });

  it("times out one attempt and retries an idempotent GET", async () => {
    const timers = manualAttemptTimers();
    // The first attempt times out once the server has it; nothing times out the retry, whatever the load.
    timeOutOnArrival(nock(ORG).get(ONE), timers);
    nock(ORG).get(ONE).reply(200, SESSION);
    const { client, events } = makeClient({ perAttemptTimeoutMs: 20, attemptTimer: timers.attemptTimer });
    await client.sessions.get(ISID, SESSION_ID);
    const retry = events.find((e) => e.type === "retry");
    assert.match(retry?.type === "retry" ? retry.reason : "", /timeout/);
    assert.deepEqual(timers.armed, [20, 20]);
  });

  it("does not re-send create-session after a timeout (ambiguous: it may have been created)", async () => {
    const timers = manualAttemptTimers();
    timeOutOnArrival(nock(ORG).post(SESSIONS), timers);
    const { client } = makeClient({ perAttemptTimeoutMs: 20, attemptTimer: timers.attemptTimer });
    const error = await rejection(client.sessions.create(ISID));
    assert.ok(isOktaApiError(error));
    assert.equal(error.status, 0);
    assert.equal(error.kind, "timeout");
    assert.equal(error.attempts, 1);
    assert.match(error.message, /not idempotent/);
  });

  it("re-sends create-session when the connection was refused before anything was sent", async () => {
    nock(ORG)
      .post(SESSIONS)
      .replyWithError(
        Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED" }),
      );
    nock(ORG).post(SESSIONS).reply(201, SESSION);
    const { client } = makeClient();
    assert.equal((await client.sessions.create(ISID)).id, SESSION_ID);
  });

  it("does not re-send start-import after a 500", async () => {
    nock(ORG).post(`${ONE}/start-import`).reply(500, oktaError("E0000009", "Internal Server Error"));
    const { client } = makeClient();
    const error = await rejection(client.sessions.startImport(ISID, SESSION_ID));
    assert.ok(isOktaApiError(error));
    assert.equal(error.attempts, 1);
  });

  it("never waits past the caller's deadline", async () => {
    nock(ORG).get(ONE).reply(429, oktaError("E0000047", "API call exceeded rate limit"), rateLimited("r"));
    const { client, clock } = makeClient();
    const error = await rejection(client.sessions.get(ISID, SESSION_ID, { deadline: START + 10_000 }));
    assert.ok(isOktaApiError(error));
    assert.equal(error.status, 429);
    assert.match(error.message, /would pass the operation deadline/);
    assert.deepEqual(clock.sleeps, []);
  });

  it("clips the attempt timeout to the operation deadline and reports the deadline", async () => {
    const timers = manualAttemptTimers();
    timeOutOnArrival(nock(ORG).get(ONE), timers);
    const { client } = makeClient({ operationTimeoutMs: 25, attemptTimer: timers.attemptTimer, nameSetting });
    const error = await rejection(client.sessions.get(ISID, SESSION_ID));
    assert.deepEqual(timers.armed, [25], "the 30 s attempt timeout clipped to the 25 ms left");
    assert.ok(isOktaApiError(error));
    assert.equal(error.kind, "deadline");
    assert.match(error.message, /okta:operationTimeoutSeconds \/ OKTA_OPERATION_TIMEOUT/);
    assert.doesNotMatch(error.message, /operationTimeoutMs/);
  });

  it("stops a rate-limit wait when the caller aborts", async () => {
    nock(ORG).get(ONE).reply(429, oktaError("E0000047", "API call exceeded rate limit"), rateLimited("r"));
    const clock = createFakeClock(START); // manual: the wait stays pending
    const { client } = makeClient({}, clock);
    const controller = new AbortController();
    const pending = rejection(client.sessions.get(ISID, SESSION_ID, { signal: controller.signal }));
    while (clock.pending() === 0) await new Promise((r) => setImmediate(r));
    controller.abort();
    const error = await pending;
    assert.ok(isOktaApiError(error));
    assert.equal(error.kind, "aborted");
    assert.equal(error.status, 0);
  });

  it("rejects at once when the signal is already aborted", async () => {
    const { client, events } = makeClient();
    const error = await rejection(client.sessions.list(ISID, { signal: AbortSignal.abort() }));
    assert.ok(isOktaApiError(error));
    assert.equal(error.kind, "aborted");
    assert.deepEqual(events, []);
  });
});
