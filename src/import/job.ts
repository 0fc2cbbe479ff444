import type { OktaClient } from "../client/types";
import { describePlan } from "./describe-plan";
import type { ImportPlan } from "./plan";
import { cancelLeftLoading, refreshSessions } from "./resume";
import { ImportRunError, isImportRunError, text } from "./run-errors";
import { runImport, type RunImportOptions } from "./run";
import {
  describeSessions,
  doneSessionsToKeep,
  inPlanOrder,
  jobFinished,
  overallStatus,
  type RecordedSession,
} from "./session-status";

/** What state recorded of the job's previous run. */
export interface RecordedJob {
  sessions: readonly RecordedSession[];
  /** Planned sessions of that run. */
  plannedSessions: number;
  /** That run carried this very plan: its done sessions are kept instead of imported again. */
  samePlan: (plan: ImportPlan) => boolean;
}

/** What to send: every declared record, or the changes since the last completed run. */
export interface JobPlan {
  plan: ImportPlan;
  mode: "changes" | "all";
}

export type JobOutcome =
  /** The recorded job was finished, or finished once its sessions were followed: nothing was sent. */
  | { ran: false; sessions: RecordedSession[] }
  /** The plan ran. */
  | { ran: true; sessions: RecordedSession[]; status: string };

/** An import job (docs/architecture.md#an-import-step-by-step): an unfinished recorded job is resumed first;
 * unless it turned out finished, `whatToRun` (asked only then) runs, except the sessions the recorded run did
 * when it carried this very plan. Sessions are returned, and carried by an `ImportRunError`, in plan order. */
export async function importJob(
  client: OktaClient,
  identitySourceId: string,
  whatToRun: () => JobPlan,
  recorded: RecordedJob | undefined,
  options: RunImportOptions,
): Promise<JobOutcome> {
  const resumed = recorded && (await resume(client, identitySourceId, recorded, options));
  if (resumed?.finished) return { ran: false, sessions: resumed.sessions };
  const job = whatToRun();
  let kept: RecordedSession[] = [];
  if (recorded && resumed) {
    if (recorded.samePlan(job.plan)) kept = doneSessionsToKeep(resumed.sessions, job.plan.totals.sessions);
    options.log(
      `the previous run did not finish (${describeSessions(resumed.sessions)}); running the import again` +
        (kept.length > 0 ? `, except the sessions already done (${describeSessions(kept)})` : ""),
    );
  }
  const what = job.mode === "changes" ? " (changes since the last completed run)" : "";
  options.log(`importing into ${identitySourceId}${what}: ${describePlan(job.plan)}`);
  const skipPlanIndexes = new Set(kept.map((s) => s.planIndex!));
  try {
    const result = await runImport(client, identitySourceId, job.plan, { ...options, skipPlanIndexes });
    const sessions = inPlanOrder([...kept, ...result.sessions]);
    const status = overallStatus(sessions, job.plan.totals.sessions);
    options.log(`import ${status}: ${describeSessions(sessions)}`);
    return { ran: true, sessions, status };
  } catch (e) {
    if (!isImportRunError(e)) throw e;
    throw e.withSessions(inPlanOrder([...kept, ...e.sessions]));
  }
}

/** Brings an unfinished recorded job up to date. A session still TRIGGERED at the completion deadline ends it:
 * running the job again now would import the same data twice (not waiting for completion too: in an unfinished
 * job it is an earlier session, which timed out while followed). */
async function resume(
  client: OktaClient,
  identitySourceId: string,
  recorded: RecordedJob,
  options: RunImportOptions,
): Promise<{ sessions: RecordedSession[]; finished: boolean }> {
  const { plannedSessions } = recorded;
  let sessions = [...recorded.sessions];
  if (jobFinished(sessions, plannedSessions, options.waitForCompletion)) return { sessions, finished: true };
  sessions = await cancelLeftLoading(client, identitySourceId, sessions, options.log);
  const refreshed = await refreshSessions(client, identitySourceId, sessions, { ...options, follow: true });
  sessions = refreshed.map(({ gone: _gone, ...s }) => s);
  const processing = sessions.find((s) => s.status === "TRIGGERED");
  if (processing) {
    const waited = { setting: "completionTimeout", seconds: options.completionTimeoutSeconds } as const;
    throw new ImportRunError({
      text: text`session ${processing.id} is still TRIGGERED after ${waited}; Okta keeps processing it`,
      started: true,
      nextRun: ["follows-again"],
      sessions,
      failedSessionId: processing.id,
    });
  }
  return { sessions, finished: jobFinished(sessions, plannedSessions, options.waitForCompletion) };
}
