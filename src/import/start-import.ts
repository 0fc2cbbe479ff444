import {
  type JobContext,
  cancelSession,
  isAmbiguousFailure,
  optsOf,
  readBack,
  throwIfAborted,
} from "./job-context";
import type { CleanupOutcome } from "./run-errors";
import { isLoadable, type SessionOutcome } from "./session-status";

export interface LoadFailure {
  cause: unknown;
  what: string;
  session?: SessionOutcome;
  cleanup?: CleanupOutcome;
  /** Okta may have triggered `session` (start-import got no clear answer and nothing could prove otherwise). */
  mayHaveStarted?: boolean;
}

/** start-import's failures always carry the cancel that followed. */
type StartFailure = LoadFailure & { cleanup: CleanupOutcome };

export type StartResult = { status: string; failure?: undefined } | { failure: StartFailure };

/** start-import; after an ambiguous failure the session is read back, and tried once more if still loading. */
export async function startImport(
  ctx: JobContext,
  session: SessionOutcome,
  label: string,
): Promise<StartResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      throwIfAborted(ctx.signal);
      const started = await ctx.client.sessions.startImport(ctx.identitySourceId, session.id, optsOf(ctx));
      return { status: started.status };
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
      const failure: StartFailure = { cause, what: "start-import", session, cleanup };
      if (cleanup.result !== "failed")
        return { failure: { ...failure, session: { ...session, status: "CLOSED" } } };
      return isAmbiguousFailure(cause) ? afterFailedCancel(ctx, failure, session, label) : { failure };
    }
  }
}

/** Cancelling failed after an ambiguous start: was it triggered? Losing its id would import the data again. */
async function afterFailedCancel(
  ctx: JobContext,
  failure: StartFailure,
  session: SessionOutcome,
  label: string,
): Promise<StartResult> {
  const seen = await readBack(ctx, session.id);
  const status = seen ? seen.status : failure.cleanup.notCancellable ? "TRIGGERED" : undefined;
  if (status !== undefined && !isLoadable(status)) {
    ctx.log(
      `${label} ${session.id}: start-import got no clear answer and Okta refused to cancel the session; ` +
        `it is ${status}${seen ? "" : " (it could not be read back)"}, so it was triggered`,
    );
    return { status };
  }
  return { failure: seen ? failure : { ...failure, mayHaveStarted: true } };
}
