/**
 * Errors of the import job. Guards check a brand property, not `instanceof`: the Pulumi provider boundary can
 * load these classes twice. Messages carry ids, statuses, counts and the client's (already redacted) error
 * text, never a payload.
 */

import type { RecordedSession } from "./session-status";

const BRAND = "__oktaIdentitySourceImportError";

/** What happened to the session we tried to cancel after a failure before start-import. */
export interface CleanupOutcome {
  sessionId: string;
  result: "cancelled" | "already-gone" | "failed";
  /** For `failed`: the cancel call's error message. */
  detail?: string;
  /** For `failed`: Okta refused (400) because the session is past CREATED/IN_PROGRESS. */
  notCancellable?: boolean;
}

/**
 * What the next run does about a failure whose sessions reach state: facts for the provider's advice (this
 * layer knows no Pulumi command).
 */
export type NextRun =
  /** A session still processing at the completion deadline: it is followed again. */
  | "follows-again"
  /** A session that may have been triggered: its status is checked before anything runs again. */
  | "checks-first"
  /** A session left open: cancelled before importing. */
  | "cancels-left-open"
  /** The planned sessions that did not complete run again. */
  | "reruns-not-done";

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
  /** Every session of this job that reached start-import (or was kept), plus the failing one, in plan order. */
  sessions: readonly RecordedSession[];
  failedSessionId?: string;
  /**
   * A recorded session was still TRIGGERED at the completion deadline when a job that did not finish was
   * resumed: nothing ran, since running now would import the same data twice.
   */
  stillProcessing?: boolean;
  nextRun?: readonly NextRun[];
  cleanup?: CleanupOutcome;
  cause?: unknown;
}

export class ImportRunError extends Error {
  override readonly name = "ImportRunError";
  readonly started: boolean;
  readonly leftOpen: boolean;
  readonly sessions: readonly RecordedSession[];
  readonly failedSessionId: string | undefined;
  readonly cleanup: CleanupOutcome | undefined;
  readonly stillProcessing: boolean;
  readonly nextRun: readonly NextRun[];
  private readonly details: ImportRunErrorDetails;

  constructor(details: ImportRunErrorDetails) {
    super(details.message);
    this.started = details.started;
    this.leftOpen = details.leftOpen === true;
    this.sessions = details.sessions.map((s) => ({ ...s }));
    this.failedSessionId = details.failedSessionId;
    this.cleanup = details.cleanup;
    this.stillProcessing = details.stillProcessing === true;
    this.nextRun = details.nextRun ?? [];
    this.details = details;
    Object.defineProperty(this, "details", { enumerable: false });
    Object.defineProperty(this, BRAND, { value: "ImportRunError", enumerable: false });
    if (details.cause !== undefined)
      Object.defineProperty(this, "cause", { value: details.cause, enumerable: false, writable: true });
  }

  /** The same failure carrying `sessions` (in plan order, with the ones a resumed job kept). */
  withSessions(sessions: readonly RecordedSession[]): ImportRunError {
    return new ImportRunError({ ...this.details, sessions });
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
