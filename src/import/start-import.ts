import { isLoadable } from "../schemas/limits";
import { type JobContext, cancelSession, isAmbiguousFailure, readBack, throwIfAborted } from "./job-context";
import type { CleanupOutcome, SessionOutcome } from "./run-errors";

/**
 * start-import of a loaded session, and what the job does when it gets no clear answer (see `run.ts`).
 */

/** Why a session failed before start-import, for the message. */
export interface LoadFailure {
  cause: unknown;
  what: string;
  session?: SessionOutcome;
  cleanup?: CleanupOutcome;
  /** Okta may have triggered `session` (start-import got no clear answer and nothing could prove otherwise). */
  mayHaveStarted?: boolean;
}

/**
 * start-import. After an ambiguous failure (no answer, a 5xx, or a 200 whose body we cannot use) the session
 * is read back: TRIGGERED or later means the trigger
 * happened; still IN_PROGRESS means it did not, and it is tried once more. Any other failure is returned
 * after cancelling the session, unless that cancel fails after an ambiguous failure (see `triggeredAfterAll`).
 */
export async function startImport(
  ctx: JobContext,
  outcome: SessionOutcome,
  label: string,
): Promise<LoadFailure | undefined> {
  const { client, identitySourceId } = ctx;
  for (let attempt = 1; ; attempt++) {
    try {
      throwIfAborted(ctx.signal);
      const triggered = await client.sessions.startImport(
        identitySourceId,
        outcome.id,
        ctx.signal ? { signal: ctx.signal } : {},
      );
      outcome.status = triggered.status;
      return undefined;
    } catch (cause) {
      if (isAmbiguousFailure(cause) && attempt < 2) {
        const seen = await readBack(ctx, outcome.id);
        if (seen && !isLoadable(seen.status)) {
          outcome.status = seen.status;
          return undefined;
        }
        if (seen) {
          ctx.log(
            `${label} ${outcome.id}: start-import got no clear answer; the session is ${seen.status}, trying again`,
          );
          continue;
        }
      }
      const failure: LoadFailure = { cause, what: "start-import", session: outcome };
      failure.cleanup = await cancelSession(ctx, outcome.id);
      if (failure.cleanup.result !== "failed") {
        outcome.status = "CLOSED";
        return failure;
      }
      if (isAmbiguousFailure(cause) && (await triggeredAfterAll(ctx, outcome, failure, label)))
        return undefined;
      return failure;
    }
  }
}

/**
 * After start-import got no clear answer and cancelling the session failed: was it triggered after all?
 * Losing a triggered session's id would make the next `up` import the same data again, so this looks once
 * more. True (status set) when it was; otherwise marks the failure `mayHaveStarted` when nothing could tell.
 */
async function triggeredAfterAll(
  ctx: JobContext,
  outcome: SessionOutcome,
  failure: LoadFailure,
  label: string,
): Promise<boolean> {
  const seen = await readBack(ctx, outcome.id);
  const status = seen ? seen.status : failure.cleanup?.notCancellable ? "TRIGGERED" : undefined;
  if (status !== undefined && !isLoadable(status)) {
    outcome.status = status;
    ctx.log(
      `${label} ${outcome.id}: start-import got no clear answer and Okta refused to cancel the session; ` +
        `it is ${status}${seen ? "" : " (it could not be read back)"}, so it was triggered`,
    );
    return true;
  }
  if (!seen) failure.mayHaveStarted = true;
  return false;
}
