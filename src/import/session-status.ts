import { LOADABLE_SESSION_STATUSES, TERMINAL_SESSION_STATUSES } from "../schemas/limits";

/**
 * Session statuses, Okta's and the four of our own, and what a job's recorded sessions add up to
 * (docs/import.md#updates).
 */

/** A triggered session Okta no longer has (404): no longer processing, whether it imported is unknown. */
export const UNKNOWN_OUTCOME = "UNKNOWN";

/**
 * A delete-only session in which Okta staged nothing (every record to delete was already gone), cancelled
 * instead of triggered (`empty-session.ts`; Okta reports it CLOSED). Counts as finished and as COMPLETED.
 */
export const NOTHING_TO_IMPORT = "NOTHING_TO_IMPORT";

/**
 * A job that stopped before all its planned sessions ran while every recorded one finished: claiming
 * COMPLETED would hide that part of the data was never sent.
 */
export const INCOMPLETE_STATUS = "INCOMPLETE";

/** The status of a job with no recorded session. */
export const NO_SESSIONS = "NONE";

/** One session of a job as state records it. */
export interface RecordedSession {
  id: string;
  /** Okta's status as last seen, or one of ours above. */
  status: string;
  /** 0-based index of the planned session it carried (absent in state from before it was recorded). */
  planIndex?: number;
}

/** A session this run opened: its plan index is known, and so are the uploads Okta accepted into it. */
export interface SessionOutcome extends RecordedSession {
  planIndex: number;
  uploads: number;
}

/** Still loading data (uploads allowed, can be cancelled, blocks the identity source). */
export function isLoadable(status: string): boolean {
  return (LOADABLE_SESSION_STATUSES as readonly string[]).includes(status);
}

/** Okta does nothing more with it. */
export function isTerminalStatus(status: string): boolean {
  return (TERMINAL_SESSION_STATUSES as readonly string[]).includes(status);
}

/** Its work is done: COMPLETED, or one of our two outcomes that count as finished. */
export function countsAsDone(status: string): boolean {
  return status === "COMPLETED" || status === UNKNOWN_OUTCOME || status === NOTHING_TO_IMPORT;
}

/**
 * COMPLETED only if every planned session is; otherwise the most telling status: a failed session's, a
 * recorded one still running, or INCOMPLETE when sessions are missing and every recorded one finished.
 * `plannedSessions` undefined (old state without a count): judged on the recorded sessions alone.
 */
export function overallStatus(sessions: readonly RecordedSession[], plannedSessions?: number): string {
  if (sessions.length === 0) return NO_SESSIONS;
  for (const status of ["ERROR", "EXPIRED", "CLOSED"])
    if (sessions.some((s) => s.status === status)) return status;
  // A session with nothing to import did all there was to do.
  const worst =
    sessions.find((s) => s.status !== "COMPLETED" && s.status !== NOTHING_TO_IMPORT)?.status ?? "COMPLETED";
  const missing = plannedSessions !== undefined && sessions.length < plannedSessions;
  return missing && (worst === "COMPLETED" || worst === UNKNOWN_OUTCOME) ? INCOMPLETE_STATUS : worst;
}

/**
 * Whether the recorded job is finished as asked: every planned session done, or, with
 * `waitForCompletion: false`, every session but the last done and the last one triggered. An UNKNOWN session
 * counts as finished: it cannot be followed, and importing it again on every `up` would be worse than an
 * honest "unknown" in `sessionStatus`.
 */
export function jobFinished(
  sessions: readonly RecordedSession[],
  plannedSessions: number,
  waitForCompletion: boolean,
): boolean {
  if (sessions.length !== plannedSessions || sessions.length === 0) return false;
  const allButLast = sessions.slice(0, -1).every((s) => countsAsDone(s.status));
  const last = sessions[sessions.length - 1]!.status;
  return allButLast && (countsAsDone(last) || (!waitForCompletion && last === "TRIGGERED"));
}

/**
 * The recorded sessions a re-run of the same plan keeps instead of importing again: per planned session, one
 * whose work is done. Empty when any recorded session lacks its plan index (state written before it was
 * recorded): which planned session it carried is then unknown, so the whole job runs again.
 */
export function doneSessionsToKeep(
  sessions: readonly RecordedSession[],
  plannedSessions: number,
): RecordedSession[] {
  if (sessions.some((s) => s.planIndex === undefined)) return [];
  const kept = new Map<number, RecordedSession>();
  for (const s of sessions) {
    const index = s.planIndex!;
    if (index < plannedSessions && countsAsDone(s.status) && !kept.has(index)) kept.set(index, s);
  }
  return inPlanOrder([...kept.values()], []);
}

/** Kept and new sessions of one job, in plan order (they never share a plan index; the sort is stable). */
export function inPlanOrder(
  kept: readonly RecordedSession[],
  fresh: readonly RecordedSession[],
): RecordedSession[] {
  return [...kept, ...fresh].sort((a, b) => (a.planIndex ?? 0) - (b.planIndex ?? 0));
}

/** "aps1 COMPLETED, aps2 ERROR" */
export function describeSessions(sessions: readonly RecordedSession[]): string {
  return sessions.length === 0 ? "none" : sessions.map((s) => `${s.id} ${s.status}`).join(", ");
}
