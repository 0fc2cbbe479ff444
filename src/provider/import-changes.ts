/**
 * `IdentitySourceImport`'s check side: only `check` gets the previous inputs, so it computes the delta and keeps
 * it in this process for `update` (docs/import.md#updates).
 */
import {
  importDelta,
  prunedCounts,
  PRUNED_RECORDS,
  unionOfPrunes,
  withPrunes,
  type ImportDelta,
  type PrunedCounts,
  type PrunedRecords,
} from "../import/delta";
import { describeDelta, describePlan } from "../import/describe-plan";
import { planDigest } from "../import/digest";
import type { JobPlan } from "../import/job";
import { planImport, type ImportPlan } from "../import/plan";
import { isLoadable, jobFinished, overallStatus, type RecordedSession } from "../import/session-status";
import { errorMessage } from "../import/run-errors";
import {
  checkImportArgs,
  IMPORT_BLOCKS,
  type ImportArgs,
  type ImportBlock,
  type ImportData,
} from "../schemas/import-args";
import { declaredDeletes } from "../schemas/import-args-rules";
import { containsUnknown } from "../schemas/unknown";
import type { CheckFailure } from "../schemas/check-failures";
import {
  KNOB_KEYS,
  argsOnly,
  blockDigestsOf,
  digestsOf,
  effectiveKnob,
  normaliseBlock,
  recordedSessionCount,
  recordedSessions,
} from "./import-state";
import type { ResourceKindProvider } from "./kind";
import { resourceNameOf } from "./log";
import { TakeOnce } from "./take-once";
import { jsonEqual } from "./values";

/** An update: the previous outputs, the parsed inputs and their plan. */
export interface Update {
  olds: Record<string, unknown>;
  args: ImportArgs;
  declared: ImportPlan;
  name: string;
}

/** What an update runs: `prunes`, the prune deletes it carries (kept in outputs until a run is confirmed). */
export type UpdateRun = JobPlan & { prunes?: PrunedRecords };

/** The prune deletes the previous outputs keep because the run that carried them was not confirmed. */
export function pendingPrunes(olds: Record<string, unknown>): PrunedRecords {
  const parsed = PRUNED_RECORDS.safeParse(olds["unconfirmedPrunes"] ?? {});
  return parsed.success ? parsed.data : {};
}

export function importChanges(log: (resourceName: string, message: string) => void) {
  // The plans `check` validated, by digest: validating 100,000s of records again sets a large job's peak memory.
  const checkedPlans = new TakeOnce<true>(8);
  // The deltas `check` computed, with the previous inputs they start from: `update` takes one only when the
  // previous outputs show those inputs are what the last run carried.
  const checkedDeltas = new TakeOnce<{ delta: ImportDelta; previous: Record<string, unknown> }>(4);
  const deltaKey = (args: ImportArgs, nextPlan: ImportPlan, name: string): string =>
    `${args.identitySourceId} ${name} ${planDigest(nextPlan)} ${String(args.prune)}`;
  // Whether `check` found the data changed, so the `diff` after it need not digest every block (most of a large
  // job's diff). Only a change is taken: "no change" is for the outputs' digests to say (the previous inputs may
  // not be what they describe, after a run stopped before sending; another resource may share the key).
  const checkedChanges = new TakeOnce<true>(8);

  /** What an update of data or triggers runs; undefined: nothing to send. */
  function planOfUpdate(
    update: Update,
    sessions: readonly RecordedSession[],
    recordedCount: number,
  ): UpdateRun | undefined {
    const { olds, args } = update;
    if (args.uploadMode === "all") return everything(update);
    if (jobChanged(olds, args)) return everything(update, "triggers or membershipPacking changed");
    if (overallStatus(sessions, recordedCount) !== "COMPLETED")
      return everything(update, "the last run was not confirmed (not every session COMPLETED)");
    const delta = checkedDelta(update);
    if (!delta) return everything(update, "the previous declaration was not checked in this process");
    const plan = planImport(delta.data);
    return plan.totals.uploads === 0 ? undefined : { plan, mode: "changes", prunes: delta.prunes };
  }

  /**
   * The delta `check` computed, if it started from the inputs the previous outputs describe (digested here,
   * once, not at every preview: it costs as much as check and diff).
   */
  function checkedDelta({ olds, args, declared, name }: Update): ImportDelta | undefined {
    const entry = checkedDeltas.take(deltaKey(args, declared, name));
    if (entry === undefined) return undefined;
    return olds["payloadDigest"] === digestsOf(entry.previous).payloadDigest ? entry.delta : undefined;
  }

  /**
   * Every declared record and, with `prune`, the unconfirmed prune deletes (outputs' and change's, unless declared
   * again), counted against `maxDeletes` here: `check` sees only the change's.
   */
  function everything(update: Update, why?: string): UpdateRun {
    const { args, declared, name } = update;
    const { data, added } = withPrunes(args, keptPrunes(update));
    const counts = prunedCounts(added);
    const pruned = totalOf(counts);
    const failure = prunedBeyondMaxDeletes(args, counts);
    if (failure) throw new Error(`${failure.property}: ${failure.reason}`);
    const prunes = ` and ${pruned} deletes of prune (${countsText(counts)})`;
    if (why) log(name, `${why}: sending every declared record${pruned > 0 ? prunes : ""}`);
    return pruned === 0
      ? { plan: declared, mode: "all" }
      : { plan: planImport(data), mode: "all", prunes: added };
  }

  /**
   * With `prune`, the unconfirmed prune deletes: the outputs' and the change's. Also what an update that sent
   * nothing (stopped on a session still processing) keeps for the next run.
   */
  function keptPrunes(update: Update): PrunedRecords {
    const { olds, args, declared, name } = update;
    if (args.prune) return unionOfPrunes(pendingPrunes(olds), checkedDelta(update)?.prunes ?? {});
    // Taken anyway: it holds the whole previous inputs, which must not stay in memory through the run.
    checkedDeltas.take(deltaKey(args, declared, name));
    return {};
  }

  /** Remembered for `update`; undefined when no delta applies. */
  function deltaFromPrevious(
    previousInputs: Record<string, unknown>,
    next: ImportArgs,
    { same, plan, name }: { same: ReadonlySet<ImportBlock>; plan: ImportPlan; name: string },
  ): ImportDelta | undefined {
    if (previousInputs["identitySourceId"] !== next.identitySourceId) return undefined;
    // Everything is sent: only the prune deletes of the change matter, and only with prune.
    if (sendsEverything(previousInputs, next) && !next.prune) return undefined;
    // The previous inputs passed check when declared; an incompatible shape throws here or fails `checkedDelta`'s
    // digest, and everything is sent.
    try {
      const delta = importDelta(previousInputs, next, next.prune, same);
      checkedDeltas.remember(deltaKey(next, plan, name), { delta, previous: previousInputs });
      return delta;
    } catch {
      return undefined;
    }
  }

  const check: ResourceKindProvider["check"] = async (olds, news) => {
    const name = resourceNameOf(news);
    const args = argsOnly(news);
    const { inputs, failures } = checkImportArgs(args);
    if (failures.length > 0) return { inputs: news, failures };
    // The plan depends on the data alone: printed even while the identity source or a knob is unknown.
    const data = inputs ?? knownData(args);
    if (data) {
      let plan: ImportPlan;
      try {
        plan = planImport(data);
      } catch (e) {
        return { inputs: news, failures: [{ property: "", reason: errorMessage(e) }] };
      }
      if (inputs) checkedPlans.remember(planDigest(plan), true);
      const previous = argsOnly(olds);
      // Blocks written the same way: one comparison serves `sameJob`, the delta and the diff that follows.
      const same = new Set(
        IMPORT_BLOCKS.filter((block) => jsonEqual(previous[block] ?? undefined, args[block] ?? undefined)),
      );
      const changed = dataDiffers(previous, args, inputs !== undefined, same);
      const unchanged = changed === false && sameJob(previous, args);
      const delta =
        unchanged || !inputs ? undefined : deltaFromPrevious(previous, inputs, { same, plan, name });
      const failure = delta && prunedBeyondMaxDeletes(inputs!, delta.pruned);
      if (failure) return { inputs: news, failures: [failure] };
      // Only an update's check (one with previous inputs) is followed by a diff.
      if (inputs && changed && previous["identitySourceId"] !== undefined)
        checkedChanges.remember(changesKey(news), true);
      if (delta && !sendsEverything(previous, inputs!)) {
        log(
          name,
          `import plan (changes since the previous declaration; if the last run was not confirmed, every ` +
            `declared record is sent): ${describeDelta(planImport(delta.data), delta.pruned)}`,
        );
      } else {
        // With a delta: every declared record and the prune deletes of the change.
        const sent = describePlan(delta ? planImport(withPrunes(inputs!, delta.prunes).data) : plan);
        log(name, unchanged ? `import unchanged (${sent})` : `import plan: ${sent}`);
      }
    }
    // Returned as written: defaults are applied when used.
    return { inputs: news };
  };

  const diff: ResourceKindProvider["diff"] = async (_id, olds, news) => {
    const newIsId = news["identitySourceId"];
    const replaces =
      containsUnknown(newIsId) || olds["identitySourceId"] !== newIsId ? ["identitySourceId"] : [];
    const dataChanged =
      checkedChanges.take(changesKey(news)) === true || blockDigestsChanged(olds["blockDigests"], news);
    const knobsChanged = KNOB_KEYS.some(
      (key) => containsUnknown(news[key]) || !jsonEqual(effectiveKnob(olds, key), effectiveKnob(news, key)),
    );
    // After `pulumi refresh` the engine no longer holds the create's init errors, so an unfinished job
    // (ERROR, timed out, stopped between sessions) reaches `update`, which finishes it, only through here.
    return {
      changes:
        replaces.length > 0 ||
        dataChanged ||
        jobChanged(olds, news) ||
        knobsChanged ||
        !recordedJobFinished(olds, news),
      replaces,
      // A session of ours still loading (a failed cleanup, an ambiguous start) is cancelled by `delete`; it
      // must go before the replacement's create, which would otherwise wait for it as for another party's.
      deleteBeforeReplace: loadingSessions(olds).length > 0,
    };
  };

  return {
    /** Whether `check` validated the records of this very plan in this process (taken once). */
    checked: (plan: ImportPlan) => checkedPlans.take(planDigest(plan)) === true,
    planOfUpdate,
    runAgain: (update: Update) => everything(update),
    keptPrunes,
    check,
    diff,
  };
}

function recordedJobFinished(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  const sessions = recordedSessions(olds);
  const planned = recordedSessionCount(olds) ?? sessions.length;
  const wait = containsUnknown(news["waitForCompletion"]) ? olds : news;
  return jobFinished(sessions, planned, effectiveKnob(wait, "waitForCompletion") === true);
}

/** A change of triggers or packing (another plan than the recorded sessions carried; old state: the default). */
export function jobChanged(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  const { triggers, membershipPacking: packing } = news;
  return (
    containsUnknown(triggers) ||
    !jsonEqual(olds["triggers"] ?? {}, triggers ?? {}) ||
    containsUnknown(packing) ||
    (olds["membershipPacking"] ?? "members") !== (packing ?? "members")
  );
}

const totalOf = ({ users, groups, memberships }: PrunedCounts): number => users + groups + memberships;
const countsText = (c: PrunedCounts) =>
  `${c.users} users, ${c.groups} groups, ${c.memberships} group memberships`;

/** `maxDeletes` counts pruned deletes too (declared ones are checked with the other argument rules). */
function prunedBeyondMaxDeletes(args: ImportArgs, counts: PrunedCounts): CheckFailure | undefined {
  const max = args.maxDeletes;
  const pruned = totalOf(counts);
  if (max === undefined || pruned === 0) return undefined;
  const declared = totalOf(declaredDeletes(args));
  if (declared + pruned <= max) return undefined;
  return {
    property: "maxDeletes",
    reason:
      `prune would delete ${pruned} records (${countsText(counts)})` +
      `${declared > 0 ? ` besides the ${declared} declared deletes` : ""}, more than maxDeletes (${max}); ` +
      `raise maxDeletes if this is intended`,
  };
}

/** The data blocks of checked arguments when every block is known; an unknown packing: the default. */
function knownData(args: Record<string, unknown>): ImportData | undefined {
  if (IMPORT_BLOCKS.some((block) => containsUnknown(args[block]))) return undefined;
  const data = Object.fromEntries(IMPORT_BLOCKS.map((block) => [block, args[block]]));
  const packing = args["membershipPacking"];
  return { ...data, membershipPacking: containsUnknown(packing) ? undefined : packing } as ImportData;
}

function sameJob(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  return olds["identitySourceId"] === news["identitySourceId"] && !jobChanged(olds, news);
}

/** A change that sends every declared record: of triggers or packing, or `uploadMode: "all"`. */
function sendsEverything(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  const mode = news["uploadMode"];
  return (mode !== undefined && mode !== "changes") || jobChanged(olds, news);
}

/**
 * Whether a data block differs (undefined while one is unknown); only blocks not written the same way are
 * normalised, to tell a real change from a default written out.
 */
function dataDiffers(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  newsKnown: boolean,
  same: ReadonlySet<ImportBlock>,
): boolean | undefined {
  if (!newsKnown && IMPORT_BLOCKS.some((block) => containsUnknown(news[block]))) return undefined;
  return IMPORT_BLOCKS.some((block) => {
    if (same.has(block)) return false;
    const before = olds[block] ?? undefined;
    const after = news[block] ?? undefined;
    if (before === undefined || after === undefined) return true;
    const previous = normaliseBlock(block, before);
    return previous === undefined || !jsonEqual(previous, normaliseBlock(block, after));
  });
}

function blockDigestsChanged(stored: unknown, news: Record<string, unknown>): boolean {
  const digests = (stored ?? {}) as Record<string, unknown>;
  const fresh = blockDigestsOf(news);
  return IMPORT_BLOCKS.some((block) => containsUnknown(news[block]) || digests[block] !== fresh[block]);
}

/**
 * Which check a diff follows: identity source, resource name, each block's size (two resources of one name
 * under different parents are told apart unless alike in all three).
 */
function changesKey(news: Record<string, unknown>): string {
  const sizes = IMPORT_BLOCKS.map((block) => {
    const value = news[block];
    const list = value && typeof value === "object" ? Object.values(value).find(Array.isArray) : undefined;
    return list?.length ?? -1;
  });
  return `${String(news["identitySourceId"])} ${resourceNameOf(news)} ${sizes.join(",")}`;
}

/** Recorded sessions a failed run left loading (CREATED/IN_PROGRESS): ours, importing nothing, blocking. */
export function loadingSessions(props: Record<string, unknown> | undefined): RecordedSession[] {
  return recordedSessions(props).filter((s) => isLoadable(s.status));
}
