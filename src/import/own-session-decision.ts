import type { Session } from "../schemas/wire";
import { isLoadable, isTerminalStatus } from "./session-status";
import { shortDigest, type JournalEntry, type OwnerState } from "./session-journal";

/**
 * What a new job does with a session the journal lists, given what Okta says about it now. Pure; the I/O is
 * in `recover-own-sessions.ts`.
 *
 * Only sessions whose owner is gone (a crashed run on this machine) are ours to act on. A live owner (this
 * process, or another `pulumi up` running beside us) is loading or following it right now, and an entry
 * written on another machine sharing the directory cannot be checked: those are left to the session gate,
 * which treats them like any other party's session (wait, then the stale rule).
 *
 * For a session of a crashed run, Okta's status decides, not the journal's `triggerSent` (the process died,
 * so a start-import it sent has either taken effect, and the status shows it, or never will):
 * - CREATED/IN_PROGRESS: it was never triggered. Its uploads cannot be resumed (we do not know which
 *   arrived), so it is cancelled and its planned session loaded again in a new one.
 * - TRIGGERED, carrying this plan's data: Okta is importing it. It is followed, never triggered again, and
 *   its end counts for the planned session it carries.
 * - TRIGGERED with other data (the data changed since, or another resource's job): not this job's to wait
 *   for. It is left as it is; the gate applies Okta's five-minute rule to it.
 * - Terminal: the entry is dropped; a COMPLETED session of this plan counts as done.
 * - Gone (404): dropped. Whether a triggered one imported anything is unknown, so its data is imported again
 *   (uploads are upserts and deletes, safe to repeat).
 */

export type OwnSessionAction =
  /** Not ours to act on (see above): the session gate decides. */
  | { kind: "leave"; why: "owner-alive" | "other-machine" | "other-data" | "unknown-status" }
  | { kind: "cancel" }
  | { kind: "follow" }
  /** Drop the entry; `completed`: a COMPLETED session carrying this plan's data. */
  | { kind: "forget"; completed: boolean };

export interface OwnSessionFacts {
  entry: JournalEntry;
  owner: OwnerState;
  /** Okta's session now; undefined when Okta answered 404. */
  session: Session | undefined;
  /** The digest of the plan this job runs. */
  planDigest: string;
}

export function decideOwnSession({ entry, owner, session, planDigest }: OwnSessionFacts): OwnSessionAction {
  if (owner === "other-machine") return { kind: "leave", why: "other-machine" };
  if (owner !== "gone") return { kind: "leave", why: "owner-alive" };
  if (session === undefined) return { kind: "forget", completed: false };
  const samePlan = entry.planDigest === shortDigest(planDigest);
  if (isLoadable(session.status)) return { kind: "cancel" };
  if (session.status === "TRIGGERED")
    return samePlan ? { kind: "follow" } : { kind: "leave", why: "other-data" };
  if (isTerminalStatus(session.status))
    return { kind: "forget", completed: samePlan && session.status === "COMPLETED" };
  return { kind: "leave", why: "unknown-status" };
}
