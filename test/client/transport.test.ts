import assert from "node:assert/strict";
import nock from "nock";
import { createTransport, TransportError } from "../../src/client/transport";
import { manualAttemptTimers, ORG, rejection, timeOutOnArrival, useNock } from "./support";

const transport = createTransport({ userAgent: "pulumi-okta-identity-source/9.9.9 test" });
const req = (over: Partial<Parameters<typeof transport>[0]> = {}) => ({
  method: "GET",
  url: `${ORG}/x`,
  headers: {},
  timeoutMs: 5_000,
  ...over,
});

async function transportError(promise: Promise<unknown>): Promise<TransportError> {
  const error = await rejection(promise);
  assert.ok(error instanceof TransportError);
  return error;
}

describe("transport", () => {
  useNock();

  it("sends Accept and User-Agent, and no Content-Type without a body", async () => {
    nock(ORG, {
      reqheaders: { accept: "application/json", "user-agent": "pulumi-okta-identity-source/9.9.9 test" },
      badheaders: ["content-type"],
    })
      .post("/x")
      .reply(200, "{}");
    await transport(req({ method: "POST" }));
  });

  it("sends JSON Content-Type with a body, or the given type", async () => {
    nock(ORG, { reqheaders: { "content-type": "application/json" } })
      .post("/x", { a: 1 })
      .reply(202);
    nock(ORG, { reqheaders: { "content-type": "application/x-www-form-urlencoded" } })
      .post("/y", "a=1")
      .reply(200);
    await transport(req({ method: "POST", body: '{"a":1}' }));
    await transport(
      req({ method: "POST", url: `${ORG}/y`, body: "a=1", contentType: "application/x-www-form-urlencoded" }),
    );
  });

  it("resolves every status with the raw body and lower-case headers", async () => {
    nock(ORG).get("/x").reply(500, "not json", { "X-Okta-Request-Id": "abc", "X-Rate-Limit-Remaining": "3" });
    const res = await transport(req());
    assert.equal(res.status, 500);
    assert.equal(res.body, "not json");
    assert.equal(res.headers["x-okta-request-id"], "abc");
    assert.equal(res.headers["x-rate-limit-remaining"], "3");
  });

  it("does not follow redirects", async () => {
    nock(ORG).get("/x").reply(302, "", { Location: "https://elsewhere.example.com/steal" });
    assert.equal((await transport(req())).status, 302);
  });

  it("classifies a refused connection as not sent", async () => {
    nock(ORG)
      .get("/x")
      .replyWithError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
    const e = await transportError(transport(req()));
    assert.deepEqual([e.kind, e.requestSent, e.code], ["network", false, "ECONNREFUSED"]);
  });

  it("classifies an unknown host as fatal", async () => {
    nock(ORG)
      .get("/x")
      .replyWithError(Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }));
    const e = await transportError(transport(req()));
    assert.deepEqual([e.kind, e.requestSent], ["fatal", false]);
  });

  it("classifies a reset as possibly sent", async () => {
    nock(ORG)
      .get("/x")
      .replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
    const e = await transportError(transport(req()));
    assert.deepEqual([e.kind, e.requestSent], ["network", true]);
  });

  it("times out an attempt after its timeoutMs", async () => {
    const timers = manualAttemptTimers();
    const timed = createTransport({ userAgent: "test", attemptTimer: timers.attemptTimer });
    timeOutOnArrival(nock(ORG).get("/x"), timers);
    const e = await transportError(timed(req({ timeoutMs: 15 })));
    assert.equal(e.kind, "timeout");
    assert.deepEqual(timers.armed, [15]);
  });

  it("reports the caller's abort as aborted", async () => {
    const controller = new AbortController();
    nock(ORG)
      .get("/x")
      .delay(300)
      .reply(200)
      .on("request", () => setImmediate(() => controller.abort()));
    const e = await transportError(transport(req({ signal: controller.signal })));
    assert.equal(e.kind, "aborted");
  });
});
