// Errors of the import job, checked by a brand property, not `instanceof`: the provider boundary can load
// these classes twice. Messages carry ids, statuses, counts and redacted error texts, never a payload.

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

/** What the next run does about a failure whose sessions reach state: the provider words the advice. */
export type NextRun =
  /** A session still processing at the completion deadline: it is followed again. */
  | "follows-again"
  /** A session that may have been triggered: its status is checked before anything runs again. */
  | "checks-first"
  /** A session left open: cancelled before importing. */
  | "cancels-left-open"
  /** The planned sessions that did not complete run again. */
  | "reruns-not-done";

/** A setting a message refers to, as a fact: the provider names it by its argument (`wordText`). */
export interface SettingRef {
  setting: "completionTimeout" | "activeSessionWait" | "staleSession";
  seconds?: number;
}

/** A message whose settings are `SettingRef`s, worded by whoever shows it. */
export type Text = readonly (string | SettingRef)[];

/** Builds a `Text`: strings and numbers are words, `SettingRef`s and nested `Text`s stay facts. */
export function text(
  strings: TemplateStringsArray,
  ...values: (string | number | SettingRef | Text)[]
): Text {
  return strings.flatMap((s, i): (string | SettingRef)[] => {
    const v = values[i];
    if (v === undefined) return [s];
    return [s, ...(Array.isArray(v) ? (v as Text) : [typeof v === "object" ? (v as SettingRef) : String(v)])];
  });
}

const PLAIN_NAMES: Record<SettingRef["setting"], string> = {
  completionTimeout: "the completion timeout",
  activeSessionWait: "the wait for a busy identity source",
  staleSession: "the stale threshold",
};

/** Words `t`; settings are named by `name` (the provider's argument names) or plainly ("the stale threshold of 60 s"). */
export function wordText(t: Text, name?: (ref: SettingRef) => string): string {
  const plain = (r: SettingRef) =>
    PLAIN_NAMES[r.setting] + (r.seconds === undefined ? "" : ` of ${r.seconds} s`);
  return t.map((p) => (typeof p === "string" ? p : (name ?? plain)(p))).join("");
}

/** The `Text` an error carries (`text`), or its message. */
export function textOf(e: unknown): Text {
  const t = (e as { text?: unknown } | undefined)?.text;
  return Array.isArray(t) ? (t as Text) : [errorMessage(e)];
}

/** An error whose message names settings (`textOf`). */
export class TextError extends Error {
  constructor(
    readonly text: Text,
    options?: { cause?: unknown },
  ) {
    super(wordText(text), options);
  }
}

/** What a progress line leaves to the provider to add: the setting behind it ("not-waiting"), or what to change. */
export type LogAdvice = "not-waiting" | "import-again";

/** One progress line, never a payload. */
export type Log = (message: string, advice?: LogAdvice) => void;

export interface ImportRunErrorDetails {
  text: Text;
  /** A session of this job was triggered: Okta may have imported data, so the ids must reach state. */
  started: boolean;
  /** A session of this job could not be cancelled before start-import and blocks the identity source: nothing
   * was imported, yet its id must reach state so the next run cancels it instead of waiting for it as another's. */
  leftOpen?: boolean;
  /** Every session of this job that reached start-import (or was kept), plus the failing one, in plan order. */
  sessions: readonly RecordedSession[];
  failedSessionId?: string | undefined;
  nextRun?: readonly NextRun[];
  cleanup?: CleanupOutcome | undefined;
  cause?: unknown;
}

export class ImportRunError extends Error {
  override readonly name = "ImportRunError";
  readonly text: Text;
  readonly started: boolean;
  readonly leftOpen: boolean;
  readonly sessions: readonly RecordedSession[];
  readonly failedSessionId: string | undefined;
  readonly cleanup: CleanupOutcome | undefined;
  readonly nextRun: readonly NextRun[];
  private readonly details: ImportRunErrorDetails;

  constructor(details: ImportRunErrorDetails) {
    super(wordText(details.text));
    this.text = details.text;
    this.started = details.started;
    this.leftOpen = details.leftOpen === true;
    this.sessions = details.sessions.map((s) => ({ ...s }));
    this.failedSessionId = details.failedSessionId;
    this.cleanup = details.cleanup;
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

/** Whether the error's sessions must reach state (the id-carrying error): see `started`, `leftOpen`. */
export function mustRecordSessions(e: ImportRunError): boolean {
  return (e.started || e.leftOpen) && e.sessions.length > 0;
}

/** Describes a cleanup for a message: "the session was cancelled; nothing of it was imported". */
export function describeCleanup(cleanup: CleanupOutcome): Text {
  switch (cleanup.result) {
    case "cancelled":
      return [`session ${cleanup.sessionId} was cancelled (CLOSED); nothing of it was imported`];
    case "already-gone":
      return [`session ${cleanup.sessionId} was already gone`];
    case "failed":
      return text`cancelling session ${cleanup.sessionId} failed too (${cleanup.detail ?? "unknown error"}); \
it blocks the identity source until it is cancelled or becomes stale (${{ setting: "staleSession" }}) and is \
cancelled by the next run`;
  }
}

/** `t` ending in exactly one full stop, so messages that end in a sentence are not doubled ("…Z.."). */
export function textSentence(t: Text): Text {
  const last = t[t.length - 1];
  if (typeof last !== "string") return [...t, "."];
  return [...t.slice(0, -1), /[.!?]$/.test(last) ? last : `${last}.`];
}

export function errorMessage(e: unknown): string {
  const message = (e as { message?: unknown } | null | undefined)?.message;
  return typeof message === "string" ? message : String(e);
}
