/**
 * Shared set-up for emulator tests: start an emulator with a manual clock and a canary token, and call it
 * with plain `fetch` (loopback only).
 */
import assert from "node:assert/strict";
import {
  createManualClock,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type ManualClock,
} from "../../src/emulator";

/** A distinctive fake token: it must never show up in a response, a log entry or the state file. */
export const CANARY_TOKEN = "CANARY-emulator-token-8f3a6c21d4";
export const START = Date.UTC(2026, 4, 13, 5, 52, 24);

/** Parsed JSON bodies are asserted field by field; typing each one would only restate the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: Json;
  text: string;
}

export interface Harness {
  emulator: Emulator;
  clock: ManualClock;
  isId: string;
  /** `method` `path` (relative to the emulator URL) with `SSWS <canary>` unless `auth` is given. */
  call(method: string, path: string, body?: unknown, auth?: string | null): Promise<Reply>;
  /** Same, under `/api/v1/identity-sources/{isId}`. */
  api(method: string, path: string, body?: unknown, auth?: string | null): Promise<Reply>;
  /** Every response seen by `call`/`api`, for canary scans. */
  seen: string[];
}

export async function request(
  url: string,
  method: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { Accept: "application/json", ...init.headers };
  let payload: string | undefined;
  if (init.body !== undefined) {
    payload = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["Content-Type"] ??= "application/json";
  }
  const res = await fetch(url, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === "" ? undefined : JSON.parse(text), text };
}

/** `method` `path` under `/api/v1/identity-sources/{isId}` of a running emulator, as `SSWS <token>`. */
export function callIdentitySource(
  target: { url: string; isId: string; token: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  return request(`${target.url}/api/v1/identity-sources/${target.isId}${path}`, method, {
    body,
    headers: { Authorization: `SSWS ${target.token}` },
  });
}

/** Starts an emulator per test (manual clock at START, canary token) and closes it afterwards. */
export function useEmulator(options: EmulatorOptions = {}): Harness {
  const harness = { seen: [] as string[] } as unknown as Harness;
  beforeEach(async () => {
    const clock = createManualClock(START);
    const emulator = await startEmulator({ apiToken: CANARY_TOKEN, clock, ...options });
    harness.emulator = emulator;
    harness.clock = clock;
    harness.isId = emulator.identitySourceId;
    harness.seen = [];
    harness.call = async (method, path, body, auth = `SSWS ${CANARY_TOKEN}`) => {
      const headers: Record<string, string> = auth === null ? {} : { Authorization: auth };
      const reply = await request(`${emulator.url}${path}`, method, { body, headers });
      harness.seen.push(`${reply.status} ${JSON.stringify([...reply.headers])} ${reply.text}`);
      return reply;
    };
    harness.api = (method, path, body, auth) =>
      harness.call(method, `/api/v1/identity-sources/${harness.isId}${path}`, body, auth);
  });
  afterEach(async () => {
    await harness.emulator.close();
  });
  return harness;
}

/** Asserts Okta's error body shape and returns it. */
export function assertOktaError(reply: Reply, status: number, errorCode: string): Json {
  assert.equal(reply.status, status, `expected ${status}, got ${reply.status}: ${reply.text}`);
  assert.equal(reply.body.errorCode, errorCode);
  assert.equal(reply.body.errorLink, errorCode);
  assert.match(reply.body.errorId, /^oae[A-Za-z0-9]{22}$/);
  assert.equal(typeof reply.body.errorSummary, "string");
  assert.ok(Array.isArray(reply.body.errorCauses));
  return reply.body;
}

export const causesOf = (body: Json): string[] => body.errorCauses.map((c: Json) => c.errorSummary);

export const aUser = (i: number, profile: Record<string, string | null> = {}) => ({
  externalId: `USEREXT${String(i).padStart(6, "0")}`,
  profile: { userName: `user${i}@example.com`, email: `user${i}@example.com`, firstName: "Test", ...profile },
});

/** Creates a session, uploads `bodies` (path → body), and triggers it; returns the session id. */
export async function runImport(h: Harness, uploads: [string, unknown][]): Promise<string> {
  const created = await h.api("POST", "/sessions");
  assert.equal(created.status, 201, created.text);
  const id = created.body.id as string;
  for (const [kind, body] of uploads) {
    const up = await h.api("POST", `/sessions/${id}/${kind}`, body);
    assert.equal(up.status, 202, up.text);
  }
  const started = await h.api("POST", `/sessions/${id}/start-import`);
  assert.equal(started.status, 200, started.text);
  return id;
}

/**
 * Lets pending promise callbacks run (a wake-up the fake sleep just resolved): `setImmediate` fires after
 * every queued microtask, and waits for no timer.
 */
export const afterPendingCallbacks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
