import type { HandlerContext } from "./context";
import { EmulatorHttpError, notFound, oktaErrorBody, validationFailed } from "./errors";
import { empty, json, type Reply } from "./http-io";
import { newSessionId } from "./ids";
import { SESSION_IDLE_EXPIRY_MS } from "./limits";
import type { SessionRecord, SourceState } from "./state";
import { findSession } from "./state";
import { sessionView } from "./views";

/**
 * The session state machine (docs/okta-api.md#session-states): CREATED → IN_PROGRESS (first staged upload, `bulk.ts`) →
 * TRIGGERED (start-import) → COMPLETED/ERROR (`imports.ts`); CREATED/IN_PROGRESS → CLOSED (cancel) or
 * EXPIRED (24 h without a request addressed to the session, evaluated lazily).
 */

export const COOLDOWN_CAUSE =
  "Only one active import session per identity source is allowed to be created every 5 minutes";
export const CANCEL_CAUSE = "Only a session that is in CREATED or IN_PROGRESS status can be canceled.";
export const TRIGGER_CAUSE = "Only a session that is in IN_PROGRESS status can be triggered.";

export const isLoadable = (session: SessionRecord): boolean =>
  session.status === "CREATED" || session.status === "IN_PROGRESS";

/** Expires CREATED/IN_PROGRESS sessions idle for 24 h; their staged data is discarded. */
export function expireIdleSessions(source: SourceState, now: number): boolean {
  let changed = false;
  for (const session of source.sessions) {
    const expiresAt = session.lastActivityAt + SESSION_IDLE_EXPIRY_MS;
    if (isLoadable(session) && now >= expiresAt) {
      session.status = "EXPIRED";
      session.uploads = [];
      session.lastUpdatedAt = expiresAt;
      session.finishedAt = expiresAt;
      changed = true;
    }
  }
  return changed;
}

/** The source of the request, with idle sessions expired first. */
export function sourceOf(ctx: HandlerContext): SourceState {
  const source = ctx.core.source(ctx.params["identitySourceId"] ?? "");
  expireIdleSessions(source, ctx.now);
  return source;
}

/** The addressed session (404, or 400 for the older-org variant); refreshes its idle timer. */
export function sessionOf(ctx: HandlerContext, source: SourceState): SessionRecord {
  const sessionId = ctx.params["sessionId"] ?? "";
  const session = findSession(source, sessionId);
  if (!session) {
    if (ctx.core.options.unknownSessionStatus === 400) {
      throw validationFailed("importSessionId", ["The Identity Source Session ID is invalid."]);
    }
    throw notFound(sessionId, "IdentitySourceSession");
  }
  if (isLoadable(session)) session.lastActivityAt = ctx.now;
  return session;
}

/**
 * The session that stops a new one: any CREATED/IN_PROGRESS session (one active session per source), else
 * one created or triggered within the cooldown: any such session under the strict rule, only a still
 * TRIGGERED one under the lenient rule (`SessionCooldownRule`).
 */
function blockingSession(ctx: HandlerContext, source: SourceState): SessionRecord | undefined {
  const { cooldownMs, sessionCooldownRule } = ctx.core.options;
  const recent = (t: number | undefined): boolean => t !== undefined && ctx.now - t < cooldownMs;
  return source.sessions.find((s) => {
    if (isLoadable(s)) return true;
    if (!recent(s.createdAt) && !recent(s.triggeredAt)) return false;
    return sessionCooldownRule === "strict" || s.status === "TRIGGERED";
  });
}

/**
 * POST …/sessions → 201 (recorded). A refusal is 400 E0000001, the code Okta's API reference gives for it; no
 * refusal was ever recorded, so the summary `Api validation failed: identitySourceId` is our choice, with the
 * server sentence the TF docs quote as the only cause.
 */
export function createSession(ctx: HandlerContext): Reply {
  const source = sourceOf(ctx);
  if (blockingSession(ctx, source)) {
    throw new EmulatorHttpError(
      400,
      oktaErrorBody("E0000001", "Api validation failed: identitySourceId", [COOLDOWN_CAUSE]),
    );
  }
  const session: SessionRecord = {
    id: newSessionId(),
    identitySourceId: source.id,
    status: "CREATED",
    createdAt: ctx.now,
    lastUpdatedAt: ctx.now,
    lastActivityAt: ctx.now,
    uploadCount: 0,
    userCount: 0,
    uploads: [],
  };
  source.sessions.push(session);
  return json(201, sessionView(session));
}

/** Every session of the source, finished ones included (SPEC example), oldest first. */
export function listSessions(ctx: HandlerContext): Reply {
  return json(200, sourceOf(ctx).sessions.map(sessionView));
}

export function getSession(ctx: HandlerContext): Reply {
  const source = sourceOf(ctx);
  return json(200, sessionView(sessionOf(ctx, source)));
}

/** DELETE = cancel: only CREATED/IN_PROGRESS → CLOSED, 204; otherwise the OBSERVED 400 body. */
export function cancelSession(ctx: HandlerContext): Reply {
  const source = sourceOf(ctx);
  const session = sessionOf(ctx, source);
  if (!isLoadable(session)) throw validationFailed("importSessionId", [CANCEL_CAUSE]);
  session.status = "CLOSED";
  session.uploads = [];
  session.lastUpdatedAt = ctx.now;
  session.finishedAt = ctx.now;
  return empty(204);
}

/** start-import: only from IN_PROGRESS → TRIGGERED, 200 with the session. */
export function startImport(ctx: HandlerContext): Reply {
  const source = sourceOf(ctx);
  const session = sessionOf(ctx, source);
  if (session.status !== "IN_PROGRESS") throw validationFailed("importSessionId", [TRIGGER_CAUSE]);
  session.status = "TRIGGERED";
  session.triggeredAt = ctx.now;
  session.lastUpdatedAt = ctx.now;
  ctx.core.imports.schedule();
  return json(200, sessionView(session));
}
