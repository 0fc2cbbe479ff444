import type { JSONWebKeySet } from "jose";
import type { Clock, Sleep } from "./clock";
import { realSleep, systemClock } from "./clock";
import { newApiToken, newIdentitySourceId } from "./ids";
import type { RateLimitConfig } from "./rate-limit";

/** One line of the request log (`emulator.requests`). Credentials are never recorded. */
export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query string without the `?` ("" when none). */
  query: string;
  /** 0 when the connection was dropped by fault injection. */
  status: number;
  /** Lower-case request headers without `authorization`, `dpop`, `cookie`. */
  headers: Record<string, string>;
  requestId: string;
  /** Emulator-clock time the request arrived. */
  at: number;
}

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

/**
 * Okta's server says "Only one active import session per identity source is allowed to be created every 5
 * minutes"; its guide says no session "within five minutes of triggering an active session". Two readings:
 * - `"strict"`: no new session within `sessionCooldownSeconds` of the creation or the trigger of any session
 *   of the source, whatever its status now (a cancelled or completed one counts too). The default: a client
 *   that survives it survives the other reading as well.
 * - `"lenient"`: only a TRIGGERED session created or triggered within the window blocks; a finished or
 *   cancelled one frees the source at once.
 * Under both, a CREATED or IN_PROGRESS session blocks until it is triggered, cancelled or expires.
 */
export type SessionCooldownRule = "strict" | "lenient";

export const SESSION_COOLDOWN_RULES: readonly SessionCooldownRule[] = ["strict", "lenient"];

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
  /** Which reading of the five-minute rule to enforce (see `SessionCooldownRule`). @default "strict" */
  sessionCooldownRule?: SessionCooldownRule;
  /** Emulator-clock time from TRIGGERED to COMPLETED, per import (imports queue per source). @default 50 */
  importDelayMs?: number;
  /** Enforce a bucket; `false` never answers 429 (headers still advertise 10,000/min). @default false */
  rateLimit?: RateLimitConfig | false;
  /** @default the system clock; pass `createManualClock()` to drive time from tests */
  clock?: Clock;
  /**
   * How the emulator waits: a fault's `delayMs`, and, unless `clock` is a manual clock (whose moves wake it),
   * the wake-up that completes the next import when it is due. Tests pass a fake sleep so nothing waits for
   * real. @default real timers
   */
  sleep?: Sleep;
  /** Load state from this JSON file on start and save it after every change. */
  stateFile?: string;
  oauth?: { clients: OAuthClientConfig[] };
  /** What an unknown session id gets: 404 E0000007 (SPEC) or 400 E0000001 (older orgs). @default 404 */
  unknownSessionStatus?: 404 | 400;
  /** Called once per answered request with its log entry and how long the answer took (the CLI's `--log`). */
  onRequest?: (entry: RequestLogEntry, elapsedMs: number) => void;
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
  sessionCooldownRule: SessionCooldownRule;
  importDelayMs: number;
  rateLimit: RateLimitConfig | false;
  clock: Clock;
  sleep: Sleep;
  stateFile: string | undefined;
  oauthClients: OAuthClientConfig[];
  unknownSessionStatus: 404 | 400;
  onRequest: ((entry: RequestLogEntry, elapsedMs: number) => void) | undefined;
  membershipEntities: "members" | "groups";
}

export const DEFAULT_IMPORT_DELAY_MS = 50;
export const DEFAULT_COOLDOWN_SECONDS = 300;

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const cooldownSeconds = options.sessionCooldownSeconds ?? DEFAULT_COOLDOWN_SECONDS;
  const importDelayMs = options.importDelayMs ?? DEFAULT_IMPORT_DELAY_MS;
  if (!(cooldownSeconds >= 0)) throw new RangeError("sessionCooldownSeconds must be ≥ 0");
  if (!(importDelayMs >= 0)) throw new RangeError("importDelayMs must be ≥ 0");
  const sessionCooldownRule = options.sessionCooldownRule ?? "strict";
  if (!SESSION_COOLDOWN_RULES.includes(sessionCooldownRule)) {
    throw new RangeError(`sessionCooldownRule must be one of ${SESSION_COOLDOWN_RULES.join(", ")}`);
  }
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
    sessionCooldownRule,
    importDelayMs,
    rateLimit: options.rateLimit ?? false,
    clock: options.clock ?? systemClock,
    sleep: options.sleep ?? realSleep,
    stateFile: options.stateFile,
    oauthClients: options.oauth?.clients ?? [],
    unknownSessionStatus: options.unknownSessionStatus ?? 404,
    onRequest: options.onRequest,
    membershipEntities: options.membershipEntities ?? "members",
  };
}

export const defaultIdentitySourceIds = (): string[] => [newIdentitySourceId()];
