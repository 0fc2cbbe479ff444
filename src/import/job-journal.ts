import type { CleanupOutcome } from "./run-errors";
import type { SessionJournal } from "./session-journal";

/** The job's side of the session journal; a no-op without one. */
export interface JobJournal {
  created(sessionId: string, planIndex: number): void;
  /** Before start-import is sent: a crash during the request must err on "it may have been triggered". */
  triggering(sessionId: string): void;
  /** Terminal, or handed to the resource's state: no longer for a rerun to recover. */
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
