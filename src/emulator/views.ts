import { oktaTimestamp } from "./clock";
import type { GroupRecord, SessionRecord, UserRecord } from "./state";

/** Wire shapes, with the key order seen in real traffic (docs/okta-api.md#session-object, docs/okta-api.md#direct-bodies). */

export interface SessionView {
  id: string;
  identitySourceId: string;
  status: string;
  importType: "INCREMENTAL";
  created: string;
  lastUpdated: string;
}

export function sessionView(session: SessionRecord): SessionView {
  return {
    id: session.id,
    identitySourceId: session.identitySourceId,
    status: session.status,
    importType: "INCREMENTAL",
    created: oktaTimestamp(session.createdAt),
    lastUpdated: oktaTimestamp(session.lastUpdatedAt),
  };
}

export function userView(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    externalId: user.externalId,
    created: oktaTimestamp(user.createdAt),
    lastUpdated: oktaTimestamp(user.lastUpdatedAt),
    profile: { ...user.profile },
  };
}

/** Flat `profile`, as real responses have it (the SPEC's double nesting is wrong, docs/okta-api.md#direct-bodies). */
export function groupView(group: GroupRecord): Record<string, unknown> {
  return { id: group.id, externalId: group.externalId, profile: { ...group.profile } };
}
