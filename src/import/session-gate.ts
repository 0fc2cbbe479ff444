import type { Session } from "../schemas/wire";
import { isLoadable } from "./session-status";

// Whether a new session may be created now, from the session list (pure; the I/O: `open-session.ts`).
// Okta's rules (docs/okta-api.md#limits): one CREATED/IN_PROGRESS session per identity source, and none new
// within five minutes of an active one; a TRIGGERED session blocks only for the five minutes after its trigger.
// The stale rule: sessions carry no label, so a loading session unchanged for the stale threshold is taken as
// abandoned, whoever opened it, and cancelled; otherwise it blocks until Okta expires it after 24 hours. Our
// job never idles that long; another tool that does loses its staged data. `check` keeps the threshold above
// the wait for a busy source (`import-args-rules.ts`): a session busy when our wait begins cannot turn stale
// before it ends, so we wait and fail, never cancel it.

export interface GateRules {
  /** A loadable session unchanged for this long is abandoned (cancelled). */
  staleMs: number;
  /** Okta's five-minute rule. */
  cooldownMs: number;
}

export interface Blocker {
  session: Session;
  /** "loading": another party (or a crashed run) is loading data into a CREATED/IN_PROGRESS session;
   * "cooldown": a session was triggered less than five minutes ago. */
  reason: "loading" | "cooldown";
  /** When this blocker stops blocking on its own (stale threshold or end of the five minutes), epoch ms. */
  until: number;
  /** Its last visible change, epoch ms (undefined when Okta sent no usable timestamp). */
  changedAt: number | undefined;
}

export interface StaleSession {
  session: Session;
  changedAt: number;
}

export type GateDecision =
  { kind: "clear" } | { kind: "cancel-stale"; stale: StaleSession[] } | { kind: "wait"; blocker: Blocker };

/** Epoch ms of an Okta timestamp, or undefined when missing or unparsable. */
export function parseOktaTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The last visible change of a session: `lastUpdated`, else `created`. */
export function changedAt(session: Session): number | undefined {
  return parseOktaTime(session.lastUpdated) ?? parseOktaTime(session.created);
}

export function decideGate(sessions: readonly Session[], now: number, rules: GateRules): GateDecision {
  const stale: StaleSession[] = [];
  const blockers: Blocker[] = [];
  for (const session of sessions) {
    const changed = changedAt(session);
    if (isLoadable(session.status)) {
      // No usable timestamp: we cannot prove it abandoned, so it blocks (for a full threshold from now).
      if (changed !== undefined && now - changed >= rules.staleMs)
        stale.push({ session, changedAt: changed });
      else
        blockers.push({
          session,
          reason: "loading",
          until: (changed ?? now) + rules.staleMs,
          changedAt: changed,
        });
    } else if (session.status === "TRIGGERED") {
      // `lastUpdated` of a TRIGGERED session is its trigger time (unconfirmed, docs/okta-api.md#session-object).
      const until = (changed ?? now) + rules.cooldownMs;
      if (until > now) blockers.push({ session, reason: "cooldown", until, changedAt: changed });
    }
  }
  if (stale.length > 0) return { kind: "cancel-stale", stale };
  if (blockers.length === 0) return { kind: "clear" };
  // A loading session outranks a cooldown: it is the one the user may have to act on.
  blockers.sort(
    (a, b) => Number(b.reason === "loading") - Number(a.reason === "loading") || b.until - a.until,
  );
  return { kind: "wait", blocker: blockers[0]! };
}

/** After a 400 E0000001 with nothing blocking in the list (a session ended in the last five minutes may count):
 * five minutes after the latest listed creation or `ownCooldownFrom`, never before `now + minimumMs`. */
export function retryAfterRefusal(
  sessions: readonly Session[],
  now: number,
  cooldownMs: number,
  minimumMs: number,
  ownCooldownFrom: number | undefined,
): number {
  let latest = ownCooldownFrom ?? Number.NEGATIVE_INFINITY;
  for (const session of sessions) {
    const created = parseOktaTime(session.created);
    if (created !== undefined && created > latest) latest = created;
  }
  return Math.max(now + minimumMs, latest + cooldownMs);
}
