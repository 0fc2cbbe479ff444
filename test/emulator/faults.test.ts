import assert from "node:assert/strict";
import { CANARY_TOKEN, useEmulator } from "./support";

/**
 * The fault kinds a flaky network or a proxy produces beyond a plain error status: raw bodies (truncated JSON,
 * an HTML page), missing rate-limit headers, and answers lost or garbled after the server applied the request.
 */
describe("emulator fault injection: raw bodies, missing headers, faults after the request was applied", () => {
  const h = useEmulator();

  /** The raw answer, whatever its body: `h.api` parses JSON and would throw on these. */
  async function raw(
    method: string,
    path: string,
  ): Promise<{ status: number; headers: Headers; text: string }> {
    const res = await fetch(`${h.emulator.url}/api/v1/identity-sources/${h.isId}${path}`, {
      method,
      headers: { Authorization: `SSWS ${CANARY_TOKEN}`, Accept: "application/json" },
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  it("sends a string body as it is, with the given content type", async () => {
    h.emulator.failNext({
      status: 502,
      body: "<html><body>Bad gateway</body></html>",
      contentType: "text/html",
    });
    const reply = await raw("GET", "/sessions");
    assert.equal(reply.status, 502);
    assert.equal(reply.text, "<html><body>Bad gateway</body></html>");
    assert.equal(reply.headers.get("content-type"), "text/html");
  });

  it("leaves out the headers it is told to, e.g. a 429 without X-Rate-Limit-Reset", async () => {
    h.emulator.failNext({ status: 429, withoutHeaders: ["X-Rate-Limit-Reset"] });
    const reply = await raw("GET", "/sessions");
    assert.equal(reply.status, 429);
    assert.equal(reply.headers.get("x-rate-limit-reset"), null);
    assert.ok(reply.headers.get("x-rate-limit-limit"), "the other rate-limit headers stay");
  });

  it("afterApply with a body: the session is created, its answer is truncated JSON with the real status", async () => {
    h.emulator.failNext({ afterApply: true, body: '{"id":"aps', match: { method: "POST" } });
    const reply = await raw("POST", "/sessions");
    assert.equal(reply.status, 201);
    assert.equal(reply.text, '{"id":"aps');
    assert.equal(h.emulator.sessions().length, 1, "the request was applied");
    assert.equal(h.emulator.sessions()[0]?.status, "CREATED");
  });

  it('afterApply "success" garbles only a 2xx answer and sends any other as it is', async () => {
    h.emulator.failNext({ afterApply: "success", body: "<html></html>", contentType: "text/html", times: 2 });
    const created = await raw("POST", "/sessions");
    assert.equal(created.text, "<html></html>");
    const refused = await raw("POST", "/sessions");
    assert.equal(refused.status, 400, "one CREATED session at a time");
    assert.equal(JSON.parse(refused.text).errorCode, "E0000001");
  });

  it("afterApply with dropConnection: the request is applied and its answer lost", async () => {
    h.emulator.failNext({ afterApply: true, dropConnection: true, match: { method: "POST" } });
    await assert.rejects(raw("POST", "/sessions"));
    assert.equal(h.emulator.requests.at(-1)?.status, 0);
    assert.equal(h.emulator.sessions().length, 1, "the request was applied");
  });

  it("afterApply with a status: an applied upload answered 503", async () => {
    const { body: session } = await h.api("POST", "/sessions");
    h.emulator.failNext({ afterApply: true, status: 503, match: { path: "bulk-upsert" } });
    const upload = await h.api("POST", `/sessions/${session.id}/bulk-upsert`, {
      entityType: "USERS",
      profiles: [{ externalId: "U1", profile: { userName: "u1@example.com" } }],
    });
    assert.equal(upload.status, 503);
    assert.equal(h.emulator.sessions()[0]?.uploadCount, 1, "the upload was staged");
  });
});
