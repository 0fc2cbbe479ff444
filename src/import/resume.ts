import { isOktaApiError } from "../client/errors";
import type { OktaClient } from "../client/types";
import { isLoadable } from "../schemas/limits";
import { followSession, isTerminalStatus, type FollowContext } from "./follow";
import type { RunImportOptions } from "./run";

/**
 * Brings recorded sessions up to date: reads each non-terminal one again and, when `follow` is set, follows
 * TRIGGERED ones to a terminal status within the completion deadline. Used by `read` (refresh) and by
 * `update` when the previous run did not finish. A failing GET rejects.
 *
 * A session Okta answers 404 for (purged, or otherwise no longer visible) is reported `gone`. It cannot be
 * followed and Okta keeps no trace of what it did, so:
 * - one that was TRIGGERED gets `UNKNOWN_OUTCOME`: it is no longer processing (it must not block the next
 *   `up` forever), and whether its data went in is unknown (claiming COMPLETED or ERROR would be a guess).
 *   Callers count it as finished and do not import it again: a gone session cannot be waited for, and a
 *   re-import would repeat deletes and upserts the user may have since changed elsewhere.
 * - one that was never triggered (CREATED/IN_PROGRESS) keeps its status: none of its data was imported.
 */

/** The recorded status of a triggered session Okta no longer has. Not an Okta status. */
export const UNKNOWN_OUTCOME = "UNKNOWN";

/**
 * The recorded status of a delete-only session in which Okta staged nothing (every record to delete was
 * already gone) and which the job therefore cancelled instead of triggering (`empty-session.ts`). Not an
 * Okta status (Okta reports it CLOSED); it counts as finished and as COMPLETED in `sessionStatus`.
 */
export const NOTHING_TO_IMPORT = "NOTHING_TO_IMPORT";

/** A recorded session whose work is done: COMPLETED, or one of our two outcomes that count as finished. */
export function countsAsDone(status: string): boolean {
  return status === "COMPLETED" || status === UNKNOWN_OUTCOME || status === NOTHING_TO_IMPORT;
}

export interface RecordedSession {
  id: string;
  status: string;
  /** 0-based index of the planned session it carried (absent in state from before it was recorded). */
  planIndex?: number;
}

export interface RefreshedSession extends RecordedSession {
  /** Okta answered 404 for it (now or while following it). */
  gone: boolean;
}

export async function refreshSessions(
  client: OktaClient,
  identitySourceId: string,
  sessions: readonly RecordedSession[],
  options: Pick<
    RunImportOptions,
    "clock" | "sleep" | "log" | "pollIntervalSeconds" | "completionTimeoutSeconds"
  > & {
    follow: boolean;
    signal?: AbortSignal;
  },
): Promise<RefreshedSession[]> {
  const ctx: FollowContext = {
    client,
    identitySourceId,
    clock: options.clock,
    sleep: options.sleep,
    log: options.log,
    signal: options.signal,
    pollMs: options.pollIntervalSeconds * 1000,
  };
  const completionTimeoutMs = options.completionTimeoutSeconds * 1000;
  const out: RefreshedSession[] = [];
  for (const recorded of sessions) {
    if (isTerminalStatus(recorded.status) || countsAsDone(recorded.status)) {
      out.push({ ...recorded, gone: false });
      continue;
    }
    const seen = await client.sessions.get(identitySourceId, recorded.id);
    let status = seen?.status ?? recorded.status;
    let gone = !seen;
    if (seen && options.follow && status === "TRIGGERED") {
      options.log(`session ${recorded.id}: still TRIGGERED, following it`);
      const result = await followSession(ctx, recorded.id, status, options.clock() + completionTimeoutMs);
      status = result.status;
      gone = result.gone;
    }
    if (gone && status === "TRIGGERED") {
      status = UNKNOWN_OUTCOME;
      options.log(
        `session ${recorded.id}: Okta no longer has it (404) and it was TRIGGERED; whether its data was ` +
          `imported is unknown (see Reports > Import Monitoring), so it is recorded as ${UNKNOWN_OUTCOME} and ` +
          `not imported again (change \`triggers\` to import again)`,
      );
    }
    out.push({ ...recorded, status, gone });
  }
  return out;
}

/**
 * Cancels recorded sessions that a previous run left loading (CREATED/IN_PROGRESS): a start-import without a
 * clear answer, whose session could be neither cancelled nor read back, is recorded that way. Its id is in
 * our state, so it is ours: cancelled now rather than waited for as if another party held it (which would
 * block the re-run until it turned stale). A cancel Okta refuses means the session moved on (e.g. it was
 * triggered after all); it is then left to `refreshSessions`, which reads and follows it.
 */
export async function cancelLeftLoading(
  client: OktaClient,
  identitySourceId: string,
  sessions: readonly RecordedSession[],
  log: (message: string) => void,
): Promise<RecordedSession[]> {
  const out: RecordedSession[] = [];
  for (const recorded of sessions) {
    if (!isLoadable(recorded.status)) {
      out.push(recorded);
      continue;
    }
    try {
      if (await client.sessions.cancel(identitySourceId, recorded.id)) {
        log(`cancelled session ${recorded.id} (${recorded.status}), which the previous run left loading`);
        out.push({ ...recorded, status: "CLOSED" });
        continue;
      }
    } catch (e) {
      if (!(isOktaApiError(e) && e.status === 400)) throw e;
    }
    out.push(recorded);
  }
  return out;
}
