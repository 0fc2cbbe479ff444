/**
 * The whole import job against the emulator: 25,000 users + 2,000 groups + 25,000 memberships (issue 4's
 * closing figure). The emulator runs with the five-minute rule off (`sessionCooldownSeconds: 0`), imports that
 * complete at once, and no rate limit, so the wall time measures our job and the HTTP round trips, not Okta's
 * waits. Status polls sleep at most 20 ms here instead of the poll interval, for the same reason.
 */
import { createOktaClient } from "../src/client";
import { startEmulator } from "../src/emulator";
import { describePlan } from "../src/import/describe-plan";
import { planImport } from "../src/import/plan";
import { runImport } from "../src/import/run";
import type { Bench } from "./bench";
import { ms, num } from "./bench";

const USERS = 25_000;
const GROUPS = 2_000;

function data() {
  const pad = (i: number) => String(i).padStart(6, "0");
  const users = Array.from({ length: USERS }, (_, i) => ({
    externalId: `USEREXT${pad(i)}`,
    profile: {
      userName: `user${i}@example.com`,
      email: `user${i}@example.com`,
      firstName: "Bench",
      lastName: `User${i}`,
    },
  }));
  const groups = Array.from({ length: GROUPS }, (_, g) => ({
    externalId: `GROUPEXT${pad(g)}`,
    groupProfile: { displayName: `Group ${g}`, description: "bench group" },
  }));
  // Every user in one group: 25,000 (group, member) pairs, 12 or 13 members per group.
  const memberships = groups.map((group, g) => ({
    groupExternalId: group.externalId,
    memberExternalIds: Array.from(
      { length: Math.ceil((USERS - g) / GROUPS) },
      (_, k) => users[g + k * GROUPS]!.externalId,
    ),
  }));
  return {
    upsertUsers: { profiles: users },
    upsertGroups: { profiles: groups },
    upsertGroupMemberships: { memberships },
  };
}

export const bench: Bench = {
  name: "import-run (25,000 users + 2,000 groups + 25,000 memberships against the emulator)",
  async run() {
    const emulator = await startEmulator({ sessionCooldownSeconds: 0, importDelayMs: 0, rateLimit: false });
    try {
      const client = createOktaClient({
        orgUrl: emulator.url,
        auth: { kind: "apiToken", token: emulator.apiToken },
      });
      const input = data();
      const planStart = process.hrtime.bigint();
      const plan = planImport(input);
      const planMs = Number(process.hrtime.bigint() - planStart) / 1e6;
      console.log(`plan: ${describePlan(plan)} (planned in ${ms(planMs)})`);

      const lines: string[] = [];
      const start = process.hrtime.bigint();
      const result = await runImport(client, emulator.identitySourceId, plan, {
        clock: Date.now,
        sleep: (waitMs) => new Promise((done) => setTimeout(done, Math.min(waitMs, 20))),
        log: (line) => lines.push(line),
        waitForCompletion: true,
        completionTimeoutSeconds: 600,
        activeSessionWaitSeconds: 600,
        pollIntervalSeconds: 1,
        staleSessionSeconds: 600,
      });
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const statuses = result.sessions.map((s) => s.status).join(", ");
      console.log(`sessions: ${result.sessions.length} (${statuses})`);
      console.log(`uploads: ${num(result.uploads)}, restarts: ${result.restarts}`);
      console.log(`requests to the emulator: ${num(emulator.requests.length)}`);
      console.log(
        `wall time: ${ms(wallMs)} (${num(Math.round((USERS * 2 + GROUPS) / (wallMs / 1000)))} records/s)`,
      );
      const sample = await client.users.get(
        emulator.identitySourceId,
        `USEREXT${String(USERS - 1).padStart(6, "0")}`,
      );
      console.log(`last user visible after the job: ${sample !== undefined}`);
    } finally {
      await emulator.close();
    }
  },
};
