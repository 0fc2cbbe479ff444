import type { SessionStatus } from "../schemas/limits";

/**
 * The emulator's in-memory model, one `SourceState` per identity source. Times are epoch milliseconds on the emulator clock; the wire shapes are built in `views.ts`.
 */

export type Profile = Record<string, string | null>;

export type UploadKind =
  "upsertUsers" | "deleteUsers" | "upsertGroups" | "deleteGroups" | "upsertMemberships" | "deleteMemberships";

/** One accepted bulk upload, kept as validated data until the import applies it. */
export type StagedUpload =
  | { kind: "upsertUsers"; profiles: { externalId: string; profile: Profile }[] }
  | { kind: "deleteUsers"; externalIds: string[] }
  | { kind: "upsertGroups"; profiles: { externalId: string; profile: Profile }[] }
  | { kind: "deleteGroups"; externalIds: string[] }
  | { kind: "upsertMemberships" | "deleteMemberships"; memberships: MembershipEntry[] };

export interface MembershipEntry {
  groupExternalId: string;
  memberExternalIds: string[];
}

/** What an import did, for tests (not part of Okta's wire format). */
export interface ImportReport {
  usersUpserted: number;
  usersDeactivated: number;
  groupsUpserted: number;
  groupsDeleted: number;
  membershipsAdded: number;
  membershipsRemoved: number;
  /** Entries that referred to a group or user that did not exist when the import ran. */
  skipped: number;
}

export interface SessionRecord {
  id: string;
  identitySourceId: string;
  status: SessionStatus;
  createdAt: number;
  lastUpdatedAt: number;
  /** Last request addressed to this session; drives the 24 h idle expiry. */
  lastActivityAt: number;
  triggeredAt?: number;
  finishedAt?: number;
  /** Accepted uploads, including ones that staged nothing (they still count toward the 50). */
  uploadCount: number;
  /** User records uploaded so far (upserts and deletes), for the 10,000-per-session rule. */
  userCount: number;
  uploads: StagedUpload[];
  report?: ImportReport;
}

export type UserStatus = "ACTIVE" | "DEACTIVATED";

export interface UserRecord {
  id: string;
  externalId: string;
  status: UserStatus;
  createdAt: number;
  lastUpdatedAt: number;
  profile: Profile;
}

export interface GroupRecord {
  id: string;
  externalId: string;
  createdAt: number;
  lastUpdatedAt: number;
  profile: Profile;
}

export interface SourceState {
  id: string;
  /** In creation order. */
  sessions: SessionRecord[];
  /** Keyed by external id. */
  users: Map<string, UserRecord>;
  /** Keyed by Okta group id (`00g…`). */
  groups: Map<string, GroupRecord>;
  /** Okta group id → member user external ids. */
  memberships: Map<string, Set<string>>;
  /** When the previous import of this source finished; the next one queues behind it. */
  lastImportDoneAt: number;
}

export interface EmulatorState {
  sources: Map<string, SourceState>;
  /**
   * The token the emulator made up when none was given, kept with the state so that a restart on the same
   * state file accepts the token the stack was configured with. A token passed in is never kept.
   */
  generatedApiToken?: string;
}

export function createSource(id: string): SourceState {
  return {
    id,
    sessions: [],
    users: new Map(),
    groups: new Map(),
    memberships: new Map(),
    lastImportDoneAt: 0,
  };
}

export function findGroupByExternalId(source: SourceState, externalId: string): GroupRecord | undefined {
  for (const group of source.groups.values()) if (group.externalId === externalId) return group;
  return undefined;
}

/** Groups are addressed by Okta id or external id (docs/okta-api.md#direct-endpoints); the id wins. */
export function findGroup(source: SourceState, groupOrExternalId: string): GroupRecord | undefined {
  return source.groups.get(groupOrExternalId) ?? findGroupByExternalId(source, groupOrExternalId);
}

export function findSession(source: SourceState, sessionId: string): SessionRecord | undefined {
  return source.sessions.find((s) => s.id === sessionId);
}

/** Users deactivated by a bulk delete stay in state but are invisible to the direct API. */
export function findActiveUser(source: SourceState, externalId: string): UserRecord | undefined {
  const user = source.users.get(externalId);
  return user?.status === "ACTIVE" ? user : undefined;
}

export function removeGroup(source: SourceState, group: GroupRecord): void {
  source.groups.delete(group.id);
  source.memberships.delete(group.id);
}

export function membersOf(source: SourceState, groupId: string): Set<string> {
  let members = source.memberships.get(groupId);
  if (!members) {
    members = new Set();
    source.memberships.set(groupId, members);
  }
  return members;
}

export function emptyReport(): ImportReport {
  return {
    usersUpserted: 0,
    usersDeactivated: 0,
    groupsUpserted: 0,
    groupsDeleted: 0,
    membershipsAdded: 0,
    membershipsRemoved: 0,
    skipped: 0,
  };
}
