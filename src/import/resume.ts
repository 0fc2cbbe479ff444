import { isOktaApiError } from "../client/errors";
import type { OktaClient } from "../client/types";
import { followContext, followSession } from "./follow";
import {
  UNKNOWN_OUTCOME,
  countsAsDone,
  isLoadable,
  isTerminalStatus,
  type RecordedSession,
} from "./session-status";
import type { RunImportOptions } from "./run";

type RefreshOptions = Pick<
  RunImportOptions,
  "clock" | "sleep" | "log" | "signal" | "pollIntervalSeconds" | "completionTimeoutSeconds"
> & { follow: boolean };

/** Reads each recorded non-terminal session again (`follow`: TRIGGERED ones are followed). One gone (404) while
 * TRIGGERED becomes UNKNOWN: it must not block the next run forever, COMPLETED or ERROR would be a guess, and
 * importing it again would repeat changes the user may have since made elsewhere. */
export async function refreshSessions(
  client: OktaClient,
  identitySourceId: string,
  sessions: readonly RecordedSession[],
  options: RefreshOptions,
): Promise<(RecordedSession & { gone: boolean })[]> {
  const ctx = followContext(client, identitySourceId, options);
  const out: (RecordedSession & { gone: boolean })[] = [];
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
      const deadline = options.clock() + options.completionTimeoutSeconds * 1000;
      ({ status, gone } = await followSession(ctx, recorded.id, status, deadline));
    }
    if (gone && status === "TRIGGERED") {
      status = UNKNOWN_OUTCOME;
      options.log(
        `session ${recorded.id}: Okta no longer has it (404) and it was TRIGGERED; whether its data was ` +
          `imported is unknown (see Reports > Import Monitoring), so it is recorded as ${UNKNOWN_OUTCOME} and ` +
          `not imported again`,
        "import-again",
      );
    }
    out.push({ ...recorded, status, gone });
  }
  return out;
}

/** Cancels recorded sessions a previous run left loading: ours (in our state), not waited for as another party's.
 * A cancel Okta refuses means it was triggered after all: left to `refreshSessions`. */
export async function cancelLeftLoading(
  client: OktaClient,
  identitySourceId: string,
  sessions: readonly RecordedSession[],
  log: (message: string) => void,
): Promise<RecordedSession[]> {
  const out: RecordedSession[] = [];
  for (const recorded of sessions) {
    let cancelled = false;
    try {
      cancelled =
        isLoadable(recorded.status) && (await client.sessions.cancel(identitySourceId, recorded.id));
    } catch (e) {
      if (!(isOktaApiError(e) && e.status === 400)) throw e;
    }
    if (cancelled)
      log(`cancelled session ${recorded.id} (${recorded.status}), which the previous run left loading`);
    out.push(cancelled ? { ...recorded, status: "CLOSED" } : recorded);
  }
  return out;
}
