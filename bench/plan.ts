import { describePlan } from "../src/import/describe-plan";
import { planImport } from "../src/import/plan";
import { UPLOAD_KINDS } from "../src/schemas/bulk-bodies";
import { checkImportArgs, type ImportData } from "../src/schemas/import-args";
import { aGroup, aUser, IDENTITY_SOURCE_ID, range, spreadMemberships } from "../test/helpers/builders";
import { type Bench, ms, num, timed } from "./bench";

/**
 * The reference job: 25,000 users, 2,000 groups and 25,000 memberships (each group gets 12 or 13 members).
 * Prints the plan's shape (sessions, uploads and bytes per kind) and how long check and planning take.
 */
function referenceJob(): ImportData {
  return {
    upsertUsers: {
      profiles: range(25_000).map((i) => aUser(i, { profile: { mobilePhone: "+1 555 0100" } })),
    },
    upsertGroups: { profiles: range(2_000).map((i) => aGroup(i)) },
    upsertGroupMemberships: { memberships: spreadMemberships(2_000, 25_000) },
  };
}

export const bench: Bench = {
  name: "plan: 25,000 users + 2,000 groups + 25,000 memberships",
  run() {
    const data = referenceJob();
    const check = timed(5, () => checkImportArgs({ identitySourceId: IDENTITY_SOURCE_ID, ...data }));
    if (check.result.failures.length > 0) throw new Error("the reference job should pass check");
    const { result: plan, medianMs, minMs } = timed(9, () => planImport(data));

    console.log(describePlan(plan));
    console.log(`kind               uploads   records        bytes   bytes/upload (max)`);
    for (const kind of UPLOAD_KINDS) {
      const uploads = plan.sessions.flatMap((s) => s.uploads).filter((u) => u.kind === kind);
      if (uploads.length === 0) continue;
      const bytes = uploads.reduce((sum, u) => sum + u.bytes, 0);
      const largest = Math.max(...uploads.map((u) => u.bytes));
      console.log(
        `${kind.padEnd(18)} ${num(uploads.length).padStart(7)} ${num(plan.totals.records[kind]).padStart(9)} ` +
          `${num(bytes).padStart(12)}   ${num(largest).padStart(18)}`,
      );
    }
    plan.sessions.forEach((session, i) => {
      console.log(
        `session ${i + 1}: ${session.uploads.length} uploads, ${num(session.users)} users, ` +
          `${num(session.bytes)} bytes`,
      );
    });
    console.log(
      `total: ${num(plan.totals.bytes)} bytes in ${plan.totals.uploads} uploads ` +
        `(lower bound ${plan.totals.uploadLowerBound})`,
    );
    console.log(
      `check: median ${ms(check.medianMs)} (5 runs); plan: median ${ms(medianMs)}, best ${ms(minMs)} (9 runs)`,
    );
  },
};
