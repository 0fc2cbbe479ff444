import type { HandlerContext } from "./context";
import { notFound, validationFailed } from "./errors";
import { empty, json, type Reply } from "./http-io";
import { newUserId } from "./ids";
import { sourceOf } from "./sessions";
import type { Profile, SourceState, UserRecord } from "./state";
import { findActiveUser } from "./state";
import { userView } from "./views";
import {
  CreateUserBody,
  PatchUserBody,
  ReplaceUserBody,
  cleanProfile,
  parseJson,
  parseWith,
} from "./validation";

/**
 * Direct user endpoints (docs/okta-api.md#direct-endpoints). Choices where Okta is silent:
 * - POST for an external id that already has an active user → 400 E0000001 (Okta's real answer is
 *   UNCONFIRMED); for a user deactivated by a bulk delete it reactivates the user with the new profile.
 * - PATCH does not demand `email`/`userName` (SPEC marks them required; enforcement is UNCONFIRMED).
 * - DELETE removes the user and its memberships (a bulk delete only deactivates, see `apply.ts`).
 * As Okta's Terraform provider recorded them (SPEC says otherwise): POST answers 200 with the user, DELETE
 * answers 200 with an empty body.
 */

/** The documented attributes; PUT sets the ones it does not send to null (SPEC `UserReplaceResponse`). */
const DOCUMENTED = [
  "userName",
  "email",
  "secondEmail",
  "firstName",
  "lastName",
  "mobilePhone",
  "homeAddress",
];

function activeUser(ctx: HandlerContext, source: SourceState): UserRecord {
  const externalId = ctx.params["externalId"] ?? "";
  const user = findActiveUser(source, externalId);
  if (!user) throw notFound(externalId, "IdentitySourceUser");
  return user;
}

export function createUser(ctx: HandlerContext): Reply {
  const source = sourceOf(ctx);
  const body = parseWith(CreateUserBody, parseJson(ctx.body));
  const profile = cleanProfile(body.profile);
  const existing = source.users.get(body.externalId);
  if (existing?.status === "ACTIVE") {
    throw validationFailed("externalId", [
      "A user with this externalId already exists in the identity source.",
    ]);
  }
  let user: UserRecord;
  if (existing) {
    user = existing;
    user.status = "ACTIVE";
    user.profile = profile;
    user.lastUpdatedAt = ctx.now;
  } else {
    user = {
      id: newUserId(),
      externalId: body.externalId,
      status: "ACTIVE",
      createdAt: ctx.now,
      lastUpdatedAt: ctx.now,
      profile,
    };
    source.users.set(body.externalId, user);
  }
  return json(200, userView(user));
}

export function getUser(ctx: HandlerContext): Reply {
  return json(200, userView(activeUser(ctx, sourceOf(ctx))));
}

export function replaceUser(ctx: HandlerContext): Reply {
  const source = sourceOf(ctx);
  const user = activeUser(ctx, source);
  const body = parseWith(ReplaceUserBody, parseJson(ctx.body));
  if (body.externalId !== undefined && body.externalId !== user.externalId) {
    throw validationFailed("externalId", [
      "externalId must match the user in the path; it cannot be changed.",
    ]);
  }
  const profile: Profile = Object.fromEntries(DOCUMENTED.map((key) => [key, null]));
  user.profile = { ...profile, ...cleanProfile(body.profile) };
  user.lastUpdatedAt = ctx.now;
  return json(200, userView(user));
}

export function patchUser(ctx: HandlerContext): Reply {
  const source = sourceOf(ctx);
  const user = activeUser(ctx, source);
  const body = parseWith(PatchUserBody, parseJson(ctx.body));
  user.profile = { ...user.profile, ...cleanProfile(body.profile) };
  user.lastUpdatedAt = ctx.now;
  return json(200, userView(user));
}

export function deleteUser(ctx: HandlerContext): Reply {
  const source = sourceOf(ctx);
  const user = activeUser(ctx, source);
  source.users.delete(user.externalId);
  for (const members of source.memberships.values()) members.delete(user.externalId);
  return empty(200);
}
