import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createManualClock, startEmulator } from "../../src/emulator";
import { aUser, CANARY_TOKEN, request, START } from "./support";

describe("emulator state file", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "emulator-state-"));
    file = path.join(dir, "state.json");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("saves after every change and resumes from it: identity sources, users, groups, sessions", async () => {
    const first = await startEmulator({
      apiToken: CANARY_TOKEN,
      stateFile: file,
      clock: createManualClock(START),
    });
    const isId = first.identitySourceId;
    const api = (method: string, p: string, body?: unknown) =>
      request(`${first.url}/api/v1/identity-sources/${isId}${p}`, method, {
        body,
        headers: { Authorization: `SSWS ${CANARY_TOKEN}` },
      });
    await api("POST", "/users", aUser(1));
    await api("POST", "/groups", { externalId: "G", profile: { displayName: "G" } });
    await api("POST", "/groups/G/membership", { memberExternalId: aUser(1).externalId });
    const { body: session } = await api("POST", "/sessions");
    await api("POST", `/sessions/${session.id}/bulk-upsert`, { entityType: "USERS", profiles: [aUser(2)] });
    const saved = readFileSync(file, "utf8");
    assert.match(saved, /"version": 1/);
    assert.ok(saved.includes(aUser(2).externalId), "staged uploads are saved before the import runs");
    assert.ok(!saved.includes(CANARY_TOKEN), "the token is never written");
    await first.close();

    const second = await startEmulator({ stateFile: file, clock: createManualClock(START) });
    try {
      assert.deepEqual(second.identitySourceIds, [isId]);
      assert.deepEqual(
        second.users().map((u) => u.externalId),
        [aUser(1).externalId],
      );
      assert.deepEqual(second.members("G"), [aUser(1).externalId]);
      assert.equal(second.sessions()[0]?.status, "IN_PROGRESS");
      const started = await request(
        `${second.url}/api/v1/identity-sources/${isId}/sessions/${session.id}/start-import`,
        "POST",
        { headers: { Authorization: `SSWS ${second.apiToken}` } },
      );
      assert.equal(started.status, 200);
      second.processImports();
      assert.equal(second.users().length, 2);
    } finally {
      await second.close();
    }
    assert.match(readFileSync(file, "utf8"), /"COMPLETED"/);
  });

  it("refuses to start from a corrupt file, saying which file and how to recover", async () => {
    writeFileSync(file, "{ not json");
    await assert.rejects(startEmulator({ stateFile: file }), /state\.json is not valid JSON; delete it/);
    writeFileSync(file, JSON.stringify({ version: 1, sources: [{ id: 7 }] }));
    await assert.rejects(startEmulator({ stateFile: file }), /unexpected shape \(at "sources\.0\.id"\)/);
  });
});
