import assert from "node:assert/strict";
import type { OktaClient } from "../../src/client/types";
import { planImport } from "../../src/import/plan";
import { cancelLeftLoading, refreshSessions } from "../../src/import/resume";
import { UNKNOWN_OUTCOME } from "../../src/import/session-status";
import { runImport } from "../../src/import/run";
import { users } from "../helpers/builders";
import { startWorld, type RunWorld } from "./run-support";

const MIN = 60_000;
const PURGED = "apsPURGED00000000000";

describe("refreshSessions", () => {
  let world: RunWorld;
  afterEach(async () => {
    await world?.close();
  });

  const refresh = (client: OktaClient, sessions: { id: string; status: string }[], follow: boolean) =>
    refreshSessions(client, world.emulator.identitySourceId, sessions, {
      ...world.options({ completionTimeoutSeconds: 30 * 60 }),
      follow,
    });

  async function triggeredSession(): Promise<string> {
    const result = await runImport(
      world.client,
      world.emulator.identitySourceId,
      planImport({ upsertUsers: { profiles: users(3) } }),
      world.options({ waitForCompletion: false }),
    );
    return result.sessions[0]!.id;
  }

  it("reports a TRIGGERED session Okta no longer has as gone, with an UNKNOWN outcome", async () => {
    world = await startWorld();
    const [seen] = await refresh(world.client, [{ id: PURGED, status: "TRIGGERED" }], true);
    assert.deepEqual(seen, { id: PURGED, status: UNKNOWN_OUTCOME, gone: true });
    assert.ok(world.lines.some((l) => l.includes(PURGED) && /404/.test(l) && /unknown/.test(l)));
  });

  it("keeps the status of a gone session that was never triggered (nothing of it was imported)", async () => {
    world = await startWorld();
    const [seen] = await refresh(world.client, [{ id: PURGED, status: "IN_PROGRESS" }], true);
    assert.deepEqual(seen, { id: PURGED, status: "IN_PROGRESS", gone: true });
  });

  it("reports a session that disappears while it is followed as gone, with an UNKNOWN outcome", async () => {
    world = await startWorld({ importDelayMs: 10 * MIN });
    const sessionId = await triggeredSession();
    let gets = 0;
    const purging: OktaClient = {
      ...world.client,
      sessions: {
        ...world.client.sessions,
        get: async (...args) => (++gets > 1 ? undefined : world.client.sessions.get(...args)),
      },
    };
    const [seen] = await refresh(purging, [{ id: sessionId, status: "TRIGGERED" }], true);
    assert.deepEqual(seen, { id: sessionId, status: UNKNOWN_OUTCOME, gone: true });
  });

  it("follows a TRIGGERED session to its final status and reports it as not gone", async () => {
    world = await startWorld({ importDelayMs: 10 * MIN });
    const sessionId = await triggeredSession();
    const [seen] = await refresh(world.client, [{ id: sessionId, status: "TRIGGERED" }], true);
    assert.deepEqual(seen, { id: sessionId, status: "COMPLETED", gone: false });
  });
});

describe("cancelLeftLoading", () => {
  let world: RunWorld;
  afterEach(async () => {
    await world?.close();
  });

  it("leaves a session recorded as loading that was triggered after all (Okta refuses the cancel) to the refresh", async () => {
    world = await startWorld({ importDelayMs: 10 * MIN });
    const result = await runImport(
      world.client,
      world.emulator.identitySourceId,
      planImport({ upsertUsers: { profiles: users(3) } }),
      world.options({ waitForCompletion: false }),
    );
    const sessionId = result.sessions[0]!.id;
    const lines: string[] = [];
    const recorded = [{ id: sessionId, status: "IN_PROGRESS" }];
    const out = await cancelLeftLoading(world.client, world.emulator.identitySourceId, recorded, (l) =>
      lines.push(l),
    );
    assert.deepEqual(out, recorded);
    assert.deepEqual(lines, []);
    const [seen] = await refreshSessions(world.client, world.emulator.identitySourceId, out, {
      ...world.options(),
      follow: false,
    });
    assert.equal(seen?.status, "TRIGGERED");
  });

  it("keeps the status of a recorded loading session Okta no longer has", async () => {
    world = await startWorld();
    const recorded = [{ id: PURGED, status: "CREATED" }];
    const out = await cancelLeftLoading(world.client, world.emulator.identitySourceId, recorded, () => {});
    assert.deepEqual(out, recorded);
  });
});
