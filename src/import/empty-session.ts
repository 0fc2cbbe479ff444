import { UPLOAD_KIND_SPECS } from "../schemas/upload-kinds";
import type { PlannedSession } from "./plan";
import { type JobContext, cancelSession, readBack } from "./job-context";
import type { CleanupOutcome } from "./run-errors";

// A delete-only session may have staged nothing: Okta accepts deletes of unknown ids but leaves the session
// CREATED, and start-import then fails 400 (docs/okta-api.md#session-states); the job cancels it instead.
// Only a delete-only session is read back: any upsert moves the session to IN_PROGRESS.

/** The cancel of the session when Okta staged nothing in it; undefined when something was staged (or we could
 * not tell: start-import then tells). */
export async function cancelIfEmpty(
  ctx: JobContext,
  planned: PlannedSession,
  sessionId: string,
): Promise<CleanupOutcome | undefined> {
  if (planned.uploads.some((u) => UPLOAD_KIND_SPECS[u.kind].action !== "delete")) return undefined;
  if ((await readBack(ctx, sessionId))?.status !== "CREATED") return undefined;
  return cancelSession(ctx, sessionId);
}
