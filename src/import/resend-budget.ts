import { MAX_UPLOADS_PER_SESSION, MAX_USERS_PER_SESSION } from "../schemas/limits";
import { USER_KINDS, type PlannedSession } from "./plan";

// Which uploads of a session may be sent again after an answer in doubt: Okta may have staged the first copy,
// so each attempt counts against the session's limits, and a re-send is allowed while the rest still fits.
// Staging one upload twice is safe: it is sent again at once, so the staged sequence repeats it in place, and
// each upload is idempotent applied twice in a row (docs/import-faults.md).

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

  constructor(
    private readonly planned: PlannedSession,
    private readonly limits: SessionLimits = {
      maxUploads: MAX_UPLOADS_PER_SESSION,
      maxUsers: MAX_USERS_PER_SESSION,
    },
  ) {}

  /** Upload `index` was accepted, or may have been staged (an answer in doubt). */
  spend(index: number): void {
    this.uploads += 1;
    this.users += usersOf(this.planned.uploads[index]!);
  }

  /** After an attempt at `index` was spent: whether sending it again and the rest keeps the session within limits. */
  allowsResend(index: number): boolean {
    const rest = this.planned.uploads.slice(index);
    const users = rest.reduce((n, upload) => n + usersOf(upload), this.users);
    return this.uploads + rest.length <= this.limits.maxUploads && users <= this.limits.maxUsers;
  }
}

function usersOf(upload: PlannedSession["uploads"][number]): number {
  return USER_KINDS.includes(upload.kind) ? upload.entities : 0;
}
