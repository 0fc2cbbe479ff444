import { formatPath } from "./check-failures";
import { MAX_UPLOAD_BYTES } from "./limits";
import { containsUnknown, isUnknown } from "./unknown";

// Rules spanning records or knobs walk the raw input: zod skips refinements once a field failed (an unknown
// email in preview), yet a duplicate id is worth reporting. Unknowns never count (two unknown ids are not
// duplicates, an unknown list is empty). Messages name paths, never values: ids and profiles may be personal data.

/** The six data blocks of an import job, in argument order. */
export const IMPORT_BLOCKS = [
  "upsertUsers",
  "deleteUsers",
  "upsertGroups",
  "deleteGroups",
  "upsertGroupMemberships",
  "deleteGroupMemberships",
] as const;
export type ImportBlock = (typeof IMPORT_BLOCKS)[number];

type RulePath = (string | number)[];
export type RuleIssue = { path: RulePath; message: string };

export const NOTHING_TO_DO = "the job has nothing to do: set at least one of " + IMPORT_BLOCKS.join(", ");

type Obj = Record<string, unknown>;

const asObject = (value: unknown) =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : undefined;
const asArray = (value: unknown) => (Array.isArray(value) ? (value as readonly unknown[]) : undefined);
/** The entries of a block's list; none where the block or the list is not there as such. */
const entriesOf = (root: Obj, block: ImportBlock, list: string) =>
  asArray(asObject(root[block])?.[list]) ?? [];

/** A known string; anything else is left to the schema. */
const knownId = (value: unknown) => (typeof value === "string" && !isUnknown(value) ? value : undefined);

// Paths are built only for the occurrences reported: jobs hold 100,000s of ids. `j`: a member's index.
type IdOccurrence = { id: string; list: IdList; i: number; j?: number };
// In a `profiles` list the id is the record's `externalId`; an `externalIds` list holds ids.
type IdList = { block: ImportBlock; list: "profiles" | "externalIds" | "memberships" };

/** Where the id sits (the failure is reported there). */
function atOf({ list, i, j }: IdOccurrence): RulePath {
  if (j !== undefined) return [list.block, list.list, i, "memberExternalIds", j];
  return list.list === "profiles" ? [list.block, list.list, i, "externalId"] : [list.block, list.list, i];
}

/** The record it belongs to (what "also at" points to); a member id is its own record. */
const recordOf = (o: IdOccurrence): RulePath =>
  o.j !== undefined ? atOf(o) : [o.list.block, o.list.list, o.i];

/** Ids of `{externalId}` records (`upsertUsers.profiles[i].externalId`) or of a list of ids (`deleteGroups.externalIds[i]`). */
function listIds(root: Obj, block: ImportBlock, list: "profiles" | "externalIds"): IdOccurrence[] {
  const where: IdList = { block, list };
  const out: IdOccurrence[] = [];
  entriesOf(root, block, list).forEach((entry, i) => {
    const id = knownId(list === "profiles" ? asObject(entry)?.["externalId"] : entry);
    if (id !== undefined) out.push({ id, list: where, i });
  });
  return out;
}

/** Membership pairs, keyed by group and member; an unknown group by its entry, whose members still compare. */
function membershipPairs(root: Obj, block: ImportBlock): IdOccurrence[] {
  const where: IdList = { block, list: "memberships" };
  const out: IdOccurrence[] = [];
  entriesOf(root, block, "memberships").forEach((entry, i) => {
    const record = asObject(entry);
    const group = knownId(record?.["groupExternalId"]);
    const groupKey = group !== undefined ? `g:${group}` : `entry:${block}:${i}`;
    (asArray(record?.["memberExternalIds"]) ?? []).forEach((member, j) => {
      const id = knownId(member);
      if (id !== undefined) out.push({ id: `${groupKey}\u0000${id}`, list: where, i, j });
    });
  });
  return out;
}

/** Reports every occurrence after the first, pointing back at it. Returns the first occurrences. */
function duplicates(ids: IdOccurrence[], what: string, issues: RuleIssue[]): Map<string, IdOccurrence> {
  const first = new Map<string, IdOccurrence>();
  for (const occurrence of ids) {
    const earlier = first.get(occurrence.id);
    if (earlier)
      issues.push({
        path: atOf(occurrence),
        message: `duplicate ${what}; also at ${formatPath(recordOf(earlier))}`,
      });
    else first.set(occurrence.id, occurrence);
  }
  return first;
}

/** Duplicates among the upserted ids, then among the deleted ones, then ids both upserted and deleted. */
function idRules(
  issues: RuleIssue[],
  upserted: IdOccurrence[],
  deleted: IdOccurrence[],
  [what, deletedWhat, noun]: readonly [string, string, string],
  [done, both]: readonly [string, string],
): void {
  const first = duplicates(upserted, what, issues);
  duplicates(deleted, deletedWhat, issues);
  for (const occurrence of deleted) {
    const other = first.get(occurrence.id);
    if (other)
      issues.push({
        path: atOf(occurrence),
        message: `${noun} is also ${done} at ${formatPath(recordOf(other))}; one job cannot ${both} the same ${noun}`,
      });
  }
}

/** The records the delete blocks declare, of raw or parsed arguments (`maxDeletes` counts them, and prunes). */
export function declaredDeletes(root: Obj): { users: number; groups: number; memberships: number } {
  const memberLists = entriesOf(root, "deleteGroupMemberships", "memberships").map(
    (entry) => asArray(asObject(entry)?.["memberExternalIds"]) ?? [],
  );
  return {
    users: entriesOf(root, "deleteUsers", "profiles").length,
    groups: entriesOf(root, "deleteGroups", "externalIds").length,
    memberships: memberLists.reduce((n, members) => n + members.length, 0),
  };
}

function deleteGuard(root: Obj, issues: RuleIssue[]): void {
  const max = root["maxDeletes"];
  if (typeof max !== "number" || !Number.isInteger(max) || max < 0) return;
  const { users, groups, memberships } = declaredDeletes(root);
  const total = users + groups + memberships;
  if (total <= max) return;
  issues.push({
    path: ["maxDeletes"],
    message:
      `the job deletes ${total} records (${users} users, ${groups} groups, ${memberships} group memberships), ` +
      `more than maxDeletes (${max}); raise maxDeletes if this is intended`,
  });
}

/** `{"entityType":"USERS","profiles":[]}` and the `{"externalId":…,"profile":…}` around the values. */
const USER_ENVELOPE_BYTES = 64;

/** An upper bound on `JSON.stringify(value)`'s bytes (a UTF-16 unit ≤ 6 bytes, `\uXXXX`; a number ≤ 24): only users near the limit are measured exactly. */
function jsonBytesAtMost(value: unknown): number {
  if (typeof value === "string") return 6 * value.length + 2;
  if (value === null || typeof value !== "object") return 24;
  let bytes = 2;
  if (Array.isArray(value)) for (const item of value) bytes += jsonBytesAtMost(item) + 1;
  else
    for (const key in value)
      bytes += 6 * key.length + 4 + jsonBytesAtMost((value as Record<string, unknown>)[key]);
  return bytes;
}

// Only user upserts can outgrow an upload alone (custom attributes are unbounded): a group is ≤ 255 + 255 + 1,024
// characters, ~9 KB even all `\uXXXX`-escaped; deletes and memberships are ids (memberships split anyway).
function oversizedUsers(root: Obj, maxBytes: number, issues: RuleIssue[]): void {
  entriesOf(root, "upsertUsers", "profiles").forEach((entry, i) => {
    const record = asObject(entry);
    if (!record || USER_ENVELOPE_BYTES + jsonBytesAtMost(record) <= maxBytes || containsUnknown(record))
      return;
    let bytes: number;
    try {
      // An upsert-users upload of this user alone, as the planner serializes it.
      const profiles = [{ externalId: record["externalId"], profile: record["profile"] }];
      bytes = Buffer.byteLength(JSON.stringify({ entityType: "USERS", profiles }));
    } catch {
      return; // not JSON-serializable: the schema reports what is wrong with it
    }
    if (bytes <= maxBytes) return;
    issues.push({
      path: ["upsertUsers", "profiles", i],
      message:
        `this user alone makes a ${bytes.toLocaleString("en-US")}-byte upload; Okta accepts at most ` +
        `${maxBytes.toLocaleString("en-US")} bytes per upload: shorten its profile attributes`,
    });
  });
}

/** Defaults of the operational knobs of an import job (documented on each field of `ImportArgs`). */
export const IMPORT_DEFAULTS = {
  waitForCompletion: true,
  completionTimeoutSeconds: 1800,
  activeSessionWaitSeconds: 900,
  pollIntervalSeconds: 10,
  /** Above `activeSessionWaitSeconds`: see `staleAboveWait`. */
  staleSessionSeconds: 3600,
  /** Send only what differs from the last confirmed run (docs/import.md#updates). */
  uploadMode: "changes",
  prune: false,
} as const;

/**
 * `staleSessionSeconds` > `activeSessionWaitSeconds`: the stale rule cancels anyone's session (unlabelled,
 * `session-gate.ts`); else one busy when the wait began turns "stale" first and loses another party's staged
 * data. Raw arguments, defaults applied; unknown or invalid values are left to their schema.
 */
function staleAboveWait(root: Obj, issues: RuleIssue[]): void {
  const stale = knob(root, "staleSessionSeconds");
  const wait = knob(root, "activeSessionWaitSeconds");
  if (stale === undefined || wait === undefined || stale > wait) return;
  issues.push({
    path: ["staleSessionSeconds"],
    message:
      `must be greater than activeSessionWaitSeconds (${wait}): otherwise a session of another party that is ` +
      `quiet while this job waits for it would be taken as abandoned and cancelled; raise ` +
      `staleSessionSeconds or lower activeSessionWaitSeconds`,
  });
}

function knob(root: Obj, key: "staleSessionSeconds" | "activeSessionWaitSeconds") {
  const value = root[key];
  if (value === undefined || value === null) return IMPORT_DEFAULTS[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The rules `ImportArgs` refines its arguments with, from their raw input. */
export function argumentIssues(input: unknown): RuleIssue[] {
  const root = asObject(input);
  if (!root) return [];
  const issues: RuleIssue[] = [];
  if (IMPORT_BLOCKS.every((block) => root[block] === undefined))
    issues.push({ path: [], message: NOTHING_TO_DO });

  const ids = (block: ImportBlock) => listIds(root, block, "profiles");
  const upsertDelete = ["upserted", "upsert and delete"] as const;
  idRules(issues, ids("upsertUsers"), ids("deleteUsers"), ["externalId", "externalId", "user"], upsertDelete);
  const deletedGroups = listIds(root, "deleteGroups", "externalIds");
  idRules(issues, ids("upsertGroups"), deletedGroups, ["externalId", "external id", "group"], upsertDelete);
  const added = membershipPairs(root, "upsertGroupMemberships");
  const removed = membershipPairs(root, "deleteGroupMemberships");
  idRules(issues, added, removed, ["membership", "membership", "membership"], ["added", "add and remove"]);
  oversizedUsers(root, MAX_UPLOAD_BYTES, issues);
  deleteGuard(root, issues);
  staleAboveWait(root, issues);
  return issues;
}
