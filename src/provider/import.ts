/**
 * `IdentitySourceImport` behind the provider subpath: the whole bulk job (plan → sessions → uploads →
 * start-import → follow) runs inside `create`.
 *
 * - `check`, `diff` and what an update of the data sends: `import-changes.ts`.
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
 *   A change of data sends what `planOfUpdate` says (docs/import.md#updates).
 * - `delete` calls nothing: Okta keeps imported data.
 * Resource id: the first session's id (as the Terraform provider's).
 */
import type { OktaClient } from "../client/types";
import { describePlan } from "../import/describe-plan";
import { planDigest, type PayloadDigests } from "../import/digest";
import { planImport, type ImportPlan } from "../import/plan";
import { cancelLeftLoading, refreshSessions, type RecordedSession } from "../import/resume";
import { runImport, type RunImportOptions } from "../import/run";
import type { SessionJournal } from "../import/session-journal";
import { describeSessions, isImportRunError, mustRecordSessions } from "../import/run-errors";
import type { ImportArgs } from "../schemas/import-args";
import {
  importChanges,
  loadingSessions,
  packingChanged,
  pendingPrunes,
  triggersChanged,
  type UpdateRun,
} from "./import-changes";
import {
  digestsOf,
  doneSessionsToKeep,
  inPlanOrder,
  jobFinished,
  lastRunOf,
  nothingSent,
  outputsOf,
  recordedLastRun,
  overallStatus,
  parseImportInputs,
  recordedSessionCount,
  recordedSessions,
  sessionOutput,
} from "./import-state";
import type { ResourceKindProvider } from "./kind";
import { logInfo, resourceNameOf } from "./log";
import { getClient } from "./runtime";
import { journalForJob } from "./session-journal";
import { stringAt } from "./values";

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

/** A real wait that an AbortSignal can end early. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The host turns an error with `id` into a partially created resource whose outputs are `properties`. */
function idCarryingError(message: string, id: string, properties: Record<string, unknown>): Error {
  // The host adds `__provider` to successful results only: without it in `properties`, the stored outputs
  // would lack the provider text, and refresh/destroy of this resource would fail.
  return Object.assign(new Error(message), { id, properties, reasons: [message] });
}

export function createImportKind(deps: ImportKindDeps): ResourceKindProvider {
  const changes = importChanges(deps.log);

  /** Parses and plans inputs; records `check` validated in this process for the same plan are not validated again. */
  function parseAndPlan(raw: Record<string, unknown>): { args: ImportArgs; plan: ImportPlan } {
    const planned: { plan?: ImportPlan } = {};
    const args = parseImportInputs(raw, (parsed) => {
      planned.plan = planImport(parsed);
      return changes.checked(planned.plan);
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
    { plan, digests, run }: { plan: ImportPlan; digests: PayloadDigests; run: UpdateRun },
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
      const outs = outputsOf(args, name, {
        sessions,
        plan,
        digests,
        run: lastRun,
        unconfirmedPrunes: run.prunes,
      });
      deps.log(name, `import ${String(outs["sessionStatus"])}: ${describeSessions(sessions)}`);
      return { id: existingId ?? sessions[0]!.id, outs };
    } catch (e) {
      if (isImportRunError(e) && mustRecordSessions(e)) {
        const sessions = inPlanOrder(kept, e.sessions);
        const outs = outputsOf(args, name, {
          sessions,
          plan,
          digests,
          run: lastRun,
          unconfirmedPrunes: run.prunes,
        });
        throw idCarryingError(e.message, existingId ?? sessions[0]!.id, {
          ...outs,
          __provider: raw["__provider"],
        });
      }
      throw e;
    }
  }

  return {
    check: changes.check,
    diff: changes.diff,

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
          const outs = outputsOf(args, name, {
            sessions,
            plan,
            digests,
            run: recordedLastRun(olds, plan),
            unconfirmedPrunes: pendingPrunes(olds),
          });
          throw idCarryingError(message, id, { ...outs, __provider: news["__provider"] });
        }
        if (!jobFinished(sessions, recordedCount, args.waitForCompletion)) {
          // Nothing of this run is known to be confirmed: every declared record is sent. Sessions already
          // done are kept only when they carried this very plan (an earlier full run of the same data).
          const run = changes.runAgain(olds, args, plan, name);
          const samePlan =
            olds["payloadDigest"] === digests.payloadDigest && olds["planDigest"] === planDigest(run.plan);
          const kept = samePlan ? doneSessionsToKeep(sessions, run.plan.totals.sessions) : [];
          deps.log(
            name,
            `the previous run did not finish (${describeSessions(sessions)}); running the import again` +
              (kept.length > 0 ? `, except the sessions already done (${describeSessions(kept)})` : ""),
          );
          return { outs: (await runJob(args, name, news, id, kept, { plan, digests, run })).outs };
        }
      }
      const dataChanged =
        olds["payloadDigest"] !== digests.payloadDigest ||
        triggersChanged(olds, news) ||
        packingChanged(olds, news);
      if (!dataChanged)
        return {
          outs: outputsOf(args, name, {
            sessions,
            plan,
            digests,
            run: recordedLastRun(olds, plan),
            unconfirmedPrunes: pendingPrunes(olds),
          }),
        };
      const run = changes.planOfUpdate(olds, args, plan, sessions, recordedCount, name);
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

export const identitySourceImportKind: ResourceKindProvider = createImportKind({
  client: getClient,
  clock: Date.now,
  sleep: realSleep,
  log: logInfo,
  journal: journalForJob,
});
