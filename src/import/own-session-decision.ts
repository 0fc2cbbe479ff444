import type { Session } from "../schemas/wire";
import { isLoadable, isTerminalStatus } from "./session-status";
import { shortDigest, type JournalEntry, type OwnerState } from "./session-journal";

// What a new job does with a session the journal lists (the I/O: `recover-own-sessions.ts`). Only a crashed
// owner's sessions are ours: a live one is using it now, and another machine's cannot be checked; the gate
// treats those like anyone's. Okta's status decides, not `triggerSent`: the process died, so a start-import
// it sent has taken effect or never will. A loading session is cancelled (which uploads arrived is unknown);
// a gone one is imported again (uploads are upserts and deletes, safe to repeat).

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
