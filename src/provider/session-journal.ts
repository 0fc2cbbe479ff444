import { homedir } from "node:os";
import { journalDirectory } from "../import/journal-location";
import { openSessionJournal, type SessionJournal } from "../import/session-journal";

/** This machine's session journal for the org and identity source; undefined when off or without a cache directory. */
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
