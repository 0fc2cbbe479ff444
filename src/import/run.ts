import { isOktaApiError } from "../client/errors";
import type { UploadBodies, UploadKind } from "../schemas/bulk-bodies";
import type { OktaClient } from "../client/types";
import { SESSION_COOLDOWN_SECONDS } from "../schemas/limits";
import type { Session } from "../schemas/wire";
import { planDigest } from "./digest";
import { followContext, followSession } from "./follow";
import {
  type JobContext,
  cancelSession,
  formatDuration,
  isAbort,
  isAmbiguousFailure,
  optsOf,
  throwIfAborted,
} from "./job-context";
import { openSession } from "./open-session";
import { recoverOwnSessions } from "./recover-own-sessions";
import { cancelIfEmpty } from "./empty-session";
import type { ImportPlan, PlannedSession } from "./plan";
import {
  type CleanupOutcome,
  ImportRunError,
  type NextRun,
  type Log,
  type Text,
  describeCleanup,
  errorMessage,
  text,
  textOf,
  textSentence,
} from "./run-errors";
import { MAX_RESENDS_PER_UPLOAD, ResendBudget, type SessionLimits } from "./resend-budget";
import type { SessionJournal } from "./session-journal";
import { withSourceLock } from "./source-lock";
import { NOTHING_TO_IMPORT, UNKNOWN_OUTCOME, describeSessions, type SessionOutcome } from "./session-status";
import { type LoadFailure, startImport } from "./start-import";

// One planned session after another: open, upload, trigger, follow (docs/import-faults.md#before-and-after-start-import).
export interface RunImportOptions {
  /** Epoch ms. */
  clock: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  log: Log;
  signal?: AbortSignal;
  /** False: the last session is left TRIGGERED (earlier ones are followed: the next must not start before). */
  waitForCompletion: boolean;
  /** Per session, after start-import. */
  completionTimeoutSeconds: number;
  activeSessionWaitSeconds: number;
  pollIntervalSeconds: number;
  staleSessionSeconds: number;
  /** Deadline of each cleanup call. @default 125: a 429 asks for up to 61 s; shorter gives up on the first one. */
  cleanupTimeoutSeconds?: number;
  /** Loads of one planned session after ambiguous upload failures. @default 3 */
  maxSessionAttempts?: number;
  /** @internal Okta's per-session limits that re-sent uploads are counted against; tests shrink them. */
  sessionLimits?: SessionLimits;
  /** @internal Okta's five-minute rule; tests of other things may shorten it. @default 300 */
  cooldownSeconds?: number;
  /** Planned sessions an earlier run of the same plan completed: not run again, nor in the result. */
  skipPlanIndexes?: ReadonlySet<number>;
  /** Sessions a crashed run left are recovered from it first (`recover-own-sessions.ts`); absent: stale rule only. */
  journal?: SessionJournal;
}

export interface ImportRunResult {
  sessions: SessionOutcome[];
  uploads: number;
  restarts: number;
}

export async function runImport(
  client: OktaClient,
  identitySourceId: string,
  plan: ImportPlan,
  options: RunImportOptions,
): Promise<ImportRunResult> {
  const ctx: JobContext = {
    ...followContext(client, identitySourceId, options),
    staleMs: options.staleSessionSeconds * 1000,
    cooldownMs: (options.cooldownSeconds ?? SESSION_COOLDOWN_SECONDS) * 1000,
    activeSessionWaitMs: options.activeSessionWaitSeconds * 1000,
    completionTimeoutMs: options.completionTimeoutSeconds * 1000,
    cleanupTimeoutMs: (options.cleanupTimeoutSeconds ?? 125) * 1000,
  };
  const skip = options.skipPlanIndexes ?? new Set<number>();
  const digest = options.journal ? planDigest(plan) : "";
  const run = async (): Promise<ImportRunResult> => {
    const recovered = options.journal
      ? await recoverOwnSessions(ctx, options.journal, plan, digest, skip)
      : [];
    const done = new Set([...skip, ...recovered.map((s) => s.planIndex)]);
    return new Job(ctx, plan, options, done, recovered, digest).run();
  };
  return withSourceLock(identitySourceId, run, () =>
    ctx.log(`waiting for another import of identity source ${identitySourceId} in this deployment to finish`),
  );
}

/** Job-level resends of an upload the client gave up on with 429 (each after the client's own retries). */
const MAX_RATE_LIMITED_RESENDS = 2;

/** First wait before sending an upload in doubt again; doubles with each re-send of the same upload. */
const RESEND_DELAY_MS = 1_000;

class Job {
  private ownCooldownFrom: number | undefined;
  private restarts = 0;

  constructor(
    private readonly ctx: JobContext,
    private readonly plan: ImportPlan,
    private readonly options: RunImportOptions,
    private readonly skip: ReadonlySet<number>,
    /** The sessions recovered from the journal, then those this run triggers. */
    private readonly done: SessionOutcome[],
    /** Of the plan, for the journal's entries. */
    private readonly digest: string,
  ) {}

  async run(): Promise<ImportRunResult> {
    const total = this.plan.sessions.length;
    for (const [index, planned] of this.plan.sessions.entries()) {
      if (this.skip.has(index)) continue;
      const label = `session ${index + 1}/${total}`;
      const outcome = await this.loadAndTrigger(planned, index, label);
      this.done.push(outcome);
      if (outcome.status === NOTHING_TO_IMPORT) continue;
      if (!this.options.waitForCompletion && index === total - 1) {
        this.ctx.log(`${label} ${outcome.id}: not waiting for completion`, "not-waiting");
        // Handed to the resource's state with the result: a later run reads it from there.
        this.settled(outcome.id);
        break;
      }
      await this.follow(outcome, label);
    }
    return {
      sessions: this.done.map((s) => ({ ...s })),
      uploads: this.done.reduce((n, s) => n + s.uploads, 0),
      restarts: this.restarts,
    };
  }

  private async loadAndTrigger(
    planned: PlannedSession,
    planIndex: number,
    label: string,
  ): Promise<SessionOutcome> {
    for (let attempt = 1; ; attempt++) {
      let session: Session;
      try {
        session = await openSession(this.ctx, label, this.ownCooldownFrom);
      } catch (cause) {
        throw this.beforeStart({ cause, what: "opening a session" }, label);
      }
      this.ownCooldownFrom = this.ctx.clock();
      this.options.journal?.record(session.id, planIndex, this.digest);
      const opened: SessionOutcome = { id: session.id, status: session.status, planIndex, uploads: 0 };
      const { loaded, failure } = await this.upload(planned, opened, label);
      if (failure) {
        const cleanup = await cancelSession(this.ctx, loaded.id);
        if (cleanup.result !== "failed") this.settled(loaded.id);
        const left = cleanup.result === "failed" ? loaded : { ...loaded, status: "CLOSED" };
        const cancelled = { ...failure, session: left, cleanup };
        const why = "sending it again would not fit within the session's limits";
        if (this.loadAgain(cancelled, attempt, label, why)) continue;
        throw this.beforeStart(cancelled, label);
      }
      const emptied = await cancelIfEmpty(this.ctx, planned, loaded.id);
      if (emptied?.result === "failed") {
        const cause = new Error(
          "Okta staged none of its records (every record it deletes is already gone), so there is nothing to start",
        );
        const left = { ...loaded, status: "CREATED" };
        throw this.beforeStart({ cause, what: "staging", session: left, cleanup: emptied }, label);
      }
      if (emptied) {
        this.settled(loaded.id);
        this.ctx.log(
          `${label} ${loaded.id}: Okta staged nothing (every record it deletes is already gone); ` +
            `cancelled the empty session, nothing to import`,
        );
        return { ...loaded, status: NOTHING_TO_IMPORT };
      }
      // Before sending: a crash during the request must err on "it may have been triggered".
      this.options.journal?.markTriggerSent(loaded.id);
      const started = await startImport(this.ctx, loaded, label);
      if (started.failure) {
        if (started.failure.cleanup.result !== "failed") this.settled(loaded.id);
        // startImport cancelled the session unless its cleanup failed: a cancelled one was never triggered.
        if (this.loadAgain(started.failure, attempt, label, "Okta cancelled it, so it was not triggered"))
          continue;
        throw this.beforeStart(started.failure, label);
      }
      this.ownCooldownFrom = this.ctx.clock();
      this.ctx.log(`${label} ${loaded.id}: triggered (${loaded.uploads} uploads)`);
      return { ...loaded, status: started.status };
    }
  }

  /** After a failure in doubt whose session was cancelled: whether to load it again in a fresh one. */
  private loadAgain(failure: LoadFailure, attempt: number, label: string, why: string): boolean {
    const maxAttempts = this.options.maxSessionAttempts ?? 3;
    const retry =
      isAmbiguousFailure(failure.cause) &&
      !isAbort(failure.cause, this.ctx.signal) &&
      attempt < maxAttempts &&
      failure.cleanup !== undefined &&
      failure.cleanup.result !== "failed";
    if (!retry) return false;
    this.restarts += 1;
    this.ctx.log(
      `${label} ${failure.session?.id ?? ""}: ${failure.what} got no clear answer (${errorMessage(failure.cause)}); ` +
        `cancelled the session and loading it again in a new one (attempt ${attempt + 1}/${maxAttempts}), ` +
        `since ${why}`,
    );
    return true;
  }

  /** A failure is returned, not thrown, so the caller cleans up. */
  private async upload(
    planned: PlannedSession,
    opened: SessionOutcome,
    label: string,
  ): Promise<{ loaded: SessionOutcome; failure?: LoadFailure }> {
    const { id } = opened;
    const count = planned.uploads.length;
    const budget = new ResendBudget(planned, this.options.sessionLimits);
    let loaded = opened;
    for (const [index, upload] of planned.uploads.entries()) {
      const what = `upload ${index + 1}/${count} (${upload.kind}, ${upload.records} records)`;
      for (let rateLimited = 0, inDoubt = 0; ;) {
        try {
          if (inDoubt > 0) await this.ctx.sleep(RESEND_DELAY_MS * 2 ** (inDoubt - 1), this.ctx.signal);
          throwIfAborted(this.ctx.signal);
          await sendUpload(this.ctx, id, upload);
          budget.spend(index);
          break;
        } catch (cause) {
          // A 429 was refused before processing: sending the same upload again stages nothing twice. The
          // client already waited for the rate-limit windows its deadline allowed; give it a few more.
          if (isOktaApiError(cause) && cause.status === 429 && rateLimited < MAX_RATE_LIMITED_RESENDS) {
            rateLimited += 1;
            this.ctx.log(`${label} ${id}: ${what} still rate-limited (429); sending it again`);
            continue;
          }
          if (!isAmbiguousFailure(cause) || isAbort(cause, this.ctx.signal))
            return { loaded, failure: { cause, what } };
          // Okta may have staged it: that copy counts against the session's limits whether or not it did.
          budget.spend(index);
          if (inDoubt >= MAX_RESENDS_PER_UPLOAD || !budget.allowsResend(index))
            return { loaded, failure: { cause, what } };
          inDoubt += 1;
          this.ctx.log(
            `${label} ${id}: ${what} got no clear answer (${errorMessage(cause)}); sending it again ` +
              `into the same session (staging it twice is safe; re-send ${inDoubt}/${MAX_RESENDS_PER_UPLOAD})`,
          );
        }
      }
      const status = loaded.status === "CREATED" ? "IN_PROGRESS" : loaded.status;
      loaded = { ...loaded, status, uploads: loaded.uploads + 1 };
      if (loaded.uploads === count || loaded.uploads % 10 === 0)
        this.ctx.log(`${label} ${id}: uploaded ${loaded.uploads}/${count}`);
    }
    return { loaded };
  }

  /** Follows the last session of `done`; anything but COMPLETED throws. */
  private async follow(triggered: SessionOutcome, label: string): Promise<void> {
    const { id } = triggered;
    const where = `${label} ${id}`;
    const triggeredAt = this.ctx.clock();
    let result;
    try {
      result = await followSession(
        this.ctx,
        id,
        triggered.status,
        triggeredAt + this.ctx.completionTimeoutMs,
      );
    } catch (cause) {
      const what = isAbort(cause, this.ctx.signal) ? "following was cancelled" : "checking its status failed";
      const message = `${where}: ${what} (${errorMessage(cause)}); last status ${triggered.status}`;
      throw this.afterStart([message], id, cause);
    } finally {
      // Ended, or the error's state record holds it now: a journal entry left behind would count it as done for a
      // later run of the same data.
      this.settled(id);
    }
    // Gone while TRIGGERED: recorded as TRIGGERED, every later run would wait for it (see `refreshSessions`).
    const status = result.gone && result.status === "TRIGGERED" ? UNKNOWN_OUTCOME : result.status;
    this.done[this.done.length - 1] = { ...triggered, status };
    const took = formatDuration(this.ctx.clock() - triggeredAt);
    if (result.status === "COMPLETED") {
      this.ctx.log(`${where}: COMPLETED in ${took}`);
      return;
    }
    if (result.timedOut) {
      const seconds = Math.round(this.ctx.completionTimeoutMs / 1000);
      const message = text`${where} is still ${result.status} after ${{ setting: "completionTimeout", seconds }}; \
Okta keeps processing it`;
      throw this.afterStart(message, id, undefined, ["follows-again"]);
    }
    const message = result.gone
      ? `${where} disappeared (404) while ${result.status}; whether its data was imported is unknown (see ` +
        `Reports > Import Monitoring in the Admin Console)`
      : `${where} ended with status ${result.status} after ${took}` +
        (result.status === "ERROR"
          ? ": Okta reported an error while importing it (details in the Admin Console, Reports > Import Monitoring)"
          : "");
    throw this.afterStart([message], id);
  }

  /** Terminal, or handed to the resource's state: no longer for a rerun to recover. */
  private settled(sessionId: string): void {
    this.options.journal?.remove(sessionId);
  }

  private beforeStart(failure: LoadFailure, label: string): ImportRunError {
    const sessions = failure.session ? [...this.done, { ...failure.session }] : [...this.done];
    const started = this.done.length > 0 || failure.mayHaveStarted === true;
    const where = failure.session ? `${label} ${failure.session.id}` : label;
    // A session we could not cancel blocks the identity source: recorded in state, the next run cancels it
    // (`cancelLeftLoading`). One that may have been triggered is already recorded as started.
    const leftOpen = failure.cleanup?.result === "failed" && !failure.mayHaveStarted;
    const cleanup: Text = !failure.cleanup
      ? []
      : text` Cleanup: ${leftOpen ? this.leftOpenText(failure.cleanup) : describeCleanup(failure.cleanup)}.`;
    const inDoubt = failure.mayHaveStarted
      ? " The session may have been triggered (it could be neither cancelled nor read back)."
      : "";
    const nextRun: NextRun[] = [];
    if (leftOpen) nextRun.push(failure.cleanup?.notCancellable ? "checks-first" : "cancels-left-open");
    if (failure.mayHaveStarted) nextRun.push("checks-first");
    if (this.done.length > 0) nextRun.push("reruns-not-done");
    const earlier =
      this.done.length > 0
        ? ` Sessions already triggered: ${describeSessions(this.done)}.`
        : started
          ? ""
          : this.skip.size > 0
            ? " Nothing was imported by this run (sessions an earlier run completed are kept)."
            : " Nothing was imported.";
    return new ImportRunError({
      text: text`${where}: ${failure.what} failed: ${textSentence(textOf(failure.cause))}${cleanup}${inDoubt}${earlier}`,
      started,
      leftOpen,
      sessions,
      nextRun,
      failedSessionId: failure.session?.id,
      cleanup: failure.cleanup,
      cause: failure.cause,
    });
  }

  private leftOpenText(cleanup: CleanupOutcome): string {
    const path = `/api/v1/identity-sources/${this.ctx.identitySourceId}/sessions/${cleanup.sessionId}`;
    const failed = `cancelling session ${cleanup.sessionId} failed too (${cleanup.detail ?? "unknown error"})`;
    // Okta refuses to cancel only a session past CREATED/IN_PROGRESS: it is not open, so say what we know.
    if (cleanup.notCancellable) return `${failed}: Okta says it is no longer loading`;
    return (
      `${failed}; it stays open and blocks the identity source. To clear it at once: DELETE ${path} ` +
      `(this discards its staged data)`
    );
  }

  private afterStart(
    message: Text,
    failedSessionId: string,
    cause?: unknown,
    nextRun: readonly NextRun[] = [],
  ): ImportRunError {
    return new ImportRunError({
      text: text`${message}. Sessions: ${describeSessions(this.done)}.`,
      started: true,
      sessions: [...this.done],
      failedSessionId,
      nextRun,
      cause,
    });
  }
}

function sendUpload<K extends UploadKind>(
  ctx: JobContext,
  sessionId: string,
  upload: { kind: K; body: UploadBodies[K] },
): Promise<void> {
  return ctx.client.bulk[upload.kind](ctx.identitySourceId, sessionId, upload.body, optsOf(ctx));
}
