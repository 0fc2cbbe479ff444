import { isInvalidResponseError } from "../client/errors";
import type { OktaClient } from "../client/types";
import { optsOf, type JobContext } from "./job-context";
import { nextPollDelay } from "./poll-schedule";
import { errorMessage } from "./run-errors";
import { isTerminalStatus } from "./session-status";

// Follows a triggered session to a terminal status by polling up to a deadline: Okta has no webhook for it
// (docs/okta-api.md#session-endpoints). A failing GET rejects; a 2xx body we cannot use is polled again until
// the deadline (a GET is safe to repeat).

export interface FollowResult {
  status: string;
  timedOut: boolean;
  /** Okta answered 404: the session was purged (or never visible). `status` is the last one seen. */
  gone: boolean;
}

export type FollowContext = Pick<
  JobContext,
  "client" | "identitySourceId" | "clock" | "sleep" | "signal" | "pollMs" | "log"
>;

export function followContext(
  client: OktaClient,
  identitySourceId: string,
  o: Pick<FollowContext, "clock" | "sleep" | "log"> & { signal?: AbortSignal; pollIntervalSeconds: number },
): FollowContext {
  const { clock, sleep, log, signal } = o;
  return { client, identitySourceId, clock, sleep, log, signal, pollMs: o.pollIntervalSeconds * 1000 };
}

export async function followSession(
  ctx: FollowContext,
  sessionId: string,
  initialStatus: string,
  deadline: number,
): Promise<FollowResult> {
  let status = initialStatus;
  const since = ctx.clock();
  // The first look is immediate: a small import may already be done, and one extra GET per session is cheap.
  for (let first = true; ; first = false) {
    if (isTerminalStatus(status)) return { status, timedOut: false, gone: false };
    const now = ctx.clock();
    if (now >= deadline) return { status, timedOut: true, gone: false };
    if (!first) {
      const delay = nextPollDelay(now - since, ctx.pollMs, ctx.client.rateLimitHeadroom());
      await ctx.sleep(Math.min(delay, deadline - now), ctx.signal);
    }
    let session;
    try {
      session = await ctx.client.sessions.get(ctx.identitySourceId, sessionId, optsOf(ctx));
    } catch (e) {
      if (!isInvalidResponseError(e) || ctx.clock() >= deadline) throw e;
      ctx.log(
        `session ${sessionId}: status check got an answer we cannot use (${errorMessage(e)}); polling again`,
      );
      continue;
    }
    if (!session) return { status, timedOut: false, gone: true };
    status = session.status;
  }
}
