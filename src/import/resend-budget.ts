import { USER_KINDS, type PlannedSession } from "./plan";

/**
 * Which uploads of a session may be sent again after an answer in doubt (a 5xx, no answer): Okta may have
 * staged the first copy, so every such attempt counts as spent against the session's limits (uploads, and
 * users, which Okta may count twice). A re-send is allowed while everything still to send fits beside what
 * may already be staged; otherwise the job cancels the session and loads it again in a fresh one.
 *
 * Why staging the same upload twice is safe: it is sent again at once, before any later upload, so the staged
 * sequence is the plan's with one upload repeated in place, and each upload is idempotent when applied twice
 * in a row (an upsert merges the same values again; deleting a deleted record or removing a removed member
 * changes nothing; adding a member twice leaves one membership). Okta applies the staged uploads at
 * start-import, keyed by external id. See docs/import-faults.md for what Okta documents and what it does not.
 */

export interface SessionLimits {
  /** Uploads one session accepts (Okta: 50). */
  maxUploads: number;
  /** Users one session accepts, upserted and deleted (Okta: 10,000). */
  maxUsers: number;
}

/** The same upload sent again at most this often; a server failing longer than that is not a blip. */
export const MAX_RESENDS_PER_UPLOAD = 3;

export class ResendBudget {
  private uploads = 0;
  private users = 0;
  /** Users of uploads[i..]: what is still to send from upload i on. */
  private readonly usersFrom: number[];

  constructor(
    private readonly planned: PlannedSession,
    private readonly limits: SessionLimits,
  ) {
    this.usersFrom = new Array<number>(planned.uploads.length + 1).fill(0);
    for (let i = planned.uploads.length - 1; i >= 0; i--)
      this.usersFrom[i] = this.usersFrom[i + 1]! + usersOf(planned.uploads[i]!);
  }

  /** Upload `index` was accepted, or may have been staged (an answer in doubt). */
  spend(index: number): void {
    this.uploads += 1;
    this.users += usersOf(this.planned.uploads[index]!);
  }

  /** After an attempt at `index` was spent: whether sending it again and the rest keeps the session within limits. */
  allowsResend(index: number): boolean {
    const uploads = this.uploads + this.planned.uploads.length - index;
    const users = this.users + this.usersFrom[index]!;
    return uploads <= this.limits.maxUploads && users <= this.limits.maxUsers;
  }
}

function usersOf(upload: PlannedSession["uploads"][number]): number {
  return USER_KINDS.includes(upload.kind) ? upload.entities : 0;
}
