/**
 * The session journal of the provider process: this machine's cache directory, keyed by the configured org and
 * the job's identity source (`import/journal-location.ts`, `import/session-journal.ts`).
 */
import { homedir } from "node:os";
import { journalDirectory } from "../import/journal-location";
import { openSessionJournal, type SessionJournal } from "../import/session-journal";

/** Undefined when turned off or when this machine has no cache directory. */
export function journalForJob(
  orgUrl: string,
  identitySourceId: string,
  warn: (message: string) => void,
): SessionJournal | undefined {
  const directory = journalDirectory({ env: process.env, platform: process.platform, home: safeHome() });
  if (directory === undefined) return undefined;
  return openSessionJournal({ directory, orgUrl, identitySourceId, clock: Date.now, warn });
}

/** `os.homedir()` throws when the user has no home entry (some containers). */
function safeHome(): string {
  try {
    return homedir();
  } catch {
    return "";
  }
}
