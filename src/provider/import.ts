/**
 * `IdentitySourceImport` behind the provider subpath: the whole bulk job (plan → sessions → uploads →
 * start-import → follow) runs inside `create`.
 *
 * - `check` validates everything before anything is sent and, when the data is known (the identity source
 *   and knobs may not be yet), prints the plan in one line (the dry run; the engine calls `check` before both
 *   preview and update).
 * - `diff`: identity source → replace (a new import; the old one's delete is a no-op, so the order does not
 *   matter and `deleteBeforeReplace` stays false). Data, `membershipPacking`, `triggers` or knobs → update.
 *   A recorded job that did not finish → update (no replace), which finishes it: after `pulumi refresh` the
 *   engine has dropped the init errors that otherwise send such a resource to `update`.
 * - `read` refreshes the sessions' statuses and never drops the resource (dropping would re-import on the
 *   next `up`): a purged session keeps its last status, or becomes UNKNOWN if it was TRIGGERED. It returns
 *   no `inputs`: the engine then keeps the stored inputs (pkg/resource/deploy/step.go, RefreshStep), which
 *   hold the (secret) payload that outputs deliberately lack; nothing in Okta can drift the inputs of an import.
 * - `update` stores new knobs. After a run that did not finish (the engine always updates a resource with
 *   init errors) it follows sessions still TRIGGERED and, if the job is still not complete, runs again the
 *   planned sessions that are not done (each recorded session carries its plan index), keeping the done ones:
 *   uploads are upserts and deletes, so a re-run is safe, and skipping done sessions spares repeating their
 *   uploads (duplicate upserts, repeated deletes). A TRIGGERED session Okta has purged meanwhile is
 *   recorded as UNKNOWN and counts as finished (`refreshSessions`): never waited for, never imported again.
 *   A change of data sends the delta `check` computed (`checkedDeltas`) when the last run was confirmed, else
 *   every declared record (docs/import.md#updates).
 * - `delete` calls nothing: Okta keeps imported data.
 * Resource id: the first session's id (as the Terraform provider's).
 */
import { realSleep } from "../client/sleep";
import type { OktaClient } from "../client/types";
import { importDelta, type ImportDelta } from "../import/delta";
import { describeDelta, describePlan } from "../import/describe-plan";
import { planDigest, type PayloadDigests } from "../import/digest";
import { planImport, type ImportPlan } from "../import/plan";
import { cancelLeftLoading, refreshSessions, type RecordedSession } from "../import/resume";
import { runImport, type RunImportOptions } from "../import/run";
import type { SessionJournal } from "../import/session-journal";
import { describeSessions, errorMessage, isImportRunError, mustRecordSessions } from "../import/run-errors";
import {
  checkImportArgs,
  IMPORT_BLOCKS,
  parseImportEnvelope,
  type ImportArgs,
  type ImportData,
} from "../schemas/import-args";
import { isLoadable } from "../schemas/limits";
import { containsUnknown } from "../schemas/unknown";
import type { CheckFailure } from "../schemas/check-failures";
import {
  KNOB_KEYS,
  argsOnly,
  blockDigestsOf,
  digestsOf,
  doneSessionsToKeep,
  effectiveKnob,
  inPlanOrder,
  jobFinished,
  lastRunOf,
  nothingSent,
  outputsOf,
  recordedLastRun,
  overallStatus,
  normaliseBlock,
  parseImportInputs,
  recordedSessionCount,
  recordedSessions,
  sessionOutput,
} from "./import-state";
import { TakeOnce } from "./take-once";
import type { ResourceKindProvider } from "./kind";
import { logInfo, resourceNameOf } from "./log";
import { getClient } from "./runtime";
import { journalForJob } from "./session-journal";
import { jsonEqual, stringAt } from "./values";

export interface ImportKindDeps {
  client: () => OktaClient;
  /** Epoch ms. */
  clock: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  log: (resourceName: string, message: string) => void;
  /** @internal Tests shorten Okta's five-minute rule when it is not what they test. */
  cooldownSeconds?: number;
  /** This machine's journal of our sessions (crash recovery); absent or undefined: none. */
  journal?: (identitySourceId: string, warn: (message: string) => void) => SessionJournal | undefined;
}

/** The host turns an error with `id` into a partially created resource whose outputs are `properties`. */
function idCarryingError(message: string, id: string, properties: Record<string, unknown>): Error {
  // The host adds `__provider` to successful results only: without it in `properties`, the stored outputs
  // would lack the provider text, and refresh/destroy of this resource would fail.
  return Object.assign(new Error(message), { id, properties, reasons: [message] });
}

export function createImportKind(deps: ImportKindDeps): ResourceKindProvider {
  // The plans `check` validated, by plan digest: `create`/`update` skip validating 100,000s of records a
  // second time (each pass leaves tens of megabytes of copies, which set the peak memory of a large job).
  const checkedPlans = new TakeOnce<true>(8);
  // The deltas `check` computed from the previous inputs, by (previous payload digest, new plan digest,
  // prune): `update` takes one only when the previous outputs show those inputs are what the last run carried.
  const checkedDeltas = new TakeOnce<ImportDelta>(4);
  const deltaKey = (previousDigest: string, nextPlanDigest: string, prune: boolean): string =>
    `${previousDigest} ${nextPlanDigest} ${String(prune)}`;

  /** Parses and plans inputs; records `check` validated in this process for the same plan are not validated again. */
  function parseAndPlan(raw: Record<string, unknown>): { args: ImportArgs; plan: ImportPlan } {
    const planned: { plan?: ImportPlan } = {};
    const args = parseImportInputs(raw, (parsed) => {
      planned.plan = planImport(parsed);
      return checkedPlans.take(planDigest(planned.plan)) === true;
    });
    return { args, plan: planned.plan ?? planImport(args) };
  }

  const runOptions = (args: ImportArgs, name: string): RunImportOptions => ({
    clock: deps.clock,
    sleep: deps.sleep,
    log: (message) => deps.log(name, message),
    waitForCompletion: args.waitForCompletion,
    completionTimeoutSeconds: args.completionTimeoutSeconds,
    activeSessionWaitSeconds: args.activeSessionWaitSeconds,
    pollIntervalSeconds: args.pollIntervalSeconds,
    staleSessionSeconds: args.staleSessionSeconds,
    ...(deps.cooldownSeconds !== undefined ? { cooldownSeconds: deps.cooldownSeconds } : {}),
  });

  /**
   * Runs the whole job; after start-import, or when a session of ours was left open, a failure becomes the
   * id-carrying error.
   */
  async function runJob(
    args: ImportArgs,
    name: string,
    raw: Record<string, unknown>,
    existingId: string | undefined,
    kept: readonly RecordedSession[],
    {
      plan,
      digests,
      run,
    }: { plan: ImportPlan; digests: PayloadDigests; run: { plan: ImportPlan; mode: "changes" | "all" } },
  ): Promise<{ id: string; outs: Record<string, unknown> }> {
    const lastRun = lastRunOf(run.plan, run.mode);
    const journal = deps.journal?.(args.identitySourceId, (message) => deps.log(name, message));
    const options: RunImportOptions = {
      ...runOptions(args, name),
      skipPlanIndexes: new Set(kept.map((s) => s.planIndex!)),
      ...(journal ? { journal } : {}),
    };
    const what = run.mode === "changes" ? " (changes since the last completed run)" : "";
    deps.log(name, `importing into ${args.identitySourceId}${what}: ${describePlan(run.plan)}`);
    try {
      const result = await runImport(deps.client(), args.identitySourceId, run.plan, options);
      const sessions = inPlanOrder(kept, result.sessions);
      const outs = outputsOf(args, name, { sessions, plan, digests, run: lastRun });
      deps.log(name, `import ${String(outs["sessionStatus"])}: ${describeSessions(sessions)}`);
      return { id: existingId ?? sessions[0]!.id, outs };
    } catch (e) {
      if (isImportRunError(e) && mustRecordSessions(e)) {
        const sessions = inPlanOrder(kept, e.sessions);
        const outs = outputsOf(args, name, { sessions, plan, digests, run: lastRun });
        throw idCarryingError(e.message, existingId ?? sessions[0]!.id, {
          ...outs,
          __provider: raw["__provider"],
        });
      }
      throw e;
    }
  }

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
  ): { plan: ImportPlan; mode: "changes" | "all" } | undefined {
    const all = { plan: declared, mode: "all" as const };
    if (args.uploadMode === "all") return all;
    if (triggersChanged(olds, args) || packingChanged(olds, args)) {
      deps.log(name, "triggers or membershipPacking changed: sending every declared record");
      return all;
    }
    if (overallStatus(sessions, recordedCount) !== "COMPLETED") {
      deps.log(
        name,
        "the last run was not confirmed (not every session COMPLETED): sending every declared record",
      );
      return all;
    }
    const previous = olds["payloadDigest"];
    const delta =
      typeof previous === "string"
        ? checkedDeltas.take(deltaKey(previous, planDigest(declared), args.prune))
        : undefined;
    if (!delta) {
      deps.log(
        name,
        "the previous declaration was not checked in this process: sending every declared record",
      );
      return all;
    }
    const plan = planImport(delta.data);
    return plan.totals.uploads === 0 ? undefined : { plan, mode: "changes" };
  }

  /**
   * The delta from the previous inputs (as `check` receives them) to checked inputs, remembered for `update`;
   * undefined when no delta applies: a first run, another identity source, `uploadMode: "all"`, or a change of
   * triggers or packing (those send everything).
   */
  function deltaFromPrevious(
    previousInputs: Record<string, unknown>,
    next: ImportArgs,
    nextPlanDigest: string,
  ): ImportDelta | undefined {
    if (next.uploadMode !== "changes" || previousInputs["identitySourceId"] !== next.identitySourceId)
      return undefined;
    if (triggersChanged(previousInputs, next) || packingChanged(previousInputs, next)) return undefined;
    const previous = parseImportEnvelope(previousInputs);
    if (!previous) return undefined;
    const delta = importDelta(previous, next, next.prune);
    checkedDeltas.remember(deltaKey(digestsOf(previous).payloadDigest, nextPlanDigest, next.prune), delta);
    return delta;
  }

  return {
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
        const unchanged = sameJob(argsOnly(olds), args, inputs !== undefined);
        const delta = unchanged || !inputs ? undefined : deltaFromPrevious(argsOnly(olds), inputs, digest!);
        if (delta) {
          const deltaPlan = planImport(delta.data);
          const failure = prunedBeyondMaxDeletes(inputs!, delta);
          if (failure) return { inputs: news, failures: [failure] };
          deps.log(
            name,
            `import plan (changes since the last completed run): ${describeDelta(deltaPlan, delta.pruned)}`,
          );
        } else
          deps.log(
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

    create: async (raw) => {
      const { args, plan } = parseAndPlan(raw);
      const run = { plan, mode: "all" as const };
      return runJob(args, resourceNameOf(raw), raw, undefined, [], { plan, digests: digestsOf(args), run });
    },

    read: async (id, props) => {
      const recorded = recordedSessions(props);
      const identitySourceId = stringAt(props, "identitySourceId");
      if (!props || !identitySourceId || recorded.length === 0) return { id, props: props ?? {} };
      const sessions = await refreshSessions(deps.client(), identitySourceId, recorded, {
        clock: deps.clock,
        sleep: deps.sleep,
        log: (message) => deps.log(resourceNameOf(props), message),
        pollIntervalSeconds: 1,
        completionTimeoutSeconds: 1,
        follow: false,
      });
      return {
        id,
        props: {
          ...props,
          sessions: sessions.map(sessionOutput),
          sessionId: sessions[sessions.length - 1]!.id,
          sessionStatus: overallStatus(sessions, recordedSessionCount(props)),
        },
      };
    },

    update: async (id, olds, news) => {
      const { args, plan } = parseAndPlan(news);
      const name = resourceNameOf(news);
      const digests = digestsOf(args);
      let sessions = recordedSessions(olds);
      const recordedCount = recordedSessionCount(olds) ?? sessions.length;
      if (!jobFinished(sessions, recordedCount, args.waitForCompletion)) {
        if (sessions.length > 0) {
          const log = (message: string) => deps.log(name, message);
          sessions = await cancelLeftLoading(deps.client(), args.identitySourceId, sessions, log);
          sessions = await refreshSessions(deps.client(), args.identitySourceId, sessions, {
            ...runOptions(args, name),
            follow: true,
          });
        }
        const processing = sessions.find((s) => s.status === "TRIGGERED");
        if (processing) {
          // Okta is still importing it: running the job again now would import the same data twice. This
          // holds with `waitForCompletion: false` too: a finished job's last session may stay TRIGGERED, but
          // here the job is unfinished, so this is an earlier session that timed out while being followed.
          const message =
            `session ${processing.id} is still TRIGGERED after completionTimeoutSeconds ` +
            `(${args.completionTimeoutSeconds}); Okta keeps processing it and the next \`pulumi up\` waits again`;
          const outs = outputsOf(args, name, { sessions, plan, digests, run: recordedLastRun(olds, plan) });
          throw idCarryingError(message, id, { ...outs, __provider: news["__provider"] });
        }
        if (!jobFinished(sessions, recordedCount, args.waitForCompletion)) {
          // Nothing of this run is known to be confirmed: every declared record is sent. Sessions already
          // done are kept only when they carried this very plan (an earlier full run of the same data).
          const samePlan =
            olds["payloadDigest"] === digests.payloadDigest && olds["planDigest"] === planDigest(plan);
          const kept = samePlan ? doneSessionsToKeep(sessions, plan.totals.sessions) : [];
          deps.log(
            name,
            `the previous run did not finish (${describeSessions(sessions)}); running the import again` +
              (kept.length > 0 ? `, except the sessions already done (${describeSessions(kept)})` : ""),
          );
          const run = { plan, mode: "all" as const };
          return { outs: (await runJob(args, name, news, id, kept, { plan, digests, run })).outs };
        }
      }
      const dataChanged =
        olds["payloadDigest"] !== digests.payloadDigest ||
        triggersChanged(olds, news) ||
        packingChanged(olds, news);
      if (!dataChanged)
        return { outs: outputsOf(args, name, { sessions, plan, digests, run: recordedLastRun(olds, plan) }) };
      const run = planOfUpdate(olds, args, plan, sessions, recordedCount, name);
      if (run === undefined) {
        deps.log(name, "import unchanged: nothing to send since the last completed run");
        const outs = outputsOf(args, name, {
          sessions,
          plan,
          digests,
          run: nothingSent(olds, recordedCount),
        });
        return { outs };
      }
      return {
        outs: (await runJob(args, name, news, id, [], { plan, digests, run })).outs,
      };
    },

    delete: async (_id, props) => {
      const name = resourceNameOf(props);
      const loading = loadingSessions(props);
      const identitySourceId = stringAt(props, "identitySourceId");
      if (loading.length === 0 || identitySourceId === undefined) {
        deps.log(
          name,
          "removed from the stack without any call to Okta: Okta keeps the data this job imported",
        );
        return;
      }
      // Only sessions a failed run left loading are cancelled (they imported nothing and would block the
      // identity source); nothing that was imported is undone.
      const log = (message: string) => deps.log(name, message);
      await cancelLeftLoading(deps.client(), identitySourceId, loading, log);
      deps.log(name, "removed from the stack: Okta keeps the data this job imported");
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

function triggersChanged(olds: Record<string, unknown>, news: Record<string, unknown> | ImportArgs): boolean {
  const triggers = (news as Record<string, unknown>)["triggers"];
  return containsUnknown(triggers) || !jsonEqual(olds["triggers"] ?? {}, triggers ?? {});
}

/** Another packing is another plan: the recorded sessions carried the old one. */
function packingChanged(olds: Record<string, unknown>, news: Record<string, unknown> | ImportArgs): boolean {
  const bag = news as Record<string, unknown>;
  return containsUnknown(bag["membershipPacking"]) || packingOf(olds) !== packingOf(bag);
}

/**
 * `maxDeletes` counts pruned deletes too; the declared ones are checked with the other argument rules. Only at
 * check, where the delta is computed: preview fails before anything is sent.
 */
function prunedBeyondMaxDeletes(args: ImportArgs, delta: ImportDelta): CheckFailure | undefined {
  const max = args.maxDeletes;
  const { users, groups, memberships } = delta.pruned;
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
 * structurally: a block written the same way is the same; only a block written differently is normalised on
 * both sides (defaults applied) to tell a real change from a default written out. No digest, no second
 * validation of the whole job.
 */
function sameJob(olds: Record<string, unknown>, news: Record<string, unknown>, newsKnown: boolean): boolean {
  const triggers = news["triggers"];
  if (olds["identitySourceId"] !== news["identitySourceId"] || containsUnknown(triggers)) return false;
  if (packingOf(olds) !== packingOf(news)) return false;
  if (!jsonEqual(olds["triggers"] ?? {}, triggers ?? {})) return false;
  return IMPORT_BLOCKS.every((block) => {
    const before = olds[block] ?? undefined;
    const after = news[block] ?? undefined;
    if (jsonEqual(before, after)) return true;
    if (before === undefined || after === undefined || (!newsKnown && containsUnknown(after))) return false;
    const previous = normaliseBlock(block, before);
    return previous !== undefined && jsonEqual(previous, normaliseBlock(block, after));
  });
}

export const identitySourceImportKind: ResourceKindProvider = createImportKind({
  client: getClient,
  clock: Date.now,
  sleep: realSleep,
  log: logInfo,
  journal: journalForJob,
});

/** Recorded sessions a failed run left loading (CREATED/IN_PROGRESS): ours, importing nothing, blocking. */
function loadingSessions(props: Record<string, unknown> | undefined): RecordedSession[] {
  return recordedSessions(props).filter((s) => isLoadable(s.status));
}
