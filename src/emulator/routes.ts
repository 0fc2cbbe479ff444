import type { Handler } from "./context";
import { uploader } from "./bulk";
import { createGroup, deleteGroup, getGroup, updateGroup } from "./groups";
import { addMembership, listMemberships, removeMembership } from "./memberships";
import { cancelSession, createSession, getSession, listSessions, startImport } from "./sessions";
import { createUser, deleteUser, getUser, patchUser, replaceUser } from "./users";

/**
 * The 23 operations of the Identity Sources API (docs/okta-api.md#endpoints), each with the scope it needs
 * (SPEC `security`: reads need `.read`, writes `.manage`; we let `.manage` read too — unconfirmed in Okta, docs/okta-api.md#scopes).
 */
export interface Route {
  method: string;
  pattern: RegExp;
  scope: "read" | "manage";
  handler: Handler;
}

const SOURCE = "^/api/v1/identity-sources/(?<identitySourceId>[^/]+)";
const SESSION = `${SOURCE}/sessions/(?<sessionId>[^/]+)`;
const GROUP = `${SOURCE}/groups/(?<groupOrExternalId>[^/]+)`;

const route = (method: string, path: string, scope: Route["scope"], handler: Handler): Route => ({
  method,
  pattern: new RegExp(`${path}$`),
  scope,
  handler,
});

export const ROUTES: readonly Route[] = [
  route("POST", `${SOURCE}/sessions`, "manage", createSession),
  route("GET", `${SOURCE}/sessions`, "read", listSessions),
  route("GET", SESSION, "read", getSession),
  route("DELETE", SESSION, "manage", cancelSession),
  route("POST", `${SESSION}/bulk-upsert`, "manage", uploader("upsertUsers")),
  route("POST", `${SESSION}/bulk-delete`, "manage", uploader("deleteUsers")),
  route("POST", `${SESSION}/bulk-groups-upsert`, "manage", uploader("upsertGroups")),
  route("POST", `${SESSION}/bulk-groups-delete`, "manage", uploader("deleteGroups")),
  route("POST", `${SESSION}/bulk-group-memberships-upsert`, "manage", uploader("upsertMemberships")),
  route("POST", `${SESSION}/bulk-group-memberships-delete`, "manage", uploader("deleteMemberships")),
  route("POST", `${SESSION}/start-import`, "manage", startImport),
  route("POST", `${SOURCE}/users`, "manage", createUser),
  route("GET", `${SOURCE}/users/(?<externalId>[^/]+)`, "read", getUser),
  route("PUT", `${SOURCE}/users/(?<externalId>[^/]+)`, "manage", replaceUser),
  route("PATCH", `${SOURCE}/users/(?<externalId>[^/]+)`, "manage", patchUser),
  route("DELETE", `${SOURCE}/users/(?<externalId>[^/]+)`, "manage", deleteUser),
  route("POST", `${SOURCE}/groups`, "manage", createGroup),
  route("GET", GROUP, "read", getGroup),
  route("POST", GROUP, "manage", updateGroup),
  route("DELETE", GROUP, "manage", deleteGroup),
  route("GET", `${GROUP}/membership`, "read", listMemberships),
  route("POST", `${GROUP}/membership`, "manage", addMembership),
  route("DELETE", `${GROUP}/membership/(?<memberExternalId>[^/]+)`, "manage", removeMembership),
];

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "wrong-method" }
  | { kind: "none" };

/**
 * Finds the route; path parameters are percent-decoded. A parameter that is not valid percent-encoding
 * (`%ZZ`) cannot name any resource, so the path is unknown (404) rather than an emulator failure.
 */
export function matchRoute(method: string, pathname: string): RouteMatch {
  let pathKnown = false;
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(pathname);
    if (!match) continue;
    const params = decodeParams(match.groups ?? {});
    if (!params) return { kind: "none" };
    pathKnown = true;
    if (candidate.method !== method) continue;
    return { kind: "found", route: candidate, params };
  }
  return pathKnown ? { kind: "wrong-method" } : { kind: "none" };
}

function decodeParams(raw: Record<string, string>): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  try {
    for (const [key, value] of Object.entries(raw)) params[key] = decodeURIComponent(value);
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
  return params;
}
