import type { HandlerContext } from "./context";
import { validationFailed } from "./errors";
import { empty, type Reply } from "./http-io";
import {
  MAX_ENTITIES_PER_UPLOAD,
  MAX_UPLOAD_BYTES,
  MAX_UPLOADS_PER_SESSION,
  MAX_USERS_PER_SESSION,
} from "./limits";
import { isLoadable, sessionOf, sourceOf } from "./sessions";
import type { SessionRecord, SourceState, StagedUpload, UploadKind } from "./state";
import { findActiveUser, findGroupByExternalId } from "./state";
import {
  BulkDeleteGroups,
  BulkDeleteUsers,
  BulkMemberships,
  BulkUpsertGroups,
  BulkUpsertUsers,
  cleanProfile,
  parseJson,
  parseWith,
} from "./validation";

/**
 * The six bulk uploads (docs/okta-api.md#session-endpoints, docs/okta-api.md#limits, docs/okta-api.md#session-errors). Checks, in order: session exists (404), session
 * loadable (400), ≤ 50 uploads (400), JSON well-formed (400 E0000003), ≤ 200 × 1024 bytes, schema and
 * lengths, `entityType` = USERS, ≤ 200 entities (membership uploads count every member id, or each group
 * entry with `membershipEntities: "groups"`), ≤ 10,000 users
 * per session. Accepted → 202, empty body. The first upload that stages something moves CREATED →
 * IN_PROGRESS; a delete naming only unknown ids is accepted but stages nothing (GUIDE).
 */

const UPLOAD_CAUSE = "Data can only be uploaded to a session that is in CREATED or IN_PROGRESS status.";
const ENTITY_TYPE_CAUSE = "entityType: The field entityType is not valid.";

export function uploader(kind: UploadKind) {
  return (ctx: HandlerContext): Reply => {
    const source = sourceOf(ctx);
    const session = sessionOf(ctx, source);
    if (!isLoadable(session)) throw validationFailed("importSessionId", [UPLOAD_CAUSE]);
    if (session.uploadCount >= MAX_UPLOADS_PER_SESSION) {
      throw validationFailed("importSessionId", [
        `A session accepts at most ${MAX_UPLOADS_PER_SESSION} bulk requests; create a new session for more data.`,
      ]);
    }
    const raw = parseJson(ctx.body);
    if (ctx.body.length > MAX_UPLOAD_BYTES) {
      throw validationFailed("body", [
        `A bulk request can carry at most ${MAX_UPLOAD_BYTES} bytes (200 KB).`,
      ]);
    }
    const upload = parseUpload(kind, raw);
    const entities = entityCount(upload, ctx.core.options.membershipEntities);
    if (entities > MAX_ENTITIES_PER_UPLOAD) {
      throw validationFailed(fieldOf(upload), [
        `A bulk request can carry at most ${MAX_ENTITIES_PER_UPLOAD} entities; this one has ${entities}.`,
      ]);
    }
    const users =
      upload.kind === "upsertUsers"
        ? upload.profiles.length
        : upload.kind === "deleteUsers"
          ? upload.externalIds.length
          : 0;
    if (session.userCount + users > MAX_USERS_PER_SESSION) {
      throw validationFailed("profiles", [`A session accepts at most ${MAX_USERS_PER_SESSION} users.`]);
    }
    session.uploadCount += 1;
    session.userCount += users;
    if (stagesSomething(source, session, upload)) {
      session.uploads.push(upload);
      session.status = "IN_PROGRESS";
      session.lastUpdatedAt = ctx.now;
    }
    return empty(202);
  };
}

function requireUsersEntityType(entityType: string): void {
  if (entityType !== "USERS") throw validationFailed("entityType", [ENTITY_TYPE_CAUSE]);
}

function parseUpload(kind: UploadKind, raw: unknown): StagedUpload {
  switch (kind) {
    case "upsertUsers": {
      const body = parseWith(BulkUpsertUsers, raw);
      requireUsersEntityType(body.entityType);
      return {
        kind,
        profiles: body.profiles.map((p) => ({ externalId: p.externalId, profile: cleanProfile(p.profile) })),
      };
    }
    case "deleteUsers": {
      const body = parseWith(BulkDeleteUsers, raw);
      requireUsersEntityType(body.entityType);
      return { kind, externalIds: body.profiles.map((p) => p.externalId) };
    }
    case "upsertGroups": {
      const body = parseWith(BulkUpsertGroups, raw);
      return {
        kind,
        profiles: body.profiles.map((p) => ({ externalId: p.externalId, profile: cleanProfile(p.profile) })),
      };
    }
    case "deleteGroups":
      return { kind, externalIds: parseWith(BulkDeleteGroups, raw).externalIds };
    case "upsertMemberships":
    case "deleteMemberships":
      return { kind, memberships: parseWith(BulkMemberships, raw).memberships };
  }
}

function entityCount(upload: StagedUpload, membershipEntities: "members" | "groups"): number {
  switch (upload.kind) {
    case "upsertUsers":
    case "upsertGroups":
      return upload.profiles.length;
    case "deleteUsers":
    case "deleteGroups":
      return upload.externalIds.length;
    case "upsertMemberships":
    case "deleteMemberships":
      return membershipEntities === "groups"
        ? upload.memberships.length
        : upload.memberships.reduce((sum, m) => sum + m.memberExternalIds.length, 0);
  }
}

function fieldOf(upload: StagedUpload): string {
  if (upload.kind === "deleteGroups") return "externalIds";
  if (upload.kind === "upsertMemberships" || upload.kind === "deleteMemberships") return "memberships";
  return "profiles";
}

/** A delete naming only ids that neither exist nor are upserted earlier in this session stages nothing. */
function stagesSomething(source: SourceState, session: SessionRecord, upload: StagedUpload): boolean {
  if (upload.kind === "deleteUsers") {
    return upload.externalIds.some(
      (id) => findActiveUser(source, id) || stagedUpsert(session, "upsertUsers", id),
    );
  }
  if (upload.kind === "deleteGroups") {
    return upload.externalIds.some(
      (id) => findGroupByExternalId(source, id) || stagedUpsert(session, "upsertGroups", id),
    );
  }
  return true;
}

function stagedUpsert(
  session: SessionRecord,
  kind: "upsertUsers" | "upsertGroups",
  externalId: string,
): boolean {
  return session.uploads.some((u) => u.kind === kind && u.profiles.some((p) => p.externalId === externalId));
}
