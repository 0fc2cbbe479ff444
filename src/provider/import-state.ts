/** The state of an `IdentitySourceImport`. Outputs never hold the payload: it stays in the secret inputs. */
import {
  BLOCK_ENVELOPES,
  checkImportArgs,
  IMPORT_BLOCKS,
  IMPORT_DEFAULTS,
  parseImportEnvelope,
  recordsValid,
  type ImportArgs,
  type ImportBlock,
} from "../schemas/import-args";
import { UPLOAD_KIND_OF_BLOCK } from "../schemas/upload-kinds";
import { blockDigests, payloadDigests, planDigest, type PayloadDigests } from "../import/digest";
import type { ImportPlan } from "../import/plan";
import type { PrunedRecords } from "../import/delta";
import { overallStatus, type RecordedSession } from "../import/session-status";
import { parseChecked } from "./inputs";
import { RESOURCE_NAME_KEY } from "./log";
import { stripUndefined } from "./values";

/** Operational knobs: a change updates state and never re-runs the job. */
export const KNOB_KEYS = [
  "waitForCompletion",
  "completionTimeoutSeconds",
  "activeSessionWaitSeconds",
  "pollIntervalSeconds",
  "staleSessionSeconds",
  "maxDeletes",
  "uploadMode",
  "prune",
] as const;
export type KnobKey = (typeof KNOB_KEYS)[number];

/** The value of a knob with its default applied (`maxDeletes` has none: null). */
export function effectiveKnob(bag: Record<string, unknown> | undefined, key: KnobKey): unknown {
  const value = bag?.[key];
  if (value !== undefined && value !== null) return value;
  return key === "maxDeletes" ? null : IMPORT_DEFAULTS[key];
}

/** Strips the keys the host and our resource class add (`__provider`, `resourceName`). */
export function argsOnly(raw: Record<string, unknown>): Record<string, unknown> {
  const { __provider: _p, [RESOURCE_NAME_KEY]: _n, ...rest } = raw;
  return rest;
}

/** Parses inputs `check` accepted; records `checkedBefore` (by `check` in this process) are not validated again. */
export function parseImportInputs(
  raw: Record<string, unknown>,
  checkedBefore: (args: ImportArgs) => boolean = () => false,
): ImportArgs {
  const args = parseImportEnvelope(argsOnly(raw));
  return parseChecked(
    "IdentitySourceImport",
    args && (checkedBefore(args) || recordsValid(args)) ? args : undefined,
    () => checkImportArgs(argsOnly(raw)).failures,
  );
}

/** Digests of a (possibly unparsed) input bag's blocks; a block that does not parse is digested as given (differing). */
export function digestsOf(bag: Record<string, unknown>): PayloadDigests {
  return payloadDigests(normalisedBlocks(bag));
}

/** `digestsOf(bag).blockDigests` alone: what `diff` compares, at half the hashing. */
export function blockDigestsOf(bag: Record<string, unknown>): Partial<Record<ImportBlock, string>> {
  return blockDigests(normalisedBlocks(bag));
}

/** Each block normalised; an absent one (undefined or null, which do not parse) stays so, and has no digest. */
function normalisedBlocks(bag: Record<string, unknown>): Partial<Record<ImportBlock, unknown>> {
  return Object.fromEntries(
    IMPORT_BLOCKS.map((block) => [block, normaliseBlock(block, bag[block]) ?? bag[block]]),
  );
}

/** One data block with its defaults applied, or undefined when it does not parse; records (no defaults) not walked. */
export function normaliseBlock(block: ImportBlock, raw: unknown): unknown {
  const parsed = BLOCK_ENVELOPES[block].safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function recordedSessionCount(props: Record<string, unknown> | undefined): number | undefined {
  const count = props?.["sessionCount"];
  return typeof count === "number" ? count : undefined;
}

/** Records per argument block, e.g. `{ upsertUsers: 25000, … }` (zeros kept; no plan: all zero). */
export function countsOf(plan?: ImportPlan): Record<ImportBlock, number> {
  const counts = {} as Record<ImportBlock, number>;
  for (const block of IMPORT_BLOCKS) counts[block] = plan?.totals.records[UPLOAD_KIND_OF_BLOCK[block]] ?? 0;
  return counts;
}

export interface LastRun {
  mode: "changes" | "all" | "none";
  sent: Record<ImportBlock, number>;
  uploads: number;
  /** Planned sessions: the count `jobFinished` judges the recorded sessions against. */
  sessions: number;
  planDigest: string;
}

export function lastRunOf(plan: ImportPlan, mode: "changes" | "all"): LastRun {
  return {
    mode,
    sent: countsOf(plan),
    uploads: plan.totals.uploads,
    sessions: plan.totals.sessions,
    planDigest: planDigest(plan),
  };
}

/** An update that sent nothing: the recorded sessions stay those of the run before. */
export function nothingSent(olds: Record<string, unknown>, recordedCount: number): LastRun {
  const digest = olds["planDigest"];
  return {
    mode: "none",
    sent: countsOf(),
    uploads: 0,
    sessions: recordedCount,
    planDigest: typeof digest === "string" ? digest : "",
  };
}

/** The last run as outputs recorded it (state from 0.1.0 has no `lastRun`: its run sent everything). */
export function recordedLastRun(olds: Record<string, unknown>, plan: ImportPlan): LastRun {
  const { lastRun: mode, uploadCount: uploads, planDigest: digest } = olds;
  const sent = olds["sent"] ?? olds["counts"];
  const fallback = lastRunOf(plan, "all");
  return {
    mode: mode === "changes" || mode === "none" ? mode : "all",
    sent: sent && typeof sent === "object" ? (sent as Record<ImportBlock, number>) : fallback.sent,
    uploads: typeof uploads === "number" ? uploads : fallback.uploads,
    sessions: recordedSessionCount(olds) ?? fallback.sessions,
    planDigest: typeof digest === "string" ? digest : fallback.planDigest,
  };
}

export interface JobOutputs {
  sessions: readonly RecordedSession[];
  plan: ImportPlan;
  digests: PayloadDigests;
  /** What the last run sent. @default every declared record (`plan`) */
  run?: LastRun;
  /** The prune deletes the last run carried: kept in outputs (secret) until a run is confirmed. */
  unconfirmedPrunes?: PrunedRecords | undefined;
}

/** The outputs: safe to show except the secret `unconfirmedPrunes`, held while their run is not confirmed. */
export function outputsOf(args: ImportArgs, name: string, job: JobOutputs): Record<string, unknown> {
  const sessions = job.sessions.map(sessionOutput);
  const run = job.run ?? lastRunOf(job.plan, "all");
  const knobs = Object.fromEntries(KNOB_KEYS.map((key) => [key, effectiveKnob(args, key)]));
  const sessionStatus = overallStatus(sessions, run.sessions);
  const prunes = job.unconfirmedPrunes;
  const pending = sessionStatus !== "COMPLETED" && prunes && Object.keys(prunes).length > 0;
  return stripUndefined({
    identitySourceId: args.identitySourceId,
    membershipPacking: args.membershipPacking,
    triggers: args.triggers,
    ...knobs,
    [RESOURCE_NAME_KEY]: name,
    sessionId: sessions[sessions.length - 1]?.id ?? "",
    sessionStatus,
    sessions,
    counts: countsOf(job.plan),
    sent: run.sent,
    lastRun: run.mode,
    uploadCount: run.uploads,
    sessionCount: run.sessions,
    payloadDigest: job.digests.payloadDigest,
    blockDigests: job.digests.blockDigests,
    planDigest: run.planDigest,
    unconfirmedPrunes: pending ? prunes : undefined,
  });
}

/** A session as outputs hold it: id, status and, when known, the index of the planned session it carried. */
export function sessionOutput(s: RecordedSession): RecordedSession {
  return Number.isInteger(s.planIndex)
    ? { id: s.id, status: s.status, planIndex: s.planIndex! }
    : { id: s.id, status: s.status };
}

/** Sessions as stored in outputs (lenient: state may come from any release). */
export function recordedSessions(props: Record<string, unknown> | undefined): RecordedSession[] {
  const raw = props?.["sessions"];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const e = entry as Record<string, unknown> | null;
    if (!e || typeof e["id"] !== "string" || typeof e["status"] !== "string") return [];
    return [sessionOutput({ id: e["id"], status: e["status"], planIndex: e["planIndex"] as number })];
  });
}
