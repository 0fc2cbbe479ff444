/**
 * The check side of `IdentitySourceImport`: `check`, `diff`, and what an update of the data sends.
 *
 * - `check` validates everything before anything is sent and, when the data is known (the identity source
 *   and knobs may not be yet), prints the plan in one line (the dry run; the engine calls `check` before both
 *   preview and update). Only `check` is given the previous inputs: it computes the delta from them and keeps
 *   it in this process for `update` (docs/import.md#updates).
 * - `diff`: identity source → replace (a new import; the old one's delete is a no-op, so the order does not
 *   matter and `deleteBeforeReplace` stays false). Data, `membershipPacking`, `triggers` or knobs → update.
 *   A recorded job that did not finish → update (no replace), which finishes it: after `pulumi refresh` the
 *   engine has dropped the init errors that otherwise send such a resource to `update`.
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

export interface ImportChanges extends Pick<ResourceKindProvider, "check" | "diff"> {
  /** Whether `check` validated the records of this very plan in this process (taken once). */
  checked(plan: ImportPlan): boolean;
  planOfUpdate(
    olds: Record<string, unknown>,
    args: ImportArgs,
    declared: ImportPlan,
    sessions: readonly RecordedSession[],
    recordedCount: number,
    name: string,
  ): UpdateRun | undefined;
  /** What a run again of a job that did not finish sends: every declared record and the pending prunes. */
  runAgain(olds: Record<string, unknown>, args: ImportArgs, declared: ImportPlan, name: string): UpdateRun;
}

/** What an update runs: `prunes`, the prune deletes it carries (kept in outputs until a run is confirmed). */
export interface UpdateRun {
  plan: ImportPlan;
  mode: "changes" | "all";
  prunes?: PrunedRecords;
}

/** The prune deletes the previous outputs keep because the run that carried them was not confirmed. */
export function pendingPrunes(olds: Record<string, unknown>): PrunedRecords {
  const parsed = PRUNED_RECORDS.safeParse(olds["unconfirmedPrunes"] ?? {});
  return parsed.success ? parsed.data : {};
}

export function importChanges(log: (resourceName: string, message: string) => void): ImportChanges {
  // The plans `check` validated, by plan digest: `create`/`update` skip validating 100,000s of records a
  // second time (each pass leaves tens of megabytes of copies, which set the peak memory of a large job).
  const checkedPlans = new TakeOnce<true>(8);
  // The deltas `check` computed, with the previous inputs they start from, by (identity source, resource name,
  // new plan digest, prune): `update` takes one only when the previous outputs show those inputs are what the
  // last run carried.
  const checkedDeltas = new TakeOnce<{ delta: ImportDelta; previous: Record<string, unknown> }>(4);
  const deltaKey = (args: ImportArgs, nextPlanDigest: string, name: string): string =>
    `${args.identitySourceId} ${name} ${nextPlanDigest} ${String(args.prune)}`;

  /**
   * What an update of data or triggers runs: the delta `check` computed from the previous inputs when the last
   * run was confirmed (every session COMPLETED) and only changes are asked for; else every declared record.
   * Undefined: the delta is empty, nothing to send.
   */
  function planOfUpdate(
    olds: Record<string, unknown>,
    args: ImportArgs,
    declared: ImportPlan,
    sessions: readonly RecordedSession[],
    recordedCount: number,
    name: string,
  ): UpdateRun | undefined {
    if (args.uploadMode === "all") return everything(olds, args, declared, name);
    if (triggersChanged(olds, args) || packingChanged(olds, args)) {
      log(name, "triggers or membershipPacking changed: sending every declared record");
      return everything(olds, args, declared, name);
    }
    if (overallStatus(sessions, recordedCount) !== "COMPLETED")
      return everything(
        olds,
        args,
        declared,
        name,
        "the last run was not confirmed (not every session COMPLETED)",
      );
    const delta = checkedDelta(olds, args, declared, name);
    if (!delta) {
      log(name, "the previous declaration was not checked in this process: sending every declared record");
      return { plan: declared, mode: "all" };
    }
    const plan = planImport(delta.data);
    return plan.totals.uploads === 0 ? undefined : { plan, mode: "changes", prunes: delta.prunes };
  }

  /**
   * The delta `check` computed to these inputs, if it started from the inputs the previous outputs describe
   * (taken once). `check` does not digest the previous inputs (that cost as much as the rest of check and diff
   * of a large job, at every preview): this does, once, when an update is about to send.
   */
  function checkedDelta(
    olds: Record<string, unknown>,
    args: ImportArgs,
    declared: ImportPlan,
    name: string,
  ): ImportDelta | undefined {
    const entry = checkedDeltas.take(deltaKey(args, planDigest(declared), name));
    if (entry === undefined) return undefined;
    return olds["payloadDigest"] === digestsOf(entry.previous).payloadDigest ? entry.delta : undefined;
  }

  /**
   * Every declared record and, with `prune`, the prune deletes not confirmed yet: those the previous outputs keep
   * (`unconfirmedPrunes`) and those of the change `check` saw, unless declared again. Their total counts against
   * `maxDeletes` here: `check` sees only the change's (it is not given the outputs).
   */
  function everything(
    olds: Record<string, unknown>,
    args: ImportArgs,
    declared: ImportPlan,
    name: string,
    why?: string,
  ): UpdateRun {
    const change = checkedDelta(olds, args, declared, name)?.prunes ?? {};
    const { data, added } = withPrunes(args, args.prune ? unionOfPrunes(pendingPrunes(olds), change) : {});
    const counts = prunedCounts(added);
    const pruned = counts.users + counts.groups + counts.memberships;
    const failure = prunedBeyondMaxDeletes(args, counts);
    if (failure) throw new Error(`${failure.property}: ${failure.reason}`);
    if (why)
      log(
        name,
        `${why}: sending every declared record` +
          (pruned > 0
            ? ` and ${pruned} deletes of prune (${counts.users} users, ${counts.groups} groups, ` +
              `${counts.memberships} group memberships)`
            : ""),
      );
    return pruned === 0
      ? { plan: declared, mode: "all" }
      : { plan: planImport(data), mode: "all", prunes: added };
  }

  /**
   * The delta from the previous inputs (as `check` receives them) to checked inputs, remembered for `update`;
   * undefined when no delta applies: a first run, another identity source, `uploadMode: "all"`, or a change of
   * triggers or packing (those send everything).
   */
  function deltaFromPrevious(
    previousInputs: Record<string, unknown>,
    next: ImportArgs,
    { same, digest, name }: { same: ReadonlySet<ImportBlock>; digest: string; name: string },
  ): ImportDelta | undefined {
    if (next.uploadMode !== "changes" || previousInputs["identitySourceId"] !== next.identitySourceId)
      return undefined;
    if (triggersChanged(previousInputs, next) || packingChanged(previousInputs, next)) return undefined;
    // The previous inputs passed check when they were declared: read as stored, not validated again. Inputs
    // of an incompatible shape throw here or fail `checkedDelta`'s digest: then everything is sent.
    let delta: ImportDelta;
    try {
      delta = importDelta(previousInputs, next, next.prune, same);
    } catch {
      return undefined;
    }
    checkedDeltas.remember(deltaKey(next, digest, name), { delta, previous: previousInputs });
    return delta;
  }

  return {
    checked: (plan) => checkedPlans.take(planDigest(plan)) === true,
    planOfUpdate,
    runAgain: (olds, args, declared, name) => everything(olds, args, declared, name),
    check: async (olds, news) => {
      const name = resourceNameOf(news);
      const args = argsOnly(news);
      const { inputs, failures } = checkImportArgs(args);
      if (failures.length > 0) return { inputs: news, failures };
      // The plan depends on the data alone: print it whenever the data is known, even while the identity
      // source or a knob is still unknown (e.g. an id from another resource at first preview). Parsed inputs
      // hold no unknown value, so only arguments still partly unknown are searched for one (a walk over every
      // record); they share the records as written, so planning from them copies nothing.
      const data = inputs ?? knownData(args);
      if (data) {
        let plan: ImportPlan;
        try {
          plan = planImport(data);
        } catch (e) {
          return { inputs: news, failures: [{ property: "", reason: errorMessage(e) }] };
        }
        const digest = inputs ? planDigest(plan) : undefined;
        if (digest) checkedPlans.remember(digest, true);
        const previous = argsOnly(olds);
        // Blocks written the same way: one comparison serves `sameJob` and the delta.
        const same = new Set(
          IMPORT_BLOCKS.filter((block) => jsonEqual(previous[block] ?? undefined, args[block] ?? undefined)),
        );
        const unchanged = sameJob(previous, args, inputs !== undefined, same);
        const delta =
          unchanged || !inputs
            ? undefined
            : deltaFromPrevious(previous, inputs, { same, digest: digest!, name });
        if (delta) {
          const deltaPlan = planImport(delta.data);
          const failure = prunedBeyondMaxDeletes(inputs!, delta.pruned);
          if (failure) return { inputs: news, failures: [failure] };
          log(
            name,
            `import plan (changes since the previous declaration; if the last run was not confirmed, every ` +
              `declared record is sent): ${describeDelta(deltaPlan, delta.pruned)}`,
          );
        } else
          log(
            name,
            unchanged ? `import unchanged (${describePlan(plan)})` : `import plan: ${describePlan(plan)}`,
          );
      }
      // Returned as written: state keeps what the user declared; defaults are applied when it is used.
      return { inputs: news };
    },

    diff: async (_id, olds, news) => {
      const replaces: string[] = [];
      const newIsId = news["identitySourceId"];
      if (containsUnknown(newIsId) || olds["identitySourceId"] !== newIsId) replaces.push("identitySourceId");
      // Data, triggers and packing changes are updates: `update` sends what they call for.
      const stored = (olds["blockDigests"] ?? {}) as Record<string, unknown>;
      const fresh = blockDigestsOf(news);
      const dataChanged = IMPORT_BLOCKS.some(
        (block) => containsUnknown(news[block]) || stored[block] !== fresh[block],
      );
      const knobsChanged = KNOB_KEYS.some(
        (key) => containsUnknown(news[key]) || !jsonEqual(effectiveKnob(olds, key), effectiveKnob(news, key)),
      );
      // After `pulumi refresh` the engine no longer holds the create's init errors, so an unfinished job
      // (ERROR, timed out, stopped between sessions) reaches `update`, which finishes it, only through here.
      return {
        changes:
          replaces.length > 0 ||
          dataChanged ||
          triggersChanged(olds, news) ||
          packingChanged(olds, news) ||
          knobsChanged ||
          !recordedJobFinished(olds, news),
        replaces,
        // A session of ours still loading (a failed cleanup, an ambiguous start) is cancelled by `delete`; it
        // must go before the replacement's create, which would otherwise wait for it as for another party's.
        deleteBeforeReplace: loadingSessions(olds).length > 0,
      };
    },
  };
}

/**
 * Whether the job recorded in `olds` is finished as `update` judges it: the planned session count recorded at
 * the run (the data is unchanged whenever `update` follows this diff) and the effective `waitForCompletion`.
 */
function recordedJobFinished(olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  const sessions = recordedSessions(olds);
  const planned = recordedSessionCount(olds) ?? sessions.length;
  const wait = containsUnknown(news["waitForCompletion"]) ? olds : news;
  return jobFinished(sessions, planned, effectiveKnob(wait, "waitForCompletion") === true);
}

export function triggersChanged(
  olds: Record<string, unknown>,
  news: Record<string, unknown> | ImportArgs,
): boolean {
  const triggers = (news as Record<string, unknown>)["triggers"];
  return containsUnknown(triggers) || !jsonEqual(olds["triggers"] ?? {}, triggers ?? {});
}

/** Another packing is another plan: the recorded sessions carried the old one. */
export function packingChanged(
  olds: Record<string, unknown>,
  news: Record<string, unknown> | ImportArgs,
): boolean {
  const bag = news as Record<string, unknown>;
  return containsUnknown(bag["membershipPacking"]) || packingOf(olds) !== packingOf(bag);
}

/**
 * `maxDeletes` counts pruned deletes too; the declared ones are checked with the other argument rules. Only at
 * check, where the delta is computed: preview fails before anything is sent.
 */
function prunedBeyondMaxDeletes(args: ImportArgs, counts: PrunedCounts): CheckFailure | undefined {
  const max = args.maxDeletes;
  const { users, groups, memberships } = counts;
  const pruned = users + groups + memberships;
  if (max === undefined || pruned === 0) return undefined;
  const declared =
    (args.deleteUsers?.profiles.length ?? 0) +
    (args.deleteGroups?.externalIds.length ?? 0) +
    (args.deleteGroupMemberships?.memberships.reduce((n, m) => n + m.memberExternalIds.length, 0) ?? 0);
  if (declared + pruned <= max) return undefined;
  return {
    property: "maxDeletes",
    reason:
      `prune would delete ${pruned} records (${users} users, ${groups} groups, ${memberships} group memberships)` +
      `${declared > 0 ? ` besides the ${declared} declared deletes` : ""}, more than maxDeletes (${max}); ` +
      `raise maxDeletes if this is intended`,
  };
}

/** The membership packing of inputs or outputs, default applied (state from before it existed: the default). */
function packingOf(bag: Record<string, unknown>): unknown {
  return bag["membershipPacking"] ?? "members";
}

/**
 * The data blocks of arguments that passed check, when every block is known (else undefined), with the
 * membership packing when it is known (else the default: a preview's plan is then only indicative).
 */
function knownData(args: Record<string, unknown>): ImportData | undefined {
  const data: Record<string, unknown> = {};
  if (!containsUnknown(args["membershipPacking"])) data["membershipPacking"] = args["membershipPacking"];
  for (const block of IMPORT_BLOCKS) {
    const value = args[block];
    if (containsUnknown(value)) return undefined;
    if (value !== undefined && value !== null) data[block] = value;
  }
  return data;
}

/**
 * True when `olds` (the previous inputs) describe the same job as `news` (check passed, values possibly
 * unknown unless `newsKnown`): same identity source, data and triggers. An unknown one is never the same. Compared block by block,
 * structurally: a block written the same way (`same`) is the same; only a block written differently is normalised on
 * both sides (defaults applied) to tell a real change from a default written out. No digest, no second
 * validation of the whole job.
 */
function sameJob(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  newsKnown: boolean,
  same: ReadonlySet<ImportBlock>,
): boolean {
  const triggers = news["triggers"];
  if (olds["identitySourceId"] !== news["identitySourceId"] || containsUnknown(triggers)) return false;
  if (packingOf(olds) !== packingOf(news)) return false;
  if (!jsonEqual(olds["triggers"] ?? {}, triggers ?? {})) return false;
  return IMPORT_BLOCKS.every((block) => {
    if (same.has(block)) return true;
    const before = olds[block] ?? undefined;
    const after = news[block] ?? undefined;
    if (before === undefined || after === undefined || (!newsKnown && containsUnknown(after))) return false;
    const previous = normaliseBlock(block, before);
    return previous !== undefined && jsonEqual(previous, normaliseBlock(block, after));
  });
}

/** Recorded sessions a failed run left loading (CREATED/IN_PROGRESS): ours, importing nothing, blocking. */
export function loadingSessions(props: Record<string, unknown> | undefined): RecordedSession[] {
  return recordedSessions(props).filter((s) => isLoadable(s.status));
}
