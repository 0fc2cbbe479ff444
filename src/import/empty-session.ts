import { UPLOAD_KIND_SPECS } from "../schemas/upload-kinds";
import type { PlannedSession } from "./plan";
import { type JobContext, cancelSession, readBack } from "./job-context";
import type { CleanupOutcome } from "./run-errors";

/**
 * A session of deletes only may have staged nothing: Okta accepts a bulk delete whose external ids are all
 * unknown (already deleted, e.g. by an earlier run) but leaves the session CREATED, and start-import then fails
 * 400 (docs/okta-api.md#session-states). There is nothing to import, so the job cancels the empty session and moves on.
 *
 * Only a delete-only session is read back (one GET): any upsert moves the session to IN_PROGRESS. A failing
 * read is left to start-import to judge, as before.
 */

export type StagedCheck =
  /** Something was staged (or we could not tell): trigger it. */
  | { found: "records" }
  /** Nothing was staged; the session is cancelled. */
  | { found: "nothing" }
  /** Nothing was staged and cancelling the session failed: it stays open. */
  | { found: "nothing-left-open"; cleanup: CleanupOutcome };

export async function checkStaged(
  ctx: JobContext,
  planned: PlannedSession,
  sessionId: string,
): Promise<StagedCheck> {
  if (planned.uploads.some((u) => UPLOAD_KIND_SPECS[u.kind].action !== "delete")) return { found: "records" };
  // Unreadable counts as staged: start-import then tells.
  if ((await readBack(ctx, sessionId))?.status !== "CREATED") return { found: "records" };
  const cleanup = await cancelSession(ctx, sessionId);
  return cleanup.result === "failed" ? { found: "nothing-left-open", cleanup } : { found: "nothing" };
}
