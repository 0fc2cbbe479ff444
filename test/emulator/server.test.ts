import assert from "node:assert/strict";
import { createFakeClock } from "../helpers/fake-clock";
import { afterPendingCallbacks, aUser, assertOktaError, CANARY_TOKEN, useEmulator } from "./support";

describe("emulator server", () => {
  const h = useEmulator();

  it("sends Date, X-Okta-Request-Id and X-Rate-Limit-* on every response, errors included", async () => {
    const replies = [
      await h.api("POST", "/sessions"),
      await h.api("GET", "/sessions"),
      await h.api("GET", "/sessions/apsUNKNOWN0000000000"),
      await h.api("GET", "/sessions", undefined, null),
      await h.call("GET", "/nowhere"),
      await h.call("POST", "/oauth2/v1/token", "grant_type=password"),
    ];
    const ids = new Set<string>();
    for (const reply of replies) {
      assert.equal(reply.headers.get("date"), new Date(h.clock.now()).toUTCString());
      const id = reply.headers.get("x-okta-request-id") ?? "";
      assert.match(id, /^[0-9a-f]{32}$/);
      ids.add(id);
      assert.match(reply.headers.get("x-rate-limit-limit") ?? "", /^\d+$/);
      assert.match(reply.headers.get("x-rate-limit-remaining") ?? "", /^\d+$/);
      assert.match(reply.headers.get("x-rate-limit-reset") ?? "", /^\d{10}$/);
    }
    assert.equal(ids.size, replies.length);
  });

  it("counts down X-Rate-Limit-Remaining per bucket; Reset is epoch seconds at the window end", async () => {
    const a = await h.api("GET", "/sessions");
    const b = await h.api("GET", "/sessions");
    const other = await h.api("GET", "/groups/G");
    assert.equal(
      Number(a.headers.get("x-rate-limit-remaining")) - 1,
      Number(b.headers.get("x-rate-limit-remaining")),
    );
    assert.equal(other.headers.get("x-rate-limit-remaining"), a.headers.get("x-rate-limit-remaining"));
    assert.equal(Number(a.headers.get("x-rate-limit-reset")), Math.ceil((h.clock.now() + 60_000) / 1000));
  });

  it("answers 401 E0000011 to a missing, wrong or unknown-scheme token", async () => {
    for (const auth of [
      null,
      "SSWS wrong-token",
      `Basic ${CANARY_TOKEN}`,
      `Bearer ${CANARY_TOKEN}`,
      "SSWS",
    ]) {
      const body = assertOktaError(await h.api("GET", "/sessions", undefined, auth), 401, "E0000011");
      assert.equal(body.errorSummary, "Invalid token provided");
    }
  });

  it("answers 404 E0000007 to an unknown path and 405 E0000022 to a wrong method", async () => {
    assertOktaError(await h.call("GET", "/api/v1/users"), 404, "E0000007");
    assertOktaError(await h.api("PUT", "/sessions"), 405, "E0000022");
  });

  it("logs requests without credentials", async () => {
    await h.api("POST", "/sessions");
    await h.api("GET", "/groups/G/membership?limit=5");
    const [first, second] = h.emulator.requests;
    assert.equal(first?.method, "POST");
    assert.equal(first?.status, 201);
    assert.equal(first?.path, `/api/v1/identity-sources/${h.isId}/sessions`);
    assert.equal(second?.query, "limit=5");
    assert.equal(second?.status, 404);
    assert.equal(first?.headers["authorization"], undefined);
    assert.equal(first?.headers["accept"], "application/json");
  });

  it("never echoes the token in responses, the request log or error bodies", async () => {
    await h.api("POST", "/sessions");
    await h.api("GET", "/sessions", undefined, `SSWS ${CANARY_TOKEN}x`);
    await h.api("GET", "/sessions", undefined, `Bearer ${CANARY_TOKEN}`);
    await h.api("POST", "/users", { externalId: "X", profile: {} });
    await h.call("POST", "/oauth2/v1/token", `client_assertion=${CANARY_TOKEN}`);
    const everything = [...h.seen, JSON.stringify(h.emulator.requests)].join("\n");
    assert.ok(!everything.includes(CANARY_TOKEN));
    assert.ok(h.seen.length >= 5);
  });
});

describe("emulator rate limiting", () => {
  const h = useEmulator({ rateLimit: { limit: 3, windowSeconds: 60 } });

  it("answers 429 E0000047 after `limit` requests in a bucket, until the window resets", async () => {
    for (let i = 0; i < 3; i++) assert.equal((await h.api("GET", "/sessions")).status, 200);
    const limited = await h.api("GET", "/sessions");
    const body = assertOktaError(limited, 429, "E0000047");
    assert.equal(body.errorSummary, "API call exceeded rate limit due to too many requests.");
    assert.equal(limited.headers.get("x-rate-limit-limit"), "3");
    assert.equal(limited.headers.get("x-rate-limit-remaining"), "0");
    const reset = Number(limited.headers.get("x-rate-limit-reset"));
    const date = Date.parse(limited.headers.get("date") ?? "") / 1000;
    assert.equal(reset - date, 60);
    assert.equal((await h.api("GET", "/users/U1")).status, 404, "another bucket is unaffected");
    h.clock.advance(60_000);
    const after = await h.api("GET", "/sessions");
    assert.equal(after.status, 200);
    assert.equal(after.headers.get("x-rate-limit-remaining"), "2");
  });
});

describe("emulator fault injection", () => {
  const h = useEmulator();

  it("fails the next request with the given status and Okta's body for it", async () => {
    h.emulator.failNext({ status: 503 });
    const failed = await h.api("GET", "/sessions");
    assert.equal(failed.status, 503);
    assert.match(failed.body.errorId, /^oae/);
    assert.equal((await h.api("GET", "/sessions")).status, 200);
  });

  it("defaults to 500, honours `times` and `match`, and leaves other requests alone", async () => {
    h.emulator.failNext({ times: 2, match: { method: "post", path: /bulk-upsert$/ } });
    const { body: session } = await h.api("POST", "/sessions");
    const upload = { entityType: "USERS", profiles: [aUser(1)] };
    const path = `/sessions/${session.id}/bulk-upsert`;
    assertOktaError(await h.api("POST", path, upload), 500, "E0000009");
    assert.equal((await h.api("POST", path, upload)).status, 500);
    assert.equal((await h.api("POST", path, upload)).status, 202);
    assert.equal(h.emulator.sessions()[0]?.uploadCount, 1, "faulted requests change nothing");
  });

  it("sends a custom body and headers (e.g. a rate-limit reset already in the past)", async () => {
    h.emulator.failNext({
      status: 429,
      body: { errorCode: "E0000047" },
      headers: { "X-Rate-Limit-Reset": "1" },
    });
    const reply = await h.api("GET", "/sessions");
    assert.equal(reply.status, 429);
    assert.deepEqual(reply.body, { errorCode: "E0000047" });
    assert.equal(reply.headers.get("x-rate-limit-reset"), "1");
  });

  it("drops the connection without an answer", async () => {
    h.emulator.failNext({ dropConnection: true });
    await assert.rejects(h.api("GET", "/sessions"));
    assert.equal(h.emulator.requests.at(-1)?.status, 0);
    assert.equal((await h.api("GET", "/sessions")).status, 200);
  });
});

describe("emulator fault injection: delays, on the emulator's sleep", () => {
  const fake = createFakeClock();
  let asleep: (ms: number) => void = () => undefined;
  const h = useEmulator({
    sleep: (ms, signal) => {
      asleep(ms);
      return fake.sleep(ms, signal);
    },
  });

  it("holds a request for delayMs before anything else, then processes it normally", async () => {
    h.emulator.failNext({ delayMs: 30_000 });
    const slept = new Promise<number>((resolve) => (asleep = resolve));
    const reply = h.api("POST", "/sessions");
    assert.equal(await slept, 30_000);
    fake.advance(29_999);
    await afterPendingCallbacks();
    assert.deepEqual(h.emulator.sessions(), [], "not processed while delayed");
    assert.deepEqual(h.emulator.requests, [], "nor answered");
    fake.advance(1);
    assert.equal((await reply).status, 201);
    assert.equal(h.emulator.sessions().length, 1);
  });
});
