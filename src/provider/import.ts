/**
 * `IdentitySourceImport` (docs/architecture.md#an-import-step-by-step). `read` returns no `inputs`, so the engine
 * keeps the stored ones with the secret payload outputs lack (nothing in Okta drifts them). Id: the first
 * session's (as in the Terraform provider).
 */
import type { OktaClient } from "../client/types";
import type { PrunedRecords } from "../import/delta";
import { type PayloadDigests, planDigest } from "../import/digest";
import { importJob, type JobPlan, type RecordedJob } from "../import/job";
import { planImport, type ImportPlan } from "../import/plan";
import { cancelLeftLoading, refreshSessions } from "../import/resume";
import type { RunImportOptions } from "../import/run";
import type { SessionJournal } from "../import/session-journal";
import {
  isImportRunError,
  mustRecordSessions,
  textSentence,
  wordText,
  type ImportRunError,
  type Log,
  type LogAdvice,
  type NextRun,
  type SettingRef,
} from "../import/run-errors";
import { overallStatus, type RecordedSession } from "../import/session-status";
import { importChanges, jobChanged, loadingSessions, pendingPrunes, type UpdateRun } from "./import-changes";
import {
  digestsOf,
  lastRunOf,
  nothingSent,
  outputsOf,
  recordedLastRun,
  parseImportInputs,
  recordedSessionCount,
  recordedSessions,
  sessionOutput,
  type LastRun,
} from "./import-state";
import type { ResourceKindProvider } from "./kind";
import { idCarryingError } from "./id-carrying-error";
import { resourceNameOf } from "./log";
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

type Ran = { id: string; outs: Record<string, unknown> };

export function createImportKind(deps: ImportKindDeps): ResourceKindProvider {
  const changes = importChanges(deps.log);

  /** The inputs parsed, planned and digested; records `check` validated in this process for the same plan are not
   * validated again. */
  function parsedJob(raw: Record<string, unknown>) {
    const planned: { plan?: ImportPlan } = {};
    const args = parseImportInputs(raw, (parsed) => {
      planned.plan = planImport(parsed);
      return changes.checked(planned.plan);
    });
    const plan = planned.plan ?? planImport(args);
    return { raw, args, plan, digests: digestsOf(args), name: resourceNameOf(raw) };
  }

  /**
   * Runs the job, resuming `recorded` (described by its `olds`) first; `{ sessions }` alone: it was finished
   * and nothing ran. `toRun` is asked only once the recorded job turns out unfinished.
   */
  async function runJob(
    { raw, args, plan, digests, name }: ReturnType<typeof parsedJob>,
    existingId: string | undefined,
    toRun: () => UpdateRun,
    recorded?: RecordedJob & { olds: Record<string, unknown> },
  ): Promise<Ran | { sessions: RecordedSession[] }> {
    let run: UpdateRun | undefined;
    const whatToRun = (): JobPlan => (run ??= toRun());
    const log = logOf(deps, name);
    const journal = deps.journal?.(args.identitySourceId, log);
    const options: RunImportOptions = {
      clock: deps.clock,
      sleep: deps.sleep,
      log,
      waitForCompletion: args.waitForCompletion,
      completionTimeoutSeconds: args.completionTimeoutSeconds,
      activeSessionWaitSeconds: args.activeSessionWaitSeconds,
      pollIntervalSeconds: args.pollIntervalSeconds,
      staleSessionSeconds: args.staleSessionSeconds,
      ...(deps.cooldownSeconds !== undefined ? { cooldownSeconds: deps.cooldownSeconds } : {}),
      ...(journal ? { journal } : {}),
    };
    const jobOutputs = (sessions: readonly RecordedSession[]) => {
      const olds = run === undefined ? recorded?.olds : undefined;
      // No recorded job: `importJob` asked for what to run before anything could end, so `run` is set.
      if (!olds) {
        const ran = { run: lastRunOf(run!.plan, run!.mode), unconfirmedPrunes: run!.prunes };
        return outputsOf(args, name, { sessions, plan, digests, ...ran });
      }
      // Stopped while resuming, before anything ran: outputs still describe the recorded run (its digests, so the
      // next run sends this declaration), and the change's prune deletes are kept.
      const recordedDigests = { payloadDigest: olds["payloadDigest"], blockDigests: olds["blockDigests"] };
      return outputsOf(args, name, {
        sessions,
        plan,
        digests: recordedDigests as PayloadDigests,
        run: recordedLastRun(olds, plan),
        unconfirmedPrunes: changes.keptPrunes({ olds, args, declared: plan, name }),
      });
    };
    try {
      const result = await importJob(deps.client(), args.identitySourceId, whatToRun, recorded, options);
      if (!result.ran) return { sessions: result.sessions };
      return { id: existingId ?? result.sessions[0]!.id, outs: jobOutputs(result.sessions) };
    } catch (e) {
      if (!isImportRunError(e)) throw e;
      const message = messageOf(e);
      if (!mustRecordSessions(e)) throw Object.assign(e, { message });
      throw idCarryingError(message, existingId ?? e.sessions[0]!.id, {
        ...jobOutputs(e.sessions),
        __provider: raw["__provider"],
      });
    }
  }

  return {
    check: changes.check,
    diff: changes.diff,

    create: async (raw) => {
      const job = parsedJob(raw);
      return (await runJob(job, undefined, () => ({ plan: job.plan, mode: "all" }))) as Ran;
    },

    read: async (id, props) => {
      const recorded = recordedSessions(props);
      const identitySourceId = stringAt(props, "identitySourceId");
      if (!props || !identitySourceId || recorded.length === 0) return { id, props: props ?? {} };
      const sessions = await refreshSessions(deps.client(), identitySourceId, recorded, {
        clock: deps.clock,
        sleep: deps.sleep,
        log: logOf(deps, resourceNameOf(props)),
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
      const job = parsedJob(news);
      const { args, plan, digests, name } = job;
      const recordedCount = recordedSessionCount(olds) ?? recordedSessions(olds).length;
      // An unfinished run sends everything again but the sessions done of this very plan (same data, full run).
      const recorded = {
        olds,
        sessions: recordedSessions(olds),
        plannedSessions: recordedCount,
        samePlan: (again: ImportPlan) =>
          olds["payloadDigest"] === digests.payloadDigest && olds["planDigest"] === planDigest(again),
      };
      const update = { olds, args, declared: plan, name };
      const resumed = await runJob(job, id, () => changes.runAgain(update), recorded);
      if ("outs" in resumed) return { outs: resumed.outs };
      const { sessions } = resumed;
      const outs = (run: LastRun, unconfirmedPrunes?: PrunedRecords) => ({
        outs: outputsOf(args, name, { sessions, plan, digests, run, unconfirmedPrunes }),
      });
      const dataChanged = olds["payloadDigest"] !== digests.payloadDigest || jobChanged(olds, news);
      if (!dataChanged) return outs(recordedLastRun(olds, plan), pendingPrunes(olds));
      const run = changes.planOfUpdate(update, sessions, recordedCount);
      if (run === undefined) {
        deps.log(name, "import unchanged: nothing to send since the last completed run");
        return outs(nothingSent(olds, recordedCount));
      }
      return { outs: ((await runJob(job, id, () => run)) as Ran).outs };
    },

    delete: async (_id, props) => {
      const name = resourceNameOf(props);
      const loading = loadingSessions(props);
      const identitySourceId = stringAt(props, "identitySourceId");
      if (loading.length === 0 || identitySourceId === undefined) {
        return deps.log(
          name,
          "removed from the stack without any call to Okta: Okta keeps the data this job imported",
        );
      }
      // Only sessions a failed run left loading are cancelled (they imported nothing and block the identity
      // source); nothing imported is undone.
      await cancelLeftLoading(deps.client(), identitySourceId, loading, (message) => deps.log(name, message));
      deps.log(name, "removed from the stack: Okta keeps the data this job imported");
    },
  };
}

/** What the next `pulumi up` does about a failure recorded in state (`ImportRunError.nextRun`). */
const NEXT_RUN: Record<NextRun, string> = {
  "follows-again": "`pulumi refresh` updates sessionStatus, and the next `pulumi up` waits for it again.",
  "checks-first":
    "Its id is recorded in state, so the next `pulumi up` checks its status before running the job again.",
  "cancels-left-open":
    "Its id is recorded in state, so the next `pulumi up` cancels it before importing (so does replacing or " +
    "destroying this resource).",
  "reruns-not-done": "The next `pulumi up` runs again the sessions that did not complete.",
};

const ARGUMENTS: Record<SettingRef["setting"], string> = {
  completionTimeout: "completionTimeoutSeconds",
  activeSessionWait: "activeSessionWaitSeconds",
  staleSession: "staleSessionSeconds",
};

const argumentOf = (ref: SettingRef) =>
  ARGUMENTS[ref.setting] + (ref.seconds === undefined ? "" : ` (${ref.seconds})`);

/** The import layer states the facts; the arguments behind them and what the next command does are said here. */
function messageOf(e: ImportRunError): string {
  const facts = wordText(textSentence(e.text), argumentOf);
  return [facts, ...e.nextRun.map((step) => NEXT_RUN[step])].join(" ");
}

const LOG_ADVICE: Record<LogAdvice, string> = {
  "not-waiting": "(waitForCompletion is false)",
  "import-again": "(change `triggers` to import again)",
};

function logOf(deps: ImportKindDeps, name: string): Log {
  return (message, advice) => deps.log(name, advice ? `${message} ${LOG_ADVICE[advice]}` : message);
}
