/**
 * Errors of the import job. Guards check a brand property, not `instanceof`: the Pulumi provider boundary can
 * load these classes twice. Messages carry ids, statuses, counts and the client's (already redacted) error
 * text, never a payload.
 */

const BRAND = "__oktaIdentitySourceImportError";

/** One session of the job as far as we know it. */
export interface SessionOutcome {
  id: string;
  /** Okta's status as last seen (TRIGGERED when we stopped following). */
  status: string;
  /** 0-based index of the planned session it carries. */
  planIndex: number;
  /** Uploads Okta accepted into it. */
  uploads: number;
}

/** What happened to the session we tried to cancel after a failure before start-import. */
export interface CleanupOutcome {
  sessionId: string;
  result: "cancelled" | "already-gone" | "failed";
  /** For `failed`: the cancel call's error message. */
  detail?: string;
  /** For `failed`: Okta refused (400) because the session is past CREATED/IN_PROGRESS. */
  notCancellable?: boolean;
}

export interface ImportRunErrorDetails {
  message: string;
  /**
   * True when at least one session of this job was triggered: Okta may have imported data, so the session ids
   * must reach Pulumi's state (the id-carrying error). False: nothing was imported.
   */
  started: boolean;
  /**
   * A session of this job could not be cancelled after a failure before start-import: it stays open
   * (CREATED/IN_PROGRESS) and blocks the identity source. Nothing was imported, yet its id must reach
   * Pulumi's state like a started job's, so the next `pulumi up` cancels it instead of waiting for it as for
   * another party's session.
   */
  leftOpen?: boolean;
  /** Every session of this job that reached start-import, plus the failing one with its status. */
  sessions: SessionOutcome[];
  failedSessionId?: string;
  cleanup?: CleanupOutcome;
  cause?: unknown;
}

export class ImportRunError extends Error {
  override readonly name = "ImportRunError";
  readonly started: boolean;
  readonly leftOpen: boolean;
  readonly sessions: SessionOutcome[];
  readonly failedSessionId: string | undefined;
  readonly cleanup: CleanupOutcome | undefined;

  constructor(details: ImportRunErrorDetails) {
    super(details.message);
    this.started = details.started;
    this.leftOpen = details.leftOpen === true;
    this.sessions = details.sessions.map((s) => ({ ...s }));
    this.failedSessionId = details.failedSessionId;
    this.cleanup = details.cleanup;
    Object.defineProperty(this, BRAND, { value: "ImportRunError", enumerable: false });
    if (details.cause !== undefined)
      Object.defineProperty(this, "cause", { value: details.cause, enumerable: false, writable: true });
  }
}

export function isImportRunError(e: unknown): e is ImportRunError {
  return typeof e === "object" && e !== null && (e as Record<string, unknown>)[BRAND] === "ImportRunError";
}

/** Whether the error's sessions must reach Pulumi's state (the id-carrying error): see `started`, `leftOpen`. */
export function mustRecordSessions(e: ImportRunError): boolean {
  return (e.started || e.leftOpen) && e.sessions.length > 0;
}

/** Describes a cleanup for a message: "the session was cancelled; nothing of it was imported". */
export function describeCleanup(cleanup: CleanupOutcome | undefined): string {
  if (!cleanup) return "";
  switch (cleanup.result) {
    case "cancelled":
      return `session ${cleanup.sessionId} was cancelled (CLOSED); nothing of it was imported`;
    case "already-gone":
      return `session ${cleanup.sessionId} was already gone`;
    case "failed":
      return (
        `cancelling session ${cleanup.sessionId} failed too (${cleanup.detail ?? "unknown error"}); ` +
        `it blocks the identity source until it is cancelled or becomes stale (staleSessionSeconds) and is ` +
        `cancelled by the next run`
      );
  }
}

/** "aps1 COMPLETED, aps2 ERROR" */
export function describeSessions(sessions: readonly { id: string; status: string }[]): string {
  return sessions.length === 0 ? "none" : sessions.map((s) => `${s.id} ${s.status}`).join(", ");
}

/** `text` ending in exactly one full stop, so messages that end in a sentence are not doubled ("…Z.."). */
export function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string")
    return (e as { message: string }).message;
  return String(e);
}
