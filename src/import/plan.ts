import {
  UPLOAD_KINDS,
  type BulkMembershipsBody,
  type UploadBodies,
  type UploadKind,
} from "../schemas/bulk-bodies";
import type { ImportData, MembershipPacking } from "../schemas/import-data";
import { UPLOAD_KIND_SPECS } from "../schemas/upload-kinds";
import {
  MAX_ENTITIES_PER_UPLOAD,
  MAX_UPLOAD_BYTES,
  MAX_UPLOADS_PER_SESSION,
  MAX_USERS_PER_SESSION,
} from "../schemas/limits";
import { packRecords, type Packing, type PackRoom as Room } from "./pack-records";

// The import plan: records → uploads (≤200 entities, ≤200,000 bytes serialized) → sessions (≤48 uploads,
// leaving two of Okta's 50 for re-sends; ≤10,000 users). Pure: the same data always gives the same plan.
// When 200 of the largest entries fit an upload (a typical user is 150–500 bytes), uploads = ceil(entities /
// 200), the lower bound; where bytes bind with mixed sizes it is bin packing, NP-hard (`pack-records.ts`), and
// `totals.uploadLowerBound` reports a cheap bound (test/import/plan-bounds.test.ts). Sessions are cut from the
// upload sequence, so sessions = ceil(uploads / 48) (48 × 200 users = 9,600: the user limit never binds first).

/** The limits the planner packs to; tests shrink them to reach the edges cheaply. */
export interface PlanLimits {
  maxEntitiesPerUpload: number;
  maxUploadBytes: number;
  maxUploadsPerSession: number;
  maxUsersPerSession: number;
}

/** Uploads left free per session for re-sends in doubt (`resend-budget.ts`): a full one would be loaded again after one 5xx. */
export const RESEND_HEADROOM_UPLOADS = 2;

export const OKTA_PLAN_LIMITS: Readonly<PlanLimits> = {
  maxEntitiesPerUpload: MAX_ENTITIES_PER_UPLOAD,
  maxUploadBytes: MAX_UPLOAD_BYTES,
  maxUploadsPerSession: MAX_UPLOADS_PER_SESSION - RESEND_HEADROOM_UPLOADS,
  maxUsersPerSession: MAX_USERS_PER_SESSION,
};

/** One bulk request: its upload kind, the exact body to send, and its size. */
export type PlannedUpload = {
  [K in UploadKind]: {
    kind: K;
    body: UploadBodies[K];
    /** What counts against the 200 entities: the records, or group entries with `membershipPacking: "groups"`. */
    entities: number;
    /** Records in the body: users, groups, or (group, member) pairs for memberships. */
    records: number;
    /** `Buffer.byteLength(JSON.stringify(body))`, computed incrementally. */
    bytes: number;
  };
}[UploadKind];

export interface PlannedSession {
  uploads: PlannedUpload[];
  /** Users in this session's user uploads, upserted and deleted (HELP's "10K users per session"). */
  users: number;
  entities: number;
  bytes: number;
}

export interface PlanTotals {
  sessions: number;
  uploads: number;
  /** No plan of this data has fewer uploads (`pack-records.ts`); not always reachable. */
  uploadLowerBound: number;
  entities: number;
  bytes: number;
  /** Records per kind: users, groups, or (group, member) pairs for memberships. */
  records: Record<UploadKind, number>;
  uploadsByKind: Record<UploadKind, number>;
}

export interface ImportPlan {
  sessions: PlannedSession[];
  totals: PlanTotals;
}

/** Uploads that count against a session's user limit. */
export const USER_KINDS: readonly UploadKind[] = UPLOAD_KINDS.filter((k) => UPLOAD_KIND_SPECS[k].countsUsers);

/** Plans checked data; a record that fits no upload throws a `RangeError` naming its argument path. */
export function planImport(data: ImportData, limitOverrides: Partial<PlanLimits> = {}): ImportPlan {
  const limits = resolveLimits(limitOverrides);
  const packing: MembershipPacking = data.membershipPacking ?? "members";
  const room = { bytes: limits.maxUploadBytes, entities: limits.maxEntitiesPerUpload };
  // A user upload must also fit in a session on its own.
  const userRoom = { ...room, entities: Math.min(room.entities, limits.maxUsersPerSession) };

  const packed = UPLOAD_KINDS.map((uploadKind): Packing<PlannedUpload> => {
    const { block, list, entry, countsUsers } = UPLOAD_KIND_SPECS[uploadKind];
    const records = (data[block] as Record<string, unknown[]> | undefined)?.[list] ?? [];
    if (!entry) return packMemberships(uploadKind, records as MembershipEntry[], room, packing);
    const entries = records.map((record) => entry(record as never));
    return packWhole(uploadKind, entries, countsUsers ? userRoom : room);
  });
  // UPLOAD_KINDS is the job order (groups and users before memberships name them, memberships removed before
  // their users and groups are deleted); sessions are cut from this one sequence.
  const uploads = packed.flatMap((p) => p.uploads);
  const sessions = assignSessions(uploads, limits);
  const uploadLowerBound = packed.reduce((sum, p) => sum + p.lowerBound, 0);
  return { sessions, totals: totalsOf(sessions, uploadLowerBound) };
}

function resolveLimits(overrides: Partial<PlanLimits>): PlanLimits {
  const limits = { ...OKTA_PLAN_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits))
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`plan limit ${name} must be a positive integer`);
  return limits;
}

function tooBig(path: string, bytes: number, room: Room): RangeError {
  return new RangeError(
    `${path} alone makes a ${bytes.toLocaleString("en-US")}-byte upload, over the ` +
      `${room.bytes.toLocaleString("en-US")}-byte limit (checkImportArgs reports this at preview)`,
  );
}

/** Records that go whole into one upload; a body's size is the envelope's plus each entry's plus the commas. */
function packWhole(uploadKind: UploadKind, entries: readonly unknown[], room: Room): Packing<PlannedUpload> {
  const { block, list, fixed } = UPLOAD_KIND_SPECS[uploadKind];
  const wrap = (chunk: unknown[]) => ({ ...fixed, [list]: chunk }) as UploadBodies[UploadKind];
  const envelope = Buffer.byteLength(JSON.stringify(wrap([])));
  const sizes = entries.map((entry, index) => {
    const size = Buffer.byteLength(JSON.stringify(entry));
    if (envelope + size > room.bytes) throw tooBig(`${block}.${list}[${index}]`, envelope + size, room);
    return size;
  });
  // Entries are external ids (group deletes) or objects that carry one.
  const idOf = (entry: unknown) =>
    typeof entry === "string" ? entry : (entry as { externalId: string }).externalId;
  const distinct = () => new Set(entries.map(idOf)).size === entries.length;
  const packing = packRecords(sizes, envelope, room, distinct);
  const uploads = packing.uploads.map((indexes) => {
    const bytes = envelope + indexes.reduce((sum, i) => sum + sizes[i]!, 0) + indexes.length - 1;
    const records = indexes.length;
    const body = wrap(indexes.map((i) => entries[i]!));
    return { kind: uploadKind, body, entities: records, records, bytes } as PlannedUpload;
  });
  return { uploads, lowerBound: packing.lowerBound };
}

type MembershipEntry = BulkMembershipsBody["memberships"][number];

/** Entries of the same group merged, in order of first appearance, so no body names a group twice. */
function mergeByGroup(memberships: readonly MembershipEntry[]): MembershipEntry[] {
  const members = new Map<string, string[]>();
  for (const { groupExternalId, memberExternalIds } of memberships) {
    const list = members.get(groupExternalId);
    if (list) list.push(...memberExternalIds);
    else members.set(groupExternalId, [...memberExternalIds]);
  }
  return [...members].map(([groupExternalId, memberExternalIds]) => ({ groupExternalId, memberExternalIds }));
}

// Memberships split freely: a group's members continue in the next upload under the same group id. An entity
// is a member id ("members") or a group entry ("groups"). Lower bound: every group's head appears at least
// once, so uploads ≥ ⌈(Σ heads + Σ(member + 1)) / (limit − envelope + 1)⌉, and ≥ ⌈entities / 200⌉.
function packMemberships(
  uploadKind: UploadKind,
  memberships: readonly MembershipEntry[],
  room: Room,
  packing: MembershipPacking,
): Packing<PlannedUpload> {
  const perMember = packing === "members";
  const envelope = Buffer.byteLength(JSON.stringify({ memberships: [] }));
  const uploads: PlannedUpload[] = [];
  let entries: MembershipEntry[] = [];
  let entities = 0;
  let records = 0;
  let bytes = envelope;
  let members = 0;
  let needed = 0;
  const flush = () => {
    const body = { memberships: entries };
    uploads.push({ kind: uploadKind, body, entities, records, bytes } as PlannedUpload);
    entries = [];
    entities = 0;
    records = 0;
    bytes = envelope;
  };
  const groups = mergeByGroup(memberships);
  for (const { groupExternalId, memberExternalIds } of groups) {
    const head = Buffer.byteLength(JSON.stringify({ groupExternalId, memberExternalIds: [] }));
    const sizes = memberExternalIds.map((id) => Buffer.byteLength(JSON.stringify(id)));
    members += sizes.length;
    needed += head + sizes.reduce((sum, size) => sum + size + 1, 0);
    let next = 0;
    while (next < memberExternalIds.length) {
      const opening = (entries.length > 0 ? 1 : 0) + head + sizes[next]!;
      if (entities === room.entities || bytes + opening > room.bytes) {
        if (entries.length === 0)
          throw tooBig(`one ${uploadKind} entry with a single member`, bytes + opening, room);
        flush();
        continue;
      }
      const from = next;
      bytes += opening;
      entities += 1;
      next += 1;
      while (
        next < memberExternalIds.length &&
        (!perMember || entities < room.entities) &&
        bytes + 1 + sizes[next]! <= room.bytes
      ) {
        bytes += 1 + sizes[next]!;
        if (perMember) entities += 1;
        next += 1;
      }
      records += next - from;
      entries.push({ groupExternalId, memberExternalIds: memberExternalIds.slice(from, next) });
    }
  }
  if (entries.length > 0) flush();
  const lowerBound = Math.max(
    Math.ceil((perMember ? members : groups.length) / room.entities),
    Math.ceil(needed / (room.bytes - envelope + 1)),
  );
  return { uploads, lowerBound };
}

function assignSessions(uploads: readonly PlannedUpload[], limits: PlanLimits): PlannedSession[] {
  const sessions: PlannedSession[] = [];
  let current: PlannedSession | undefined;
  for (const upload of uploads) {
    const users = UPLOAD_KIND_SPECS[upload.kind].countsUsers ? upload.entities : 0;
    if (
      !current ||
      current.uploads.length === limits.maxUploadsPerSession ||
      current.users + users > limits.maxUsersPerSession
    ) {
      current = { uploads: [], users: 0, entities: 0, bytes: 0 };
      sessions.push(current);
    }
    current.uploads.push(upload);
    current.users += users;
    current.entities += upload.entities;
    current.bytes += upload.bytes;
  }
  return sessions;
}

function perKind(): Record<UploadKind, number> {
  return Object.fromEntries(UPLOAD_KINDS.map((uploadKind) => [uploadKind, 0])) as Record<UploadKind, number>;
}

function totalsOf(sessions: readonly PlannedSession[], uploadLowerBound: number): PlanTotals {
  const totals: PlanTotals = {
    sessions: sessions.length,
    uploads: 0,
    uploadLowerBound,
    entities: 0,
    bytes: 0,
    records: perKind(),
    uploadsByKind: perKind(),
  };
  for (const upload of sessions.flatMap((s) => s.uploads)) {
    totals.uploads += 1;
    totals.entities += upload.entities;
    totals.bytes += upload.bytes;
    totals.records[upload.kind] += upload.records;
    totals.uploadsByKind[upload.kind] += 1;
  }
  return totals;
}
