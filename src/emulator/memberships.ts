import type { HandlerContext } from "./context";
import { notFound, validationFailed } from "./errors";
import { empty, json, type Reply } from "./http-io";
import { groupOf } from "./groups";
import { DEFAULT_MEMBERSHIP_PAGE_LIMIT, MAX_MEMBERSHIP_PAGE_LIMIT } from "./limits";
import { sourceOf } from "./sessions";
import { findActiveUser, membersOf } from "./state";
import { MembershipBody, parseJson, parseWith } from "./validation";

/**
 * Direct membership endpoints (docs/okta-api.md#direct-endpoints). The listing is sorted by member external id and
 * paged with an opaque cursor (base64url of the last id returned), so pages stay consistent while members
 * change. `limit` defaults to 200 (our choice; SPEC gives none) and must be 1–1000. As Okta's Terraform
 * provider recorded it, a page carries one `Link` header, `<absolute URL?after=…&limit=…>; rel="next"`, only
 * when more members remain, and no `rel="self"` link.
 * Adding a member needs an active user with that external id (404 otherwise; our choice).
 */

function parseLimit(raw: string | null): number {
  if (raw === null) return DEFAULT_MEMBERSHIP_PAGE_LIMIT;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < 1 || limit > MAX_MEMBERSHIP_PAGE_LIMIT) {
    throw validationFailed("limit", [`limit: must be an integer from 1 to ${MAX_MEMBERSHIP_PAGE_LIMIT}`]);
  }
  return limit;
}

const encodeCursor = (externalId: string): string => Buffer.from(externalId, "utf8").toString("base64url");
const decodeCursor = (cursor: string): string => Buffer.from(cursor, "base64url").toString("utf8");

function nextPageUrl(ctx: HandlerContext, limit: number, after: string): string {
  const query = new URLSearchParams({ after, limit: String(limit) });
  return `${ctx.origin}${ctx.pathname}?${query.toString()}`;
}

export function listMemberships(ctx: HandlerContext): Reply {
  const source = sourceOf(ctx);
  const group = groupOf(ctx, source);
  const limit = parseLimit(ctx.query.get("limit"));
  const after = ctx.query.get("after");
  const from = after === null ? undefined : decodeCursor(after);
  const all = [...(source.memberships.get(group.id) ?? [])].sort();
  const remaining = from === undefined ? all : all.filter((id) => id > from);
  const page = remaining.slice(0, limit);
  const last = page[page.length - 1];
  if (remaining.length > limit && last !== undefined) {
    const next = `<${nextPageUrl(ctx, limit, encodeCursor(last))}>; rel="next"`;
    return json(200, { memberExternalIds: page }, { Link: next });
  }
  return json(200, { memberExternalIds: page });
}

export function addMembership(ctx: HandlerContext): Reply {
  const source = sourceOf(ctx);
  const group = groupOf(ctx, source);
  const body = parseWith(MembershipBody, parseJson(ctx.body));
  if (!findActiveUser(source, body.memberExternalId)) {
    throw notFound(body.memberExternalId, "IdentitySourceUser");
  }
  membersOf(source, group.id).add(body.memberExternalId);
  return empty(204);
}

export function removeMembership(ctx: HandlerContext): Reply {
  const source = sourceOf(ctx);
  const group = groupOf(ctx, source);
  const member = ctx.params["memberExternalId"] ?? "";
  if (!source.memberships.get(group.id)?.delete(member)) {
    throw notFound(member, "IdentitySourceGroupMembership");
  }
  return empty(204);
}
