import { LOADABLE_SESSION_STATUSES, TERMINAL_SESSION_STATUSES } from "../schemas/limits";

/** Session statuses, Okta's and four of our own, and what a job's sessions add up to (docs/import.md#updates). */

/** A triggered session Okta no longer has (404): no longer processing, whether it imported is unknown. */
export const UNKNOWN_OUTCOME = "UNKNOWN";

/** A session in which Okta staged nothing, cancelled instead of triggered (`empty-session.ts`): counts as COMPLETED. */
export const NOTHING_TO_IMPORT = "NOTHING_TO_IMPORT";

/** Every recorded session finished but planned ones never ran: COMPLETED would hide the data never sent. */
export const INCOMPLETE_STATUS = "INCOMPLETE";

export const NO_SESSIONS = "NONE";

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

/** COMPLETED only if every planned session is; else the most telling status. `plannedSessions` absent: old state. */
export function overallStatus(sessions: readonly RecordedSession[], plannedSessions?: number): string {
  if (sessions.length === 0) return NO_SESSIONS;
  for (const status of ["ERROR", "EXPIRED", "CLOSED"])
    if (sessions.some((s) => s.status === status)) return status;
  const worst =
    sessions.find((s) => s.status !== "COMPLETED" && s.status !== NOTHING_TO_IMPORT)?.status ?? "COMPLETED";
  const missing = plannedSessions !== undefined && sessions.length < plannedSessions;
  return missing && (worst === "COMPLETED" || worst === UNKNOWN_OUTCOME) ? INCOMPLETE_STATUS : worst;
}

/** Every planned session done, or, not waiting for completion, the last one triggered. UNKNOWN counts as done:
 * it cannot be followed, and importing it again on every run would be worse than an honest "unknown". */
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

/** Per planned session, a done one a re-run of the same plan keeps; none when a plan index is missing (old state). */
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
  return inPlanOrder([...kept.values()]);
}

/** Sessions of one job, kept and new, in plan order (they never share a plan index; the sort is stable). */
export function inPlanOrder(sessions: readonly RecordedSession[]): RecordedSession[] {
  return [...sessions].sort((a, b) => (a.planIndex ?? 0) - (b.planIndex ?? 0));
}

/** "aps1 COMPLETED, aps2 ERROR" */
export function describeSessions(sessions: readonly RecordedSession[]): string {
  return sessions.length === 0 ? "none" : sessions.map((s) => `${s.id} ${s.status}`).join(", ");
}
