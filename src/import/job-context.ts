import {
  isAmbiguousFailure as noClearAnswer,
  isInvalidResponseError,
  isOktaApiError,
} from "../client/errors";
import type { OktaClient } from "../client/types";
import type { Session } from "../schemas/wire";
import { errorMessage, type CleanupOutcome, type Log } from "./run-errors";

export interface JobContext {
  client: OktaClient;
  identitySourceId: string;
  /** Epoch ms. */
  clock: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  log: Log;
  signal: AbortSignal | undefined;
  pollMs: number;
  staleMs: number;
  cooldownMs: number;
  activeSessionWaitMs: number;
  completionTimeoutMs: number;
  cleanupTimeoutMs: number;
}

/** `2026-01-01T00:05:00Z`: Okta's style, second precision. */
export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Seconds with at most one decimal: "12.5 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  return `${s >= 100 ? Math.round(s) : Math.round(s * 10) / 10} s`;
}

/** Whether Okta may have applied a request that failed: no answer, a 5xx, or a 2xx whose body we cannot use
 * (it arrived, nothing more). The job then looks at what is there instead of re-sending or calling it refused. */
export function isAmbiguousFailure(e: unknown): e is Error {
  return noClearAnswer(e) || isInvalidResponseError(e);
}

/** The request options carrying the job's abort signal. */
export function optsOf(ctx: { signal: AbortSignal | undefined }): { signal?: AbortSignal } {
  return ctx.signal ? { signal: ctx.signal } : {};
}

export function isAbort(e: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return true;
  if (isOktaApiError(e)) return e.kind === "aborted";
  return e instanceof Error && e.name === "AbortError";
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  if (signal.reason instanceof Error) throw signal.reason;
  throw Object.assign(new Error("The import was cancelled"), { name: "AbortError" });
}

/** Cancels a session with its own deadline and no abort signal: cleanup runs after a cancelled job too. Never throws. */
export async function cancelSession(ctx: JobContext, sessionId: string): Promise<CleanupOutcome> {
  try {
    const cancelled = await ctx.client.sessions.cancel(ctx.identitySourceId, sessionId, {
      deadline: ctx.clock() + ctx.cleanupTimeoutMs,
    });
    return { sessionId, result: cancelled ? "cancelled" : "already-gone" };
  } catch (e) {
    // Okta answers 400 only when the session is no longer CREATED/IN_PROGRESS (the client maps an unknown
    // session to "already gone"), which tells a caller in doubt that it was triggered.
    const notCancellable = isOktaApiError(e) && e.status === 400;
    return {
      sessionId,
      result: "failed",
      detail: errorMessage(e),
      ...(notCancellable ? { notCancellable } : {}),
    };
  }
}

/** The session as Okta has it now, within the cleanup deadline: undefined when Okta says it is gone (404, or its
 * 400 for an unknown session id), null when it cannot be read (`onError` hears why). */
export async function readBack(
  ctx: JobContext,
  sessionId: string,
  onError?: (e: unknown) => void,
): Promise<Session | undefined | null> {
  try {
    return await ctx.client.sessions.get(ctx.identitySourceId, sessionId, {
      deadline: ctx.clock() + ctx.cleanupTimeoutMs,
    });
  } catch (e) {
    onError?.(e);
    return null;
  }
}
