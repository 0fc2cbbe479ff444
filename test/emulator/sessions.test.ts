import assert from "node:assert/strict";
import cancelFixture from "../fixtures/okta/cancel-triggered-session.json";
import createdFixture from "../fixtures/okta/session-created.json";
import { startEmulator } from "../../src/emulator";
import { aUser, assertOktaError, causesOf, useEmulator, type Json } from "./support";

const COOLDOWN_CAUSE =
  "Only one active import session per identity source is allowed to be created every 5 minutes";
const COOLDOWN_MS = 300_000;
const upsert = (i: number) => ({ entityType: "USERS", profiles: [aUser(i)] });

describe("emulator sessions", () => {
  const h = useEmulator();

  it("creates a session with 201 and the observed body shape and key order", async () => {
    const reply = await h.api("POST", "/sessions");
    assert.equal(reply.status, createdFixture.status);
    assert.deepEqual(Object.keys(reply.body), Object.keys(createdFixture.body));
    assert.match(reply.body.id, /^aps[A-Za-z0-9]{17}$/);
    assert.equal(reply.body.identitySourceId, h.isId);
    assert.equal(reply.body.status, "CREATED");
    assert.equal(reply.body.importType, "INCREMENTAL");
    assert.equal(reply.body.created, "2026-05-13T05:52:24.000Z");
    assert.equal(reply.headers.get("content-type"), "application/json");
  });

  it("moves CREATED → IN_PROGRESS on the first upload, TRIGGERED on start-import, COMPLETED after the delay", async () => {
    const { body: session } = await h.api("POST", "/sessions");
    const path = `/sessions/${session.id}`;
    assert.equal((await h.api("POST", `${path}/bulk-upsert`, upsert(1))).status, 202);
    assert.equal((await h.api("GET", path)).body.status, "IN_PROGRESS");
    h.clock.advance(5_000);
    const started = await h.api("POST", `${path}/start-import`);
    assert.equal(started.status, 200);
    assert.equal(started.body.status, "TRIGGERED");
    assert.equal(started.body.lastUpdated, "2026-05-13T05:52:29.000Z");
    h.clock.advance(49);
    assert.equal((await h.api("GET", path)).body.status, "TRIGGERED");
    h.clock.advance(1);
    assert.equal((await h.api("GET", path)).body.status, "COMPLETED");
  });

  it("refuses a second session while one is CREATED, whatever the time", async () => {
    await h.api("POST", "/sessions");
    h.clock.advance(60 * 60 * 1000);
    const body = assertOktaError(await h.api("POST", "/sessions"), 400, "E0000001");
    assert.equal(body.errorSummary, "Api validation failed: identitySourceId");
    assert.deepEqual(causesOf(body), [COOLDOWN_CAUSE]);
  });

  it("refuses a new session until five minutes after the last trigger, though the import COMPLETED", async () => {
    const { body: session } = await h.api("POST", "/sessions");
    await h.api("POST", `/sessions/${session.id}/bulk-upsert`, upsert(1));
    h.clock.advance(120_000);
    await h.api("POST", `/sessions/${session.id}/start-import`);
    h.clock.advance(60_000);
    assert.equal((await h.api("GET", `/sessions/${session.id}`)).body.status, "COMPLETED");
    h.clock.advance(239_999);
    const refused = assertOktaError(await h.api("POST", "/sessions"), 400, "E0000001");
    assert.equal(refused.errorSummary, "Api validation failed: identitySourceId");
    assert.deepEqual(causesOf(refused), [COOLDOWN_CAUSE]);
    h.clock.advance(1);
    assert.equal((await h.api("POST", "/sessions")).status, 201);
  });

  it("refuses a new session until five minutes after the creation of one that was cancelled", async () => {
    const { body: session } = await h.api("POST", "/sessions");
    h.clock.advance(60_000);
    assert.equal((await h.api("DELETE", `/sessions/${session.id}`)).status, 204);
    h.clock.advance(239_999);
    const refused = assertOktaError(await h.api("POST", "/sessions"), 400, "E0000001");
    assert.deepEqual(causesOf(refused), [COOLDOWN_CAUSE]);
    h.clock.advance(1);
    assert.equal((await h.api("POST", "/sessions")).status, 201);
  });

  it("refuses a new session within five minutes of a trigger whose import ended in ERROR", async () => {
    h.emulator.failNextImport();
    const { body: session } = await h.api("POST", "/sessions");
    await h.api("POST", `/sessions/${session.id}/bulk-upsert`, upsert(1));
    await h.api("POST", `/sessions/${session.id}/start-import`);
    h.clock.advance(299_999);
    assert.equal((await h.api("GET", `/sessions/${session.id}`)).body.status, "ERROR");
    assertOktaError(await h.api("POST", "/sessions"), 400, "E0000001");
    h.clock.advance(1);
    assert.equal((await h.api("POST", "/sessions")).status, 201);
  });

  it("cancels CREATED and IN_PROGRESS sessions with 204 and CLOSED, which ends the one-active-session block", async () => {
    const { body: a } = await h.api("POST", "/sessions");
    assert.equal((await h.api("DELETE", `/sessions/${a.id}`)).status, 204);
    assert.equal((await h.api("GET", `/sessions/${a.id}`)).body.status, "CLOSED");
    h.clock.advance(COOLDOWN_MS);
    const { body: b } = await h.api("POST", "/sessions");
    await h.api("POST", `/sessions/${b.id}/bulk-upsert`, upsert(1));
    const cancelled = await h.api("DELETE", `/sessions/${b.id}`);
    assert.equal(cancelled.status, 204);
    assert.equal(cancelled.text, "");
    assert.equal(cancelled.headers.get("content-type"), null);
    h.clock.advance(COOLDOWN_MS);
    assert.equal((await h.api("POST", "/sessions")).status, 201);
    assert.deepEqual(h.emulator.users(), [], "cancelled data is discarded");
  });

  it("refuses to cancel a TRIGGERED session with the observed 400 body", async () => {
    const { body: session } = await h.api("POST", "/sessions");
    await h.api("POST", `/sessions/${session.id}/bulk-upsert`, upsert(1));
    await h.api("POST", `/sessions/${session.id}/start-import`);
    const reply = await h.api("DELETE", `/sessions/${session.id}`);
    const body = assertOktaError(reply, cancelFixture.status, cancelFixture.body.errorCode);
    const { errorId: _a, ...expected } = cancelFixture.body;
    const { errorId: _b, ...actual } = body;
    assert.deepEqual(actual, expected);
  });

  it("starts an import only from IN_PROGRESS", async () => {
    const { body: session } = await h.api("POST", "/sessions");
    const early = assertOktaError(
      await h.api("POST", `/sessions/${session.id}/start-import`),
      400,
      "E0000001",
    );
    assert.equal(early.errorSummary, "Api validation failed: importSessionId");
    await h.api("POST", `/sessions/${session.id}/bulk-upsert`, upsert(1));
    assert.equal((await h.api("POST", `/sessions/${session.id}/start-import`)).status, 200);
    assertOktaError(await h.api("POST", `/sessions/${session.id}/start-import`), 400, "E0000001");
  });

  it("expires a session idle for 24 hours, and a request inside the window keeps it alive", async () => {
    const { body: session } = await h.api("POST", "/sessions");
    h.clock.advance(23 * 60 * 60 * 1000);
    assert.equal((await h.api("GET", `/sessions/${session.id}`)).body.status, "CREATED");
    h.clock.advance(24 * 60 * 60 * 1000 - 1);
    assert.equal((await h.api("GET", `/sessions/${session.id}`)).body.status, "CREATED");
    h.clock.advance(24 * 60 * 60 * 1000);
    const expired = await h.api("GET", `/sessions/${session.id}`);
    assert.equal(expired.body.status, "EXPIRED");
    assertOktaError(await h.api("POST", `/sessions/${session.id}/bulk-upsert`, upsert(1)), 400, "E0000001");
    assert.equal((await h.api("POST", "/sessions")).status, 201, "an expired session blocks nothing");
  });

  it("lists every session of the source, finished ones included, oldest first", async () => {
    const { body: a } = await h.api("POST", "/sessions");
    await h.api("DELETE", `/sessions/${a.id}`);
    h.clock.advance(COOLDOWN_MS);
    const { body: b } = await h.api("POST", "/sessions");
    const list = await h.api("GET", "/sessions");
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.map((s: Json) => [s.id, s.status]),
      [
        [a.id, "CLOSED"],
        [b.id, "CREATED"],
      ],
    );
  });

  it("answers 404 E0000007 for an unknown session and an unknown identity source", async () => {
    assertOktaError(await h.api("GET", "/sessions/apsUNKNOWN0000000000"), 404, "E0000007");
    assertOktaError(await h.api("DELETE", "/sessions/apsUNKNOWN0000000000"), 404, "E0000007");
    const unknownSource = await h.call("POST", "/api/v1/identity-sources/0oaUNKNOWN0000000000/sessions");
    assertOktaError(unknownSource, 404, "E0000007");
    assert.deepEqual(h.emulator.sessions(), []);
  });
});

describe("emulator sessions with options", () => {
  describe("a slow import (importDelayMs: 10 minutes)", () => {
    const h = useEmulator({ importDelayMs: 600_000 });

    it("refuses a new session until five minutes after the trigger of a TRIGGERED session", async () => {
      const { body: session } = await h.api("POST", "/sessions");
      h.clock.advance(120_000);
      await h.api("POST", `/sessions/${session.id}/bulk-upsert`, upsert(1));
      await h.api("POST", `/sessions/${session.id}/start-import`);
      h.clock.advance(299_999);
      const refused = assertOktaError(await h.api("POST", "/sessions"), 400, "E0000001");
      assert.deepEqual(causesOf(refused), [COOLDOWN_CAUSE]);
      h.clock.advance(1);
      assert.equal((await h.api("GET", `/sessions/${session.id}`)).body.status, "TRIGGERED");
      assert.equal((await h.api("POST", "/sessions")).status, 201);
    });
  });

  describe('sessionCooldownRule: "lenient"', () => {
    const h = useEmulator({ sessionCooldownRule: "lenient" });

    it("lets a new session in once the previous import COMPLETED, or right after a cancel", async () => {
      const { body: session } = await h.api("POST", "/sessions");
      await h.api("POST", `/sessions/${session.id}/bulk-upsert`, upsert(1));
      await h.api("POST", `/sessions/${session.id}/start-import`);
      const refused = assertOktaError(await h.api("POST", "/sessions"), 400, "E0000001");
      assert.deepEqual(causesOf(refused), [COOLDOWN_CAUSE], "the same refusal as under the strict rule");
      h.clock.advance(60_000);
      assert.equal((await h.api("GET", `/sessions/${session.id}`)).body.status, "COMPLETED");
      const { body: next, status } = await h.api("POST", "/sessions");
      assert.equal(status, 201);
      assert.equal((await h.api("DELETE", `/sessions/${next.id}`)).status, 204);
      assert.equal((await h.api("POST", "/sessions")).status, 201);
    });
  });

  it("refuses an unknown sessionCooldownRule when starting", async () => {
    await assert.rejects(
      startEmulator({ sessionCooldownRule: "loose" as "lenient" }),
      /sessionCooldownRule must be one of strict, lenient/,
    );
  });

  describe("sessionCooldownSeconds: 0", () => {
    const h = useEmulator({ sessionCooldownSeconds: 0, importDelayMs: 1_000 });

    it("allows a new session while an import is TRIGGERED, but never two loadable sessions", async () => {
      const { body: session } = await h.api("POST", "/sessions");
      await h.api("POST", `/sessions/${session.id}/bulk-upsert`, upsert(1));
      await h.api("POST", `/sessions/${session.id}/start-import`);
      assert.equal((await h.api("POST", "/sessions")).status, 201);
      assertOktaError(await h.api("POST", "/sessions"), 400, "E0000001");
    });
  });

  describe("unknownSessionStatus: 400", () => {
    const h = useEmulator({ unknownSessionStatus: 400 });

    it("answers an unknown session id with 400 E0000001, as older orgs do", async () => {
      const body = assertOktaError(await h.api("GET", "/sessions/apsUNKNOWN0000000000"), 400, "E0000001");
      assert.equal(body.errorSummary, "Api validation failed: importSessionId");
    });
  });
});
