/**
 * `import-requests`: the reference job (25,000 users + 2,000 groups + 25,000 memberships) run against the
 * emulator, counting the requests that change something. The emulator runs with the five-minute rule off,
 * imports that complete at once, and no rate limit; status polls sleep at most 20 ms instead of the poll
 * interval. So the wall time (human text) measures our job and the HTTP round trips, not Okta's waits.
 */
import { describePlan } from "../src/import/describe-plan";
import { planImport, type ImportPlan } from "../src/import/plan";
import { runImport, type RunImportOptions } from "../src/import/run";
import { UPLOAD_KINDS } from "../src/schemas/bulk-bodies";
import { MAX_UPLOADS_PER_SESSION, MAX_USERS_PER_SESSION } from "../src/schemas/limits";
import { elapsedMs, type Figure, ms, note, num, report } from "./bench";
import { referenceJob } from "./jobs";
import { clientOf, stateChanging, withEmulator } from "./world";

/** Run options for a job against an emulator that imports at once: no real waits. */
export const QUICK_RUN: RunImportOptions = {
  clock: Date.now,
  sleep: (waitMs) => new Promise((done) => setTimeout(done, Math.min(waitMs, 20))),
  log: () => undefined,
  waitForCompletion: true,
  completionTimeoutSeconds: 600,
  activeSessionWaitSeconds: 600,
  pollIntervalSeconds: 1,
  staleSessionSeconds: 3600,
};

/** The fewest sessions any plan can have: the fewest uploads in sessions of 50, and the users in sessions of 10,000. */
export function fewestSessions(plan: ImportPlan): number {
  const users = plan.totals.records.upsertUsers + plan.totals.records.deleteUsers;
  return Math.max(
    Math.ceil(plan.totals.uploadLowerBound / MAX_UPLOADS_PER_SESSION),
    Math.ceil(users / MAX_USERS_PER_SESSION),
  );
}

/** The plan's shape per kind, for the human text. */
function describeShape(plan: ImportPlan): void {
  note(`kind               uploads   records        bytes   bytes/upload (max)`);
  for (const kind of UPLOAD_KINDS) {
    const uploads = plan.sessions.flatMap((s) => s.uploads).filter((u) => u.kind === kind);
    if (uploads.length === 0) continue;
    const bytes = uploads.reduce((sum, u) => sum + u.bytes, 0);
    const largest = Math.max(...uploads.map((u) => u.bytes));
    note(
      `${kind.padEnd(18)} ${num(uploads.length).padStart(7)} ${num(plan.totals.records[kind]).padStart(9)} ` +
        `${num(bytes).padStart(12)}   ${num(largest).padStart(18)}`,
    );
  }
}

export const figures: Figure[] = [
  {
    name: "import-requests",
    run: () =>
      withEmulator({ sessionCooldownSeconds: 0, importDelayMs: 0, rateLimit: false }, async (emulator) => {
        const client = clientOf(emulator);
        const planStart = process.hrtime.bigint();
        const plan = planImport(referenceJob());
        note(`plan: ${describePlan(plan)} (planned in ${ms(elapsedMs(planStart))})`);
        describeShape(plan);

        const start = process.hrtime.bigint();
        const result = await runImport(client, emulator.identitySourceId, plan, QUICK_RUN);
        const wallMs = elapsedMs(start);
        const records =
          plan.totals.records.upsertUsers +
          plan.totals.records.upsertGroups +
          plan.totals.records.upsertMemberships;
        note(`sessions: ${result.sessions.map((s) => s.status).join(", ")}; restarts: ${result.restarts}`);
        note(`wall time: ${ms(wallMs)} (${num(Math.round(records / (wallMs / 1000)))} records/s)`);

        const requests = stateChanging(emulator.requests).length;
        const lowerBound = plan.totals.uploadLowerBound + 2 * fewestSessions(plan);
        report(
          "import-requests",
          { requests, lowerBound, sessions: result.sessions.length, uploads: result.uploads },
          { goal: "requests == lowerBound", met: requests === lowerBound },
        );
      }),
  },
];
