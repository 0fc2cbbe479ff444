import { UPLOAD_KIND_SPECS } from "../schemas/upload-kinds";
import type { PlannedSession } from "./plan";
import { type JobContext, cancelSession, readBack } from "./job-context";
import type { CleanupOutcome } from "./run-errors";

// A delete-only session may have staged nothing: Okta accepts deletes of unknown ids but leaves the session
// CREATED, and start-import then fails 400 (docs/okta-api.md#session-states); the job cancels it instead.
// Only a delete-only session is read back: any upsert moves the session to IN_PROGRESS.

export type StagedCheck =
  /** Something was staged (or we could not tell: start-import then tells). */
  | { found: "records" }
  | { found: "nothing" }
  /** Cancelling the empty session failed: it stays open. */
  | { found: "nothing-left-open"; cleanup: CleanupOutcome };

export async function checkStaged(
  ctx: JobContext,
  planned: PlannedSession,
  sessionId: string,
): Promise<StagedCheck> {
  if (planned.uploads.some((u) => UPLOAD_KIND_SPECS[u.kind].action !== "delete")) return { found: "records" };
  if ((await readBack(ctx, sessionId))?.status !== "CREATED") return { found: "records" };
  const cleanup = await cancelSession(ctx, sessionId);
  return cleanup.result === "failed" ? { found: "nothing-left-open", cleanup } : { found: "nothing" };
}
