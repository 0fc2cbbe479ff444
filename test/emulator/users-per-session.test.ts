/**
 * The 10,000-users-per-session rule (docs/okta-api.md#limits). User upserts and user
 * deletes both count. Through the API alone a session cannot pass it: 50 uploads × 200 entities is exactly
 * 10,000, so the 50-upload rule answers first. A session restored from a state file can be closer to the
 * limit than its upload count suggests, which is how the rule itself is exercised here.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createManualClock, startEmulator, type Emulator } from "../../src/emulator";
import { aUser, assertOktaError, CANARY_TOKEN, causesOf, request, START, useEmulator } from "./support";

const USER_RULE = "A session accepts at most 10000 users.";
const upserts = (n: number, from: number) => ({
  entityType: "USERS",
  profiles: Array.from({ length: n }, (_, i) => aUser(from + i)),
});
const deletes = (n: number, from: number) => ({
  entityType: "USERS",
  profiles: Array.from({ length: n }, (_, i) => ({ externalId: `GONE${from + i}` })),
});

describe("emulator: at most 10,000 users per session", () => {
  describe("through the API", () => {
    const h = useEmulator();

    it("accepts 10,000 users in 50 full uploads, upserts and deletes alike; the 51st hits the upload rule", async () => {
      const { body: session } = await h.api("POST", "/sessions");
      for (let i = 0; i < 50; i++) {
        const [kind, body] =
          i % 2 === 0 ? ["bulk-upsert", upserts(200, i * 200)] : ["bulk-delete", deletes(200, i * 200)];
        const reply = await h.api("POST", `/sessions/${session.id}/${kind}`, body);
        assert.equal(reply.status, 202, `upload ${i + 1}: ${reply.text}`);
      }
      const [record] = h.emulator.sessions();
      assert.equal(record?.userCount, 10_000);
      assert.equal(record?.uploadCount, 50);
      const refused = assertOktaError(
        await h.api("POST", `/sessions/${session.id}/bulk-upsert`, upserts(1, 20_000)),
        400,
        "E0000001",
      );
      assert.match(causesOf(refused).join(" "), /at most 50 bulk requests/);
    });
  });

  describe("a session restored from a state file", () => {
    let dir: string;
    let file: string;
    let emulator: Emulator | undefined;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), "emulator-users-"));
      file = path.join(dir, "state.json");
    });
    afterEach(async () => {
      await emulator?.close();
      emulator = undefined;
      rmSync(dir, { recursive: true, force: true });
    });

    const start = async () =>
      (emulator = await startEmulator({
        apiToken: CANARY_TOKEN,
        stateFile: file,
        clock: createManualClock(START),
      }));
    const api = (e: Emulator, p: string, body: unknown) =>
      request(`${e.url}/api/v1/identity-sources/${e.identitySourceId}${p}`, "POST", {
        body,
        headers: { Authorization: `SSWS ${CANARY_TOKEN}` },
      });

    it("refuses a user upsert or delete that would pass 10,000, counting nothing of the refused upload", async () => {
      let e = await start();
      const { body: session } = await api(e, "/sessions", undefined);
      assert.equal((await api(e, `/sessions/${session.id}/bulk-upsert`, upserts(1, 0))).status, 202);
      await e.close();
      emulator = undefined;
      // The saved session has 9,950 users on record after its one upload.
      const state = JSON.parse(readFileSync(file, "utf8")) as {
        sources: { sessions: { userCount: number }[] }[];
      };
      state.sources[0]!.sessions[0]!.userCount = 9_950;
      writeFileSync(file, JSON.stringify(state));
      e = await start();
      const url = `/sessions/${session.id}`;

      const tooMany = assertOktaError(await api(e, `${url}/bulk-upsert`, upserts(51, 1)), 400, "E0000001");
      assert.equal(tooMany.errorSummary, "Api validation failed: profiles");
      assert.deepEqual(causesOf(tooMany), [USER_RULE]);
      assert.equal(e.sessions()[0]?.userCount, 9_950, "a refused upload counts nothing");
      assert.equal(e.sessions()[0]?.uploadCount, 1);

      assert.equal((await api(e, `${url}/bulk-upsert`, upserts(30, 1))).status, 202);
      assert.equal((await api(e, `${url}/bulk-delete`, deletes(20, 0))).status, 202);
      assert.equal(e.sessions()[0]?.userCount, 10_000);
      assert.deepEqual(
        causesOf(assertOktaError(await api(e, `${url}/bulk-delete`, deletes(1, 99)), 400, "E0000001")),
        [USER_RULE],
      );
      // Groups and memberships are not users.
      const groups = { profiles: [{ externalId: "G1", profile: { displayName: "One" } }] };
      assert.equal((await api(e, `${url}/bulk-groups-upsert`, groups)).status, 202);
    });
  });
});
