import type { CleanupOutcome } from "./run-errors";
import type { SessionJournal } from "./session-journal";

/**
 * The job's side of the session journal: the moments a session of ours starts, is about to be triggered and
 * stops being ours to clean up. A no-op without a journal, so the job reads the same either way.
 */
export interface JobJournal {
  created(sessionId: string, planIndex: number): void;
  /** Before start-import is sent: a crash during the request must err on "it may have been triggered". */
  triggering(sessionId: string): void;
  /** Terminal, or handed to Pulumi's state: no longer for a rerun to recover. */
  settled(sessionId: string): void;
  /** After a cancel: settled unless the cancel failed (the session may still be open). */
  cleanedUp(cleanup: CleanupOutcome | undefined): void;
}

export function journalHooks(journal: SessionJournal | undefined, digest: string): JobJournal {
  if (!journal) return { created() {}, triggering() {}, settled() {}, cleanedUp() {} };
  return {
    created: (id, planIndex) => journal.record(id, planIndex, digest),
    triggering: (id) => journal.markTriggerSent(id),
    settled: (id) => journal.remove(id),
    cleanedUp: (cleanup) => {
      if (cleanup && cleanup.result !== "failed") journal.remove(cleanup.sessionId);
    },
  };
}
