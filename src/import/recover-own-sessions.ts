import type { Session } from "../schemas/wire";
import { followSession } from "./follow";
import { type JobContext, cancelSession, formatTime, readBack } from "./job-context";
import { decideOwnSession } from "./own-session-decision";
import type { ImportPlan } from "./plan";
import { ImportRunError, type Text, describeCleanup, errorMessage, text, wordText } from "./run-errors";
import { inPlanOrder, type SessionOutcome } from "./session-status";
import type { JournalEntry, SessionJournal } from "./session-journal";

/** Sessions a crashed run here left (the journal) are cancelled or followed before the gate would wait for them;
 * returns the planned sessions they COMPLETED. One still TRIGGERED at the deadline ends the job, so its id
 * reaches state. Other failures are logged and left to the gate: recovery never fails a job that would run. */
export async function recoverOwnSessions(
  ctx: JobContext,
  journal: SessionJournal,
  plan: ImportPlan,
  planDigest: string,
  alreadyDone: ReadonlySet<number>,
): Promise<SessionOutcome[]> {
  const done: SessionOutcome[] = [];
  const counted = new Set(alreadyDone);
  for (const entry of journal.entries()) {
    if (journal.ownerOf(entry) !== "gone") continue;
    let completed = false;
    let session = await readOrLog(ctx, entry);
    for (let looks = 0; session !== null && looks < 2; looks++) {
      const action = decideOwnSession({ entry, owner: "gone", session, planDigest });
      const what = `session ${entry.sessionId}${session ? ` (${session.status})` : ""}`;
      const origin = `created by an interrupted run on this machine at ${formatTime(entry.createdAt)}`;
      if (action.kind === "leave") break;
      if (action.kind === "forget") {
        journal.remove(entry.sessionId);
        completed = action.completed;
        if (session === undefined)
          ctx.log(`${what}, ${origin}, is gone (404); its data is imported again if this job carries it`);
        break;
      }
      if (action.kind === "follow") {
        completed = await follow(ctx, journal, entry, session!, plan, done, `${what}, ${origin}`);
        break;
      }
      // What is left is `cancel`: a session still loading.
      ctx.log(
        `${what}, ${origin}, was never triggered: cancelling it (what this job carries is loaded in a new session)`,
      );
      const cleanup = await cancelSession(ctx, entry.sessionId);
      if (cleanup.result !== "failed") {
        journal.remove(entry.sessionId);
        break;
      }
      ctx.log(wordText(describeCleanup(cleanup)));
      // Okta refuses to cancel only a session past loading: look once more and follow it if it was triggered.
      if (!cleanup.notCancellable) break;
      session = await readOrLog(ctx, entry);
    }
    // Each planned session of this plan is counted once.
    if (!completed || entry.planIndex >= plan.sessions.length || counted.has(entry.planIndex)) continue;
    counted.add(entry.planIndex);
    done.push(outcomeOf(entry, plan, "COMPLETED"));
  }
  return done;
}

/** The session as Okta has it (undefined: 404), or null when it could not be read (logged). */
function readOrLog(ctx: JobContext, entry: JournalEntry): Promise<Session | undefined | null> {
  return readBack(ctx, entry.sessionId, (e) => {
    const read = `session ${entry.sessionId}, left by an interrupted run on this machine, could not be read`;
    ctx.log(`${read} (${errorMessage(e)}); leaving it to the session gate`);
  });
}

async function follow(
  ctx: JobContext,
  journal: SessionJournal,
  entry: JournalEntry,
  session: Session,
  plan: ImportPlan,
  done: readonly SessionOutcome[],
  described: string,
): Promise<boolean> {
  ctx.log(`${described}, was already triggered: following it instead of importing its data again`);
  const outcome = outcomeOf(entry, plan, session.status);
  let result;
  try {
    result = await followSession(ctx, entry.sessionId, session.status, ctx.clock() + ctx.completionTimeoutMs);
  } catch (cause) {
    throw stillOpen([`checking its status failed (${errorMessage(cause)})`], outcome, done, cause);
  } finally {
    // Ended, or handed to state by the error: the next run follows it from there.
    journal.remove(entry.sessionId);
  }
  if (result.timedOut) {
    const seconds = Math.round(ctx.completionTimeoutMs / 1000);
    const why = text`it is still ${result.status} after ${{ setting: "completionTimeout", seconds }}`;
    throw stillOpen(why, { ...outcome, status: result.status }, done);
  }
  if (result.gone) {
    ctx.log(`session ${entry.sessionId} disappeared (404) while followed; its data is imported again`);
    return false;
  }
  if (result.status === "COMPLETED") {
    ctx.log(`session ${entry.sessionId}: COMPLETED; planned session ${entry.planIndex + 1} is done`);
    return true;
  }
  ctx.log(`session ${entry.sessionId} ended ${result.status}; its data is imported again`);
  return false;
}

/** A triggered session was fully loaded: the job triggers only after the last upload. */
function outcomeOf(entry: JournalEntry, plan: ImportPlan, status: string): SessionOutcome {
  const uploads = plan.sessions[entry.planIndex]?.uploads.length ?? 0;
  return { id: entry.sessionId, status, planIndex: entry.planIndex, uploads };
}

function stillOpen(
  why: Text,
  outcome: SessionOutcome,
  done: readonly SessionOutcome[],
  cause?: unknown,
): ImportRunError {
  return new ImportRunError({
    text: text`session ${outcome.id}, triggered by an interrupted run on this machine, is followed instead of \
importing its data again, and ${why}. Okta keeps processing it.`,
    started: true,
    nextRun: ["checks-first"],
    sessions: inPlanOrder([...done, outcome]),
    failedSessionId: outcome.id,
    cause,
  });
}
