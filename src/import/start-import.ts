import { type JobContext, cancelSession, isAmbiguousFailure, readBack, throwIfAborted } from "./job-context";
import type { CleanupOutcome } from "./run-errors";
import { isLoadable, type SessionOutcome } from "./session-status";

/** Why a session failed before start-import, for the message. */
export interface LoadFailure {
  cause: unknown;
  what: string;
  session?: SessionOutcome;
  cleanup?: CleanupOutcome;
  /** Okta may have triggered `session` (start-import got no clear answer and nothing could prove otherwise). */
  mayHaveStarted?: boolean;
}

/** The session's status once triggered, or why it was not. */
export type StartResult = { status: string; failure?: undefined } | { failure: LoadFailure };

/**
 * start-import. After an ambiguous failure (no answer, a 5xx, or a 200 whose body we cannot use) the session
 * is read back: TRIGGERED or later means the trigger happened; still IN_PROGRESS means it did not, and it is
 * tried once more. Any other failure is returned after cancelling the session, unless that cancel fails after
 * an ambiguous failure (see `afterFailedCancel`).
 */
export async function startImport(
  ctx: JobContext,
  session: SessionOutcome,
  label: string,
): Promise<StartResult> {
  const { client, identitySourceId } = ctx;
  for (let attempt = 1; ; attempt++) {
    try {
      throwIfAborted(ctx.signal);
      const opts = ctx.signal ? { signal: ctx.signal } : {};
      return { status: (await client.sessions.startImport(identitySourceId, session.id, opts)).status };
    } catch (cause) {
      if (isAmbiguousFailure(cause) && attempt < 2) {
        const seen = await readBack(ctx, session.id);
        if (seen && !isLoadable(seen.status)) return { status: seen.status };
        if (seen) {
          ctx.log(
            `${label} ${session.id}: start-import got no clear answer; the session is ${seen.status}, trying again`,
          );
          continue;
        }
      }
      const cleanup = await cancelSession(ctx, session.id);
      const failure: LoadFailure = { cause, what: "start-import", session, cleanup };
      if (cleanup.result !== "failed")
        return { failure: { ...failure, session: { ...session, status: "CLOSED" } } };
      return isAmbiguousFailure(cause) ? afterFailedCancel(ctx, failure, session, label) : { failure };
    }
  }
}

/**
 * After start-import got no clear answer and cancelling the session failed: was it triggered after all?
 * Losing a triggered session's id would make the next run import the same data again, so this looks once
 * more. The failure is marked `mayHaveStarted` when nothing could tell.
 */
async function afterFailedCancel(
  ctx: JobContext,
  failure: LoadFailure,
  session: SessionOutcome,
  label: string,
): Promise<StartResult> {
  const seen = await readBack(ctx, session.id);
  const status = seen ? seen.status : failure.cleanup?.notCancellable ? "TRIGGERED" : undefined;
  if (status !== undefined && !isLoadable(status)) {
    ctx.log(
      `${label} ${session.id}: start-import got no clear answer and Okta refused to cancel the session; ` +
        `it is ${status}${seen ? "" : " (it could not be read back)"}, so it was triggered`,
    );
    return { status };
  }
  return { failure: seen ? failure : { ...failure, mayHaveStarted: true } };
}
