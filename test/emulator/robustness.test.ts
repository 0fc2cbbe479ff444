/**
 * Edges the per-area files leave out: malformed paths, the emulator's own failures, every finished session
 * status, several identity sources side by side, and racing session creations.
 */
import assert from "node:assert/strict";
import { CANCEL_CAUSE, TRIGGER_CAUSE } from "../../src/emulator/sessions";
import {
  aUser,
  assertOktaError,
  CANARY_TOKEN,
  causesOf,
  runImport,
  useEmulator,
  type Harness,
  type Json,
} from "./support";

const upsert = { entityType: "USERS", profiles: [aUser(1)] };

function assertStandardHeaders(h: Harness, reply: { headers: Headers }): void {
  assert.equal(reply.headers.get("date"), new Date(h.clock.now()).toUTCString());
  assert.match(reply.headers.get("x-okta-request-id") ?? "", /^[0-9a-f]{32}$/);
  for (const name of ["x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"]) {
    assert.match(reply.headers.get(name) ?? "", /^\d+$/, name);
  }
}

describe("emulator robustness", () => {
  const h = useEmulator({ sessionCooldownSeconds: 0 });

  it("answers a path with malformed percent-encoding like an unknown resource, not with a 500", async () => {
    for (const path of [
      "/api/v1/identity-sources/%E0%A4%A/sessions",
      `/api/v1/identity-sources/${h.isId}/groups/%ZZ`,
      `/api/v1/identity-sources/${h.isId}/users/%`,
    ]) {
      const reply = await h.call("GET", path);
      assertOktaError(reply, 404, "E0000007");
      assertStandardHeaders(h, reply);
    }
    assert.deepEqual(
      h.emulator.requests.map((r) => r.status),
      [404, 404, 404],
    );
  });

  it("answers its own bug with Okta's 500 body, the standard headers and a request-log entry", async () => {
    const source = h.emulator.state.sources.get(h.isId);
    assert.ok(source);
    // Break the state out of band so the handler throws something that is not an HTTP error.
    (source as { sessions: unknown }).sessions = null;
    const printed: unknown[][] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => printed.push(args);
    let reply;
    try {
      reply = await h.api("GET", "/sessions");
    } finally {
      console.error = consoleError;
    }
    assert.equal(printed.length, 1);
    assert.match(String(printed[0]?.[0]), /^okta-identity-source-emulator: internal error: /);
    assert.ok(!JSON.stringify(printed).includes(CANARY_TOKEN));
    assertOktaError(reply, 500, "E0000009");
    assertStandardHeaders(h, reply);
    assert.equal(h.emulator.requests.at(-1)?.status, 500);
    assert.equal(h.emulator.requests.at(-1)?.requestId, reply.headers.get("x-okta-request-id"));
  });

  it("refuses a body over the 4 MiB it reads with 400 E0000001 and the standard headers", async () => {
    const { body: session } = await h.api("POST", "/sessions");
    const huge = JSON.stringify({ entityType: "USERS", profiles: [], pad: "x".repeat(4 * 1024 * 1024) });
    const reply = await h.api("POST", `/sessions/${session.id}/bulk-upsert`, huge);
    const body = assertOktaError(reply, 400, "E0000001");
    assert.match(causesOf(body)[0] ?? "", /larger than the 4194304 bytes/);
    assertStandardHeaders(h, reply);
    assert.equal(h.emulator.sessions()[0]?.uploadCount, 0);
  });

  it("sends no Content-Length on 204 answers (RFC 9110 §8.6) and Content-Length: 0 on other empty ones", async () => {
    const { body: session } = await h.api("POST", "/sessions");
    const cancelled = await h.api("DELETE", `/sessions/${session.id}`);
    assert.equal(cancelled.status, 204);
    assert.equal(cancelled.headers.get("content-length"), null);
    assert.equal(cancelled.headers.get("content-type"), null);
    await h.api("POST", "/groups", { externalId: "G", profile: { displayName: "G" } });
    const deleted = await h.api("DELETE", "/groups/G");
    assert.equal(deleted.status, 200);
    assert.equal(deleted.headers.get("content-length"), "0");
    assert.equal(deleted.headers.get("content-type"), null);
  });

  describe("finished sessions refuse uploads, start-import and cancel, and stay as they are", () => {
    const finish: Record<string, (h: Harness) => Promise<string>> = {
      COMPLETED: async (h) => {
        const id = await runImport(h, [["bulk-upsert", upsert]]);
        h.emulator.processImports();
        return id;
      },
      ERROR: async (h) => {
        h.emulator.failNextImport();
        const id = await runImport(h, [["bulk-upsert", upsert]]);
        h.emulator.processImports();
        return id;
      },
      CLOSED: async (h) => {
        const { body } = await h.api("POST", "/sessions");
        assert.equal((await h.api("DELETE", `/sessions/${body.id}`)).status, 204);
        return body.id as string;
      },
      EXPIRED: async (h) => {
        const { body } = await h.api("POST", "/sessions");
        await h.api("POST", `/sessions/${body.id}/bulk-upsert`, upsert);
        h.clock.advance(24 * 60 * 60 * 1000);
        return body.id as string;
      },
    };
    for (const [status, makeSession] of Object.entries(finish)) {
      it(`${status}`, async () => {
        const id = await makeSession(h);
        const before = (await h.api("GET", `/sessions/${id}`)).body;
        assert.equal(before.status, status);
        for (const kind of ["bulk-upsert", "bulk-delete"]) {
          const body = assertOktaError(
            await h.api("POST", `/sessions/${id}/${kind}`, upsert),
            400,
            "E0000001",
          );
          assert.match(causesOf(body)[0] ?? "", /CREATED or IN_PROGRESS/);
        }
        const trigger = assertOktaError(await h.api("POST", `/sessions/${id}/start-import`), 400, "E0000001");
        assert.deepEqual(causesOf(trigger), [TRIGGER_CAUSE]);
        const cancel = assertOktaError(await h.api("DELETE", `/sessions/${id}`), 400, "E0000001");
        assert.equal(cancel.errorSummary, "Api validation failed: importSessionId");
        assert.deepEqual(causesOf(cancel), [CANCEL_CAUSE]);
        assert.deepEqual((await h.api("GET", `/sessions/${id}`)).body, before);
      });
    }
  });

  it("lets exactly one of several simultaneous session creations through", async () => {
    const replies = await Promise.all(Array.from({ length: 6 }, () => h.api("POST", "/sessions")));
    assert.deepEqual(replies.map((r) => r.status).sort(), [201, 400, 400, 400, 400, 400]);
    assert.equal(h.emulator.sessions().length, 1);
  });
});

describe("emulator with several identity sources", () => {
  const A = "0oaSOURCEA0000000001";
  const B = "0oaSOURCEB0000000002";
  const h = useEmulator({ identitySourceIds: [A, B] });
  const on = (isId: string, method: string, path: string, body?: unknown) =>
    h.call(method, `/api/v1/identity-sources/${isId}${path}`, body);

  it("keeps sessions, users, groups and memberships apart, and applies the session rules per source", async () => {
    assert.deepEqual(h.emulator.identitySourceIds, [A, B]);
    assert.equal(h.emulator.identitySourceId, A);
    const a = await on(A, "POST", "/sessions");
    const b = await on(B, "POST", "/sessions");
    assert.equal(a.status, 201, "one active session per source, not per org");
    assert.equal(b.status, 201);
    assert.equal(b.body.identitySourceId, B);
    assertOktaError(await on(B, "GET", `/sessions/${a.body.id}`), 404, "E0000007");
    assertOktaError(await on(B, "POST", `/sessions/${a.body.id}/bulk-upsert`, upsert), 404, "E0000007");
    assert.deepEqual(
      (await on(A, "GET", "/sessions")).body.map((s: Json) => s.id),
      [a.body.id],
    );

    assert.equal((await on(A, "POST", "/users", aUser(1))).status, 200);
    assert.equal((await on(B, "POST", "/users", aUser(1))).status, 200, "the same external id in B is new");
    const group = await on(A, "POST", "/groups", { externalId: "G", profile: { displayName: "G" } });
    assertOktaError(await on(B, "GET", `/groups/${group.body.id}`), 404, "E0000007");
    assertOktaError(
      await on(B, "POST", `/groups/G/membership`, { memberExternalId: aUser(1).externalId }),
      404,
      "E0000007",
    );
    assert.equal(
      (await on(A, "POST", `/groups/G/membership`, { memberExternalId: aUser(1).externalId })).status,
      204,
    );
    assert.equal((await on(B, "DELETE", `/users/${aUser(1).externalId}`)).status, 200);
    assert.deepEqual(
      h.emulator.users(A).map((u) => u.externalId),
      [aUser(1).externalId],
    );
    assert.deepEqual(h.emulator.users(B), []);
    assert.deepEqual(h.emulator.memberships(A, "G"), [aUser(1).externalId]);
  });

  it("imports into the session's own source only", async () => {
    const { body: session } = await on(B, "POST", "/sessions");
    await on(B, "POST", `/sessions/${session.id}/bulk-upsert`, upsert);
    await on(B, "POST", `/sessions/${session.id}/start-import`);
    assert.deepEqual(h.emulator.processImports(), [session.id]);
    assert.deepEqual(h.emulator.users(A), []);
    assert.deepEqual(
      h.emulator.users(B).map((u) => u.externalId),
      [aUser(1).externalId],
    );
    assert.equal((await on(A, "GET", `/users/${aUser(1).externalId}`)).status, 404);
  });
});

describe("emulator rate-limit buckets", () => {
  const h = useEmulator({ rateLimit: { limit: 1, windowSeconds: 60 } });
  const remaining = (reply: { headers: Headers }) => reply.headers.get("x-rate-limit-remaining");

  it("keeps the token endpoint, sessions, users and groups (with memberships) in separate buckets", async () => {
    const form = "grant_type=client_credentials";
    assert.equal((await h.call("POST", "/oauth2/v1/token", form)).status, 400, "counted even when refused");
    const token = await h.call("POST", "/oauth2/v1/token", form);
    assertOktaError(token, 429, "E0000047");
    assert.equal(remaining(token), "0");
    assert.equal((await h.api("GET", "/sessions")).status, 200);
    assertOktaError(await h.api("POST", "/sessions"), 429, "E0000047");
    assert.equal((await h.api("GET", "/users/U1")).status, 404);
    assert.equal((await h.api("GET", "/groups/G")).status, 404);
    assertOktaError(await h.api("GET", "/groups/G/membership"), 429, "E0000047");
    assert.deepEqual(h.emulator.sessions(), [], "a limited request changes nothing");
  });

  it("does not count requests refused for their credentials", async () => {
    const refused = await h.api("GET", "/sessions", undefined, "SSWS wrong");
    assertOktaError(refused, 401, "E0000011");
    assert.equal(remaining(refused), "1");
    assert.equal((await h.api("GET", "/sessions")).status, 200);
  });
});
