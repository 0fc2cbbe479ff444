// Okta's Identity Sources API limits (sources and confidence: docs/okta-api.md#limits); where vague, conservative.

/** Max entities in one bulk upload. (docs/okta-api.md#limits) */
export const MAX_ENTITIES_PER_UPLOAD = 200;

/** Max bytes of one bulk upload: GUIDE's "200 KB" read as 1,000-byte KB, under either reading (emulator: 200 × 1,024). */
export const MAX_UPLOAD_BYTES = 200_000;

/** Max bulk uploads in one session. (docs/okta-api.md#limits) */
export const MAX_UPLOADS_PER_SESSION = 50;

/** Max users in one session. (docs/okta-api.md#limits) */
export const MAX_USERS_PER_SESSION = 10_000;

/** Okta refuses a new session within five minutes of an active one (docs/okta-api.md#limits). */
export const SESSION_COOLDOWN_SECONDS = 300;

/** Max `limit` of the membership listing (`maximum: 1000`, docs/okta-api.md#pagination). */
export const MAX_MEMBERSHIP_PAGE_LIMIT = 1000;

/** Field lengths. Okta's `maxLength`/`minLength` (docs/okta-api.md#profiles, docs/okta-api.md#bulk-bodies). */
export const FIELD_LIMITS = {
  userExternalId: 512,
  groupExternalId: 255,
  memberExternalId: 255,
  userName: 100,
  email: { min: 5, max: 100 },
  name: { min: 1, max: 50 },
  mobilePhone: 100,
  homeAddress: 4096,
  displayName: { min: 1, max: 255 },
  description: 1024,
  /** Not documented by Okta for custom attributes; a generous guard against accidental blobs. */
  customAttribute: 4096,
} as const;

/** Session statuses (docs/okta-api.md#session-states). */
export const SESSION_STATUSES = [
  "CREATED",
  "IN_PROGRESS",
  "TRIGGERED",
  "COMPLETED",
  "CLOSED",
  "EXPIRED",
  "ERROR",
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** Statuses after which Okta does nothing more with a session. */
export const TERMINAL_SESSION_STATUSES: readonly SessionStatus[] = [
  "COMPLETED",
  "CLOSED",
  "EXPIRED",
  "ERROR",
];

/** Statuses that still accept uploads and can be cancelled. */
export const LOADABLE_SESSION_STATUSES: readonly SessionStatus[] = ["CREATED", "IN_PROGRESS"];
