/**
 * The limits the emulator enforces, re-declared here on purpose: the emulator shares no runtime code with
 * the package it tests (`src/schemas/limits.ts` holds the client's copy). Sources: docs/okta-api.md#limits.
 */

/** Entities per bulk upload; membership uploads count every `memberExternalIds` entry. */
export const MAX_ENTITIES_PER_UPLOAD = 200;
/** "200 KB" per bulk upload, read generously as 200 × 1024 bytes of request body. */
export const MAX_UPLOAD_BYTES = 200 * 1024;
export const MAX_UPLOADS_PER_SESSION = 50;
/** HELP: "10K users per session" (user upserts and deletes together). */
export const MAX_USERS_PER_SESSION = 10_000;
export const SESSION_IDLE_EXPIRY_MS = 24 * 60 * 60 * 1000;
export const MAX_MEMBERSHIP_PAGE_LIMIT = 1000;
/** SPEC gives no default page size; 200 is our choice (documented in the README of the emulator). */
export const DEFAULT_MEMBERSHIP_PAGE_LIMIT = 200;
/** Largest request body read at all; bigger bodies are refused before parsing. */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export const FIELD = {
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
} as const;

export const SCOPE_READ = "okta.identitySources.read";
export const SCOPE_MANAGE = "okta.identitySources.manage";
