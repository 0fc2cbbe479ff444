import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";

// The sessions our jobs created and have not seen end, one file per org and identity source: Okta sessions
// carry no label, so without it a rerun after a crash waits for its own session like for anyone's, until the
// stale threshold (`session-gate.ts`). No credential, no record data. Best effort: a failure to read or write
// is reported once and the job goes on without it. Two processes writing at once may lose one entry (that
// session falls back to the stale rule): a lock file would risk a stale lock after the very crash this is for.

export const JOURNAL_ENTRY_LIMIT = 50;
/** Okta expires a session left loading after 24 h; a triggered one finishes long before a week. */
export const JOURNAL_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const DIGEST_CHARS = 32;

const EntrySchema = z.object({
  sessionId: z.string().regex(/^[A-Za-z0-9]{1,64}$/),
  /** When our job got the session, epoch ms (this machine's clock). */
  createdAt: z.number().int().nonnegative(),
  /** start-import was about to be sent (set before sending, so a crash mid-request errs on "sent"). */
  triggerSent: z.boolean(),
  /** 0-based index of the planned session it carries. */
  planIndex: z.number().int().nonnegative(),
  /** First characters of the plan digest (`digest.ts`): which data it carries. */
  planDigest: z.string().regex(/^[0-9a-f]+$/),
  /** Hash of the host name and pid namespace: another machine's or container's entries are left alone. */
  host: z.string().regex(/^[0-9a-f]{16}$/),
  pid: z.number().int().positive(),
});
export type JournalEntry = z.infer<typeof EntrySchema>;

/** An entry that does not parse is dropped (`null`), the others kept. */
const FileSchema = z.object({ version: z.literal(1), entries: z.array(EntrySchema.nullable().catch(null)) });

/** Who holds an entry's session; only a "gone" (crashed) owner's is ours to clean up. */
export type OwnerState = "this-process" | "running" | "gone" | "other-machine";

export interface SessionJournal {
  /** For messages. */
  readonly path: string;
  /** Entries of this org and identity source, oldest first. */
  entries(): JournalEntry[];
  record(sessionId: string, planIndex: number, planDigest: string): void;
  markTriggerSent(sessionId: string): void;
  remove(sessionId: string): void;
  ownerOf(entry: JournalEntry): OwnerState;
}

export interface OpenJournalOptions {
  directory: string;
  /** Normalised org URL and identity source id: the file's key. */
  orgUrl: string;
  identitySourceId: string;
  /** Epoch ms. */
  clock: () => number;
  /** One short line when the journal cannot be used; never a path's contents. */
  warn: (message: string) => void;
  /** @internal Tests pose as another process or machine. @default this process */
  self?: { host: string; pid: number };
  /** @internal @default a signal-0 probe */
  isRunning?: (pid: number) => boolean;
}

/** The digest prefix an entry stores and compares. */
export function shortDigest(planDigest: string): string {
  return planDigest.slice(0, DIGEST_CHARS);
}

export function hostHash(name: string = hostname(), pidNamespace: string = ownPidNamespace()): string {
  return createHash("sha256").update(`host\n${name}\n${pidNamespace}`).digest("hex").slice(0, 16);
}

/** Which process-id namespace this process lives in (Linux: `pid:[4026531836]`). Two containers started with
 * the same host name (or `--network host`) see each other's journal but not each other's processes: a pid
 * that is free here may run there. Empty where `/proc` does not tell (macOS, Windows: one namespace). */
function ownPidNamespace(): string {
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return "";
  }
}

/** Sessions recorded by this process, per journal file: their owner is alive (it is us). */
const recordedHere = new Set<string>();

export function openSessionJournal(options: OpenJournalOptions): SessionJournal {
  const { directory, clock, warn } = options;
  const key = createHash("sha256").update(`${options.orgUrl}\n${options.identitySourceId}`).digest("hex");
  const path = join(directory, `${key.slice(0, 32)}.json`);
  const self = options.self ?? { host: hostHash(), pid: process.pid };
  const isRunning = options.isRunning ?? processIsRunning;
  let broken = false;

  const fail = (what: string, e: unknown): void => {
    if (broken) return;
    broken = true;
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    warn(
      `session journal ${path}: ${what} failed (${code ?? (e instanceof Error ? e.message : String(e))}); ` +
        `continuing without it, so a crash of this run is recovered by the stale rule only`,
    );
  };

  const load = (): JournalEntry[] => {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") fail("reading", e);
      return [];
    }
    let file: z.infer<typeof FileSchema>;
    try {
      file = FileSchema.parse(JSON.parse(text));
    } catch {
      // A torn or foreign file: start over (the next write replaces it).
      return [];
    }
    const oldest = clock() - JOURNAL_MAX_AGE_MS;
    return file.entries.filter((e): e is JournalEntry => e !== null && e.createdAt >= oldest);
  };

  const save = (entries: JournalEntry[]): void => {
    const kept = entries.slice(-JOURNAL_ENTRY_LIMIT);
    try {
      if (kept.length === 0) {
        rmSync(path, { force: true });
        return;
      }
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      writeFileSync(temporary, `${JSON.stringify({ version: 1, entries: kept })}\n`, { mode: 0o600 });
      renameSync(temporary, path);
    } catch (e) {
      fail("writing", e);
    }
  };

  const change = (edit: (entries: JournalEntry[]) => JournalEntry[]): void => {
    if (broken) return;
    save(edit(load()));
  };

  return {
    path,
    entries: () => (broken ? [] : load()),
    record(sessionId, planIndex, planDigest) {
      recordedHere.add(`${path}\n${sessionId}`);
      const entry: JournalEntry = {
        sessionId,
        createdAt: clock(),
        triggerSent: false,
        planIndex,
        planDigest: shortDigest(planDigest),
        host: self.host,
        pid: self.pid,
      };
      change((entries) => [...entries.filter((e) => e.sessionId !== sessionId), entry]);
    },
    markTriggerSent(sessionId) {
      change((entries) => entries.map((e) => (e.sessionId === sessionId ? { ...e, triggerSent: true } : e)));
    },
    remove(sessionId) {
      change((entries) => entries.filter((e) => e.sessionId !== sessionId));
    },
    ownerOf(entry) {
      if (entry.host !== self.host) return "other-machine";
      if (entry.pid === self.pid)
        // Our pid but not recorded by us: a crashed process that had the same pid (containers reuse them).
        return recordedHere.has(`${path}\n${entry.sessionId}`) ? "this-process" : "gone";
      return isRunning(entry.pid) ? "running" : "gone";
    },
  };
}

/** Signal 0 tests for existence only. EPERM: it exists under another user. A reused pid reads as running. */
function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
