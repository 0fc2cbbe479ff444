/**
 * The state file across restarts, for what `persistence.test.ts` leaves out: an import still TRIGGERED when
 * the emulator stops, the five-minute rule, imports finished by the wake-up alone, and OAuth tokens (which are
 * deliberately not saved).
 */
import assert from "node:assert/strict";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SignJWT } from "jose";
import { createManualClock, startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator";
import { createFakeClock } from "../helpers/fake-clock";
import { afterPendingCallbacks, aUser, CANARY_TOKEN, request, START } from "./support";

const MINUTE = 60_000;

describe("emulator restarts with a state file", () => {
  let dir: string;
  let file: string;
  const running: Emulator[] = [];
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "emulator-restart-"));
    file = path.join(dir, "state.json");
  });
  afterEach(async () => {
    for (const emulator of running.splice(0)) await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(options: EmulatorOptions): Promise<Emulator> {
    const emulator = await startEmulator({ apiToken: CANARY_TOKEN, stateFile: file, ...options });
    running.push(emulator);
    return emulator;
  }
  async function stop(emulator: Emulator): Promise<void> {
    running.splice(running.indexOf(emulator), 1);
    await emulator.close();
  }
  const api = (
    emulator: Emulator,
    method: string,
    p: string,
    body?: unknown,
    auth = `SSWS ${CANARY_TOKEN}`,
  ) =>
    request(`${emulator.url}/api/v1/identity-sources/${emulator.identitySourceId}${p}`, method, {
      body,
      headers: { Authorization: auth },
    });
  const savedStatuses = (): string[] =>
    (
      JSON.parse(readFileSync(file, "utf8")) as { sources: { sessions: { status: string }[] }[] }
    ).sources.flatMap((s) => s.sessions.map((x) => x.status));

  async function triggerOne(emulator: Emulator): Promise<string> {
    const { body: session } = await api(emulator, "POST", "/sessions");
    const upload = await api(emulator, "POST", `/sessions/${session.id}/bulk-upsert`, {
      entityType: "USERS",
      profiles: [aUser(1)],
    });
    assert.equal(upload.status, 202, upload.text);
    assert.equal((await api(emulator, "POST", `/sessions/${session.id}/start-import`)).status, 200);
    return session.id as string;
  }

  it("finishes an import left TRIGGERED once the new clock reaches its due time, and saves that unprompted", async () => {
    const first = await start({ clock: createManualClock(START), importDelayMs: MINUTE });
    const sessionId = await triggerOne(first);
    await stop(first);
    assert.deepEqual(savedStatuses(), ["TRIGGERED"]);

    const clock = createManualClock(START + 30_000);
    const second = await start({ clock, importDelayMs: MINUTE });
    assert.equal((await api(second, "GET", `/sessions/${sessionId}`)).body.status, "TRIGGERED");
    assert.deepEqual(second.users(), []);
    clock.advance(30_000);
    assert.deepEqual(savedStatuses(), ["COMPLETED"], "saved by the clock move, without a request");
    assert.deepEqual(
      second.users().map((u) => u.externalId),
      [aUser(1).externalId],
    );
  });

  it("keeps the five-minute rule across a restart", async () => {
    const first = await start({ clock: createManualClock(START), importDelayMs: 10 * MINUTE });
    await triggerOne(first);
    await stop(first);

    const clock = createManualClock(START + MINUTE);
    const second = await start({ clock, importDelayMs: 10 * MINUTE });
    assert.equal((await api(second, "POST", "/sessions")).status, 400);
    clock.advance(4 * MINUTE);
    assert.equal((await api(second, "POST", "/sessions")).status, 201);
  });

  it("saves an import completed by the wake-up of a clock that is not manual, with no request after the trigger", async () => {
    const fake = createFakeClock(START);
    const emulator = await start({ importDelayMs: 5_000, clock: { now: fake.now }, sleep: fake.sleep });
    await triggerOne(emulator);
    assert.deepEqual(savedStatuses(), ["TRIGGERED"]);
    fake.advance(5_000);
    await afterPendingCallbacks();
    assert.deepEqual(savedStatuses(), ["COMPLETED"]);
  });

  it("forgets issued OAuth tokens (they are never written), while the data stays", async () => {
    const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const publicKeyPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
    const oauth = { clients: [{ clientId: "0oaAPP", publicKeyPem }] };
    const first = await start({ clock: createManualClock(START), oauth });
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer("0oaAPP")
      .setSubject("0oaAPP")
      .setAudience(`${first.url}/oauth2/v1/token`)
      .setJti(randomUUID())
      .setExpirationTime("5m")
      .sign(keys.privateKey);
    const token = await request(`${first.url}/oauth2/v1/token`, "POST", {
      body: new URLSearchParams({
        grant_type: "client_credentials",
        scope: "okta.identitySources.manage",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const bearer = `Bearer ${token.body.access_token}`;
    assert.equal((await api(first, "POST", "/users", aUser(1), bearer)).status, 200);
    await stop(first);
    assert.ok(!readFileSync(file, "utf8").includes(token.body.access_token as string));

    const second = await start({ clock: createManualClock(START), oauth });
    assert.equal((await api(second, "GET", `/users/${aUser(1).externalId}`, undefined, bearer)).status, 401);
    assert.equal((await api(second, "GET", `/users/${aUser(1).externalId}`)).status, 200);
  });
});
