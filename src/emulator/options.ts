import type { JSONWebKeySet } from "jose";
import type { Clock } from "./clock";
import { systemClock } from "./clock";
import { newApiToken, newIdentitySourceId } from "./ids";
import type { RateLimitConfig } from "./rate-limit";

/** A service app allowed to get tokens from `POST /oauth2/v1/token` (client credentials + private key JWT). */
export interface OAuthClientConfig {
  clientId: string;
  /** Public key (SPKI or PKCS#1 PEM; a private key PEM also works) that verifies the client assertion. */
  publicKeyPem?: string;
  /** Or a JWKS; the assertion's `kid` selects the key. */
  jwks?: JSONWebKeySet;
  /** Demand DPoP at the token endpoint (nonce round trip) and issue DPoP-bound tokens. @default false */
  requireDpop?: boolean;
  /** Scopes granted to the app. @default ["okta.identitySources.read", "okta.identitySources.manage"] */
  scopes?: string[];
}

export interface EmulatorOptions {
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /** Accepted as `Authorization: SSWS <token>`. @default a random "emu-…" token */
  apiToken?: string;
  /** @default one random `0oa…` id (or the ids saved in `stateFile`) */
  identitySourceIds?: string[];
  /** The five-minute rule's window; 0 disables it (the one-active-session rule stays). @default 300 */
  sessionCooldownSeconds?: number;
  /**
   * Also refuse a new session within the cooldown of a trigger whose import already finished (one reading
   * of Okta's rule, API note §5.1). @default false: only CREATED/IN_PROGRESS/TRIGGERED sessions block.
   */
  strictCooldown?: boolean;
  /** Emulator-clock time from TRIGGERED to COMPLETED, per import (imports queue per source). @default 50 */
  importDelayMs?: number;
  /** Enforce a bucket; `false` never answers 429 (headers still advertise 10,000/min). @default false */
  rateLimit?: RateLimitConfig | false;
  /** @default the system clock; pass `createManualClock()` to drive time from tests */
  clock?: Clock;
  /** Load state from this JSON file on start and save it after every change. */
  stateFile?: string;
  oauth?: { clients: OAuthClientConfig[] };
  /** What an unknown session id gets: 404 E0000007 (SPEC) or 400 E0000001 (older orgs). @default 404 */
  unknownSessionStatus?: 404 | 400;
  /**
   * What a membership upload counts toward the 200 entities: every member id (the strict reading, which
   * refuses uploads packed by group) or each group entry (Okta's API spec: at most 200 `memberships`, no cap on
   * `memberExternalIds`). Okta's real rule is undocumented. @default "members"
   */
  membershipEntities?: "members" | "groups";
}

export interface ResolvedOptions {
  port: number;
  host: string;
  apiToken: string;
  identitySourceIds: string[] | undefined;
  cooldownMs: number;
  strictCooldown: boolean;
  importDelayMs: number;
  rateLimit: RateLimitConfig | false;
  clock: Clock;
  stateFile: string | undefined;
  oauthClients: OAuthClientConfig[];
  unknownSessionStatus: 404 | 400;
  membershipEntities: "members" | "groups";
}

export const DEFAULT_IMPORT_DELAY_MS = 50;
export const DEFAULT_COOLDOWN_SECONDS = 300;

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const cooldownSeconds = options.sessionCooldownSeconds ?? DEFAULT_COOLDOWN_SECONDS;
  const importDelayMs = options.importDelayMs ?? DEFAULT_IMPORT_DELAY_MS;
  if (!(cooldownSeconds >= 0)) throw new RangeError("sessionCooldownSeconds must be ≥ 0");
  if (!(importDelayMs >= 0)) throw new RangeError("importDelayMs must be ≥ 0");
  if (options.apiToken !== undefined && options.apiToken.trim() === "") {
    throw new RangeError("apiToken must not be empty");
  }
  for (const id of options.identitySourceIds ?? []) {
    if (!/^[A-Za-z0-9]+$/.test(id)) throw new RangeError("identity source ids are letters and digits only");
  }
  return {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    apiToken: options.apiToken ?? newApiToken(),
    identitySourceIds: options.identitySourceIds,
    cooldownMs: cooldownSeconds * 1000,
    strictCooldown: options.strictCooldown ?? false,
    importDelayMs,
    rateLimit: options.rateLimit ?? false,
    clock: options.clock ?? systemClock,
    stateFile: options.stateFile,
    oauthClients: options.oauth?.clients ?? [],
    unknownSessionStatus: options.unknownSessionStatus ?? 404,
    membershipEntities: options.membershipEntities ?? "members",
  };
}

export const defaultIdentitySourceIds = (): string[] => [newIdentitySourceId()];
