import { isOktaApiError } from "../client/errors";
import type { Session } from "../schemas/wire";
import {
  type JobContext,
  cancelSession,
  formatDuration,
  formatTime,
  isAmbiguousFailure,
  optsOf,
  throwIfAborted,
} from "./job-context";
import { type Blocker, changedAt, decideGate, parseOktaTime, retryAfterRefusal } from "./session-gate";
import { type SettingRef, TextError, describeCleanup, errorMessage, text, wordText } from "./run-errors";

// A create is not idempotent, so an ambiguous one is reconciled: a CREATED session missing from the list taken
// just before is ours (another party's created in that same instant would be taken; the window is one request).
// The list being the only way to find it, a failing list is tried again up to the wait deadline.

/** Ambiguous creates we reconcile and retry before giving up. */
const MAX_AMBIGUOUS_CREATES = 3;

/** `ownCooldownFrom`: epoch ms, the later of our previous session's creation and trigger in this job: Okta's
 * five-minute rule may count from a creation too, and a cancelled session of ours was never triggered. */
export async function openSession(
  ctx: JobContext,
  label: string,
  ownCooldownFrom: number | undefined,
): Promise<Session> {
  // The five minutes after our own previous session are not a busy source: the wait starts when they end, or
  // a wait under five minutes could never open a second session (nobody can open one in them, so the
  // stale-threshold guarantee of `session-gate.ts` holds).
  const ownCooldownEnd = ownCooldownFrom === undefined ? 0 : ownCooldownFrom + ctx.cooldownMs;
  const start = Math.max(ctx.clock(), ownCooldownEnd);
  const deadline = start + ctx.activeSessionWaitMs;
  const announced = new Set<string>();
  let notBefore = 0;
  let ambiguousCreates = 0;
  const failedCancels = new Set<string>();
  // Ids listed before our last ambiguous create; undefined when no create is in doubt.
  let idsBeforeAmbiguousCreate: Set<string> | undefined;
  // The last allowed create's error: thrown once the list shows that create made nothing.
  let lastCreateFailure: Error | undefined;

  for (;;) {
    throwIfAborted(ctx.signal);
    let sessions: Session[];
    try {
      sessions = await ctx.client.sessions.list(ctx.identitySourceId, optsOf(ctx));
    } catch (e) {
      await listAgainLater(ctx, e, deadline, label, idsBeforeAmbiguousCreate !== undefined);
      continue;
    }
    if (idsBeforeAmbiguousCreate) {
      const ours = sessions.find((s) => s.status === "CREATED" && !idsBeforeAmbiguousCreate!.has(s.id));
      if (ours) {
        ctx.log(`${label} ${ours.id}: created (found after the create request got no clear answer)`);
        return ours;
      }
      if (lastCreateFailure !== undefined) throw lastCreateFailure;
    }
    const now = ctx.clock();
    const decision = decideGate(sessions, now, ctx);

    if (decision.kind === "cancel-stale") {
      const toCancel = decision.stale.filter((s) => !failedCancels.has(s.session.id));
      if (toCancel.length === 0) {
        // Cancelling did not work (e.g. no permission): it blocks like any other loading session.
        const blocker: Blocker = { ...decision.stale[0]!, reason: "loading", until: deadline };
        await waitFor(ctx, blocker, deadline, announced);
        continue;
      }
      for (const { session, changedAt: at } of toCancel) {
        ctx.log(
          `cancelling stale session ${session.id} (${session.status}, no change since ${formatTime(at)}, ` +
            `over the stale threshold of ${seconds(ctx.staleMs)} s): it looks abandoned by a crashed run`,
        );
        const outcome = await cancelSession(ctx, session.id);
        if (outcome.result === "failed") {
          failedCancels.add(session.id);
          ctx.log(wordText(describeCleanup(outcome)));
        }
      }
      continue;
    }

    if (decision.kind === "wait") {
      await waitFor(ctx, decision.blocker, deadline, announced);
      continue;
    }

    if (notBefore > now) {
      if (notBefore > deadline) throw refusedUntil(ctx, notBefore, start);
      const line = `waiting for Okta's five-minute rule until ${formatTime(notBefore)}`;
      announce(ctx, announced, `refused:${notBefore}`, line);
      await ctx.sleep(Math.min(notBefore, now + ctx.pollMs) - now, ctx.signal);
      continue;
    }

    try {
      const session = await ctx.client.sessions.create(ctx.identitySourceId, optsOf(ctx));
      ctx.log(`${label} ${session.id}: created`);
      return session;
    } catch (e) {
      if (isOktaApiError(e) && e.status === 400 && e.errorCode === "E0000001") {
        notBefore = retryAfterRefusal(sessions, ctx.clock(), ctx.cooldownMs, ctx.pollMs, ownCooldownFrom);
        if (notBefore > deadline) throw refusedUntil(ctx, notBefore, start);
        continue;
      }
      if (!isAmbiguousFailure(e)) throw e;
      ambiguousCreates += 1;
      idsBeforeAmbiguousCreate ??= new Set(sessions.map((s) => s.id));
      if (ambiguousCreates >= MAX_AMBIGUOUS_CREATES) lastCreateFailure = e;
      ctx.log(
        `${label}: creating a session got no clear answer (${errorMessage(e)}); checking the session list`,
      );
    }
  }
}

// The list failed: waits one poll interval, or throws when the failure will not pass, the deadline would pass
// or the job is cancelled (the stranded-session error while a create is in doubt).
async function listAgainLater(
  ctx: JobContext,
  e: unknown,
  deadline: number,
  label: string,
  createInDoubt: boolean,
): Promise<void> {
  const passing = isAmbiguousFailure(e) || (isOktaApiError(e) && e.status === 429);
  const giveUp = (cause: unknown): unknown => (createInDoubt ? mayBeStranded(ctx, cause) : cause);
  if (!passing || ctx.clock() + ctx.pollMs > deadline) throw giveUp(e);
  ctx.log(
    `${label}: could not list sessions (${errorMessage(e)}); trying again` +
      (createInDoubt
        ? ", since creating one got no clear answer and the list is the only way to find it"
        : " (a list is safe to repeat)"),
  );
  try {
    await ctx.sleep(ctx.pollMs, ctx.signal);
  } catch (aborted) {
    throw giveUp(aborted);
  }
}

function mayBeStranded(ctx: JobContext, cause: unknown): Error {
  const source = ctx.identitySourceId;
  const sessions = `/api/v1/identity-sources/${source}/sessions`;
  return new TextError(
    text`creating a session got no clear answer and the session list could not be read afterwards \
(${errorMessage(cause)}): Okta may have created a session in identity source ${source}, which blocks \
it while it is CREATED. Look for it with GET ${sessions} and cancel a CREATED session that nobody is \
loading with DELETE ${sessions}/{sessionId}; otherwise the next run cancels it once it has been \
unchanged for ${stale(ctx)}`,
    { cause },
  );
}

const seconds = (ms: number) => Math.round(ms / 1000);
const stale = (ctx: JobContext): SettingRef => ({ setting: "staleSession", seconds: seconds(ctx.staleMs) });
const wait = (ctx: JobContext): SettingRef => ({
  setting: "activeSessionWait",
  seconds: seconds(ctx.activeSessionWaitMs),
});

function announce(ctx: JobContext, announced: Set<string>, key: string, line: string): void {
  if (announced.has(key)) return;
  announced.add(key);
  ctx.log(line);
}

async function waitFor(
  ctx: JobContext,
  blocker: Blocker,
  deadline: number,
  announced: Set<string>,
): Promise<void> {
  const now = ctx.clock();
  const { session } = blocker;
  if (now >= deadline || (blocker.reason === "cooldown" && blocker.until > deadline))
    throw blockedError(ctx, blocker, deadline);
  const until = Math.min(blocker.until, deadline);
  const created = session.created
    ? `, created ${formatTime(parseOktaTime(session.created) ?? changedAt(session) ?? 0)}`
    : "";
  const why =
    blocker.reason === "loading"
      ? "another import is loading data into this identity source"
      : "Okta allows a new session five minutes after the last trigger";
  const line = `waiting for session ${session.id} (${session.status}${created}) until ${formatTime(until)}: ${why}`;
  announce(ctx, announced, `${session.id}:${session.status}:${blocker.reason}`, line);
  await ctx.sleep(Math.max(1, Math.min(until, now + ctx.pollMs) - now), ctx.signal);
}

function blockedError(ctx: JobContext, blocker: Blocker, deadline: number): TextError {
  const { session } = blocker;
  const source = ctx.identitySourceId;
  const times = [
    session.created && `created ${session.created}`,
    session.lastUpdated && `last changed ${session.lastUpdated}`,
  ];
  const busy = `identity source ${source} is busy: session ${session.id} (${[session.status, ...times].filter(Boolean).join(", ")})`;
  if (blocker.reason === "cooldown") {
    return new TextError(
      text`${busy} \
was triggered less than five minutes ago and Okta refuses a new session until ${formatTime(blocker.until)}, \
after the wait deadline ${formatTime(deadline)} (${wait(ctx)}). Run again after ${formatTime(blocker.until)}, \
or raise ${{ setting: "activeSessionWait" }}.`,
    );
  }
  const from = blocker.changedAt !== undefined ? `; this one from ${formatTime(blocker.until)}` : "";
  return new TextError(
    text`${busy} \
is still loading data after waiting until ${formatTime(deadline)} (${wait(ctx)}). Another import (another \
tool, stack or person) holds it. Wait for it to finish, or cancel it: \
DELETE /api/v1/identity-sources/${source}/sessions/${session.id} (only CREATED/IN_PROGRESS sessions can be \
cancelled; this discards its staged data). A session with no change for ${stale(ctx)} counts as abandoned \
and is cancelled automatically${from}.`,
  );
}

function refusedUntil(ctx: JobContext, notBefore: number, start: number): TextError {
  return new TextError(
    text`Okta refused a new session for identity source ${ctx.identitySourceId} (400 E0000001: the five-minute \
rule or an active session) and the next attempt (${formatTime(notBefore)}) is past the wait deadline \
(${formatDuration(ctx.activeSessionWaitMs)} after ${formatTime(start)}). Run again later, or raise \
${{ setting: "activeSessionWait" }}.`,
  );
}
