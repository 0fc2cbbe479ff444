import type { OktaClient } from "../client/types";
import { followSession, isTerminalStatus, type FollowContext } from "./follow";
import type { RunImportOptions } from "./run";

/**
 * Brings recorded sessions up to date: reads each non-terminal one again (a session Okta has purged keeps its
 * last known status) and, when `follow` is set, follows TRIGGERED ones to a terminal status within the
 * completion deadline. Used by `read` (refresh) and by `update` when the previous run did not finish.
 * Never throws for a purged session; a failing GET rejects.
 */

export interface RecordedSession {
  id: string;
  status: string;
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
): Promise<RecordedSession[]> {
  const ctx: FollowContext = {
    client,
    identitySourceId,
    clock: options.clock,
    sleep: options.sleep,
    signal: options.signal,
    pollMs: options.pollIntervalSeconds * 1000,
  };
  const completionTimeoutMs = options.completionTimeoutSeconds * 1000;
  const out: RecordedSession[] = [];
  for (const recorded of sessions) {
    if (isTerminalStatus(recorded.status)) {
      out.push({ ...recorded });
      continue;
    }
    const seen = await client.sessions.get(identitySourceId, recorded.id);
    let status = seen?.status ?? recorded.status;
    if (seen && options.follow && status === "TRIGGERED") {
      options.log(`session ${recorded.id}: still TRIGGERED, following it`);
      const result = await followSession(ctx, recorded.id, status, options.clock() + completionTimeoutMs);
      status = result.status;
    }
    out.push({ id: recorded.id, status });
  }
  return out;
}
