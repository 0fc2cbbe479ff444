import { UPLOAD_KINDS, type UploadKind } from "../schemas/bulk-bodies";
import type { ImportPlan } from "./plan";

/** How each kind reads in the one-line summary: [singular, plural, what happens]. */
const PHRASES: Record<UploadKind, [string, string, string]> = {
  upsertGroups: ["group", "groups", "upserted"],
  upsertUsers: ["user", "users", "upserted"],
  upsertMemberships: ["membership", "memberships", "added"],
  deleteMemberships: ["membership", "memberships", "removed"],
  // Okta's bulk delete deactivates users rather than deleting them (docs/okta-api.md#bulk-bodies).
  deleteUsers: ["user", "users", "deactivated"],
  deleteGroups: ["group", "groups", "deleted"],
};

const count = (n: number, singular: string, plural: string): string =>
  `${n.toLocaleString("en-US")} ${n === 1 ? singular : plural}`;

/**
 * The plan in one line, for the preview's dry run, e.g.
 * "6 sessions, 260 uploads: 2,000 groups upserted, 25,000 users upserted, 25,000 memberships added".
 * When the uploads are above the planner's lower bound (cheap, not always reachable), it says so:
 * "3 uploads (lower bound 2)".
 * Counts only: never an id or a profile value.
 */
export function describePlan(plan: ImportPlan): string {
  const { totals } = plan;
  if (totals.uploads === 0) return "nothing to import";
  const parts = UPLOAD_KINDS.filter((kind) => totals.records[kind] > 0).map((kind) => {
    const [singular, plural, verb] = PHRASES[kind];
    return `${count(totals.records[kind], singular, plural)} ${verb}`;
  });
  const bound =
    totals.uploads > totals.uploadLowerBound
      ? ` (lower bound ${totals.uploadLowerBound.toLocaleString("en-US")})`
      : "";
  return `${count(totals.sessions, "session", "sessions")}, ${count(totals.uploads, "upload", "uploads")}${bound}: ${parts.join(", ")}`;
}

type PrunedKind = "users" | "groups" | "memberships";

/** How pruned deletes read: Okta's bulk delete deactivates users; groups and pairs are deleted. */
const PRUNED: readonly [PrunedKind, UploadKind, string, string, string][] = [
  ["memberships", "deleteMemberships", "membership", "memberships", "deleted"],
  ["users", "deleteUsers", "user", "users", "deactivated"],
  ["groups", "deleteGroups", "group", "groups", "deleted"],
];

/**
 * The plan of an update that sends changes only, in one line, e.g.
 * "1 user upserted, 2 memberships deleted (prune); 1 session, 2 uploads". Counts only.
 */
export function describeDelta(plan: ImportPlan, pruned: Readonly<Record<PrunedKind, number>>): string {
  const { totals } = plan;
  if (totals.uploads === 0) return "nothing to send";
  const prunedOf = (kind: UploadKind): number => {
    const entry = PRUNED.find(([, k]) => k === kind);
    return entry ? pruned[entry[0]] : 0;
  };
  const parts: string[] = [];
  for (const kind of UPLOAD_KINDS) {
    const declared = totals.records[kind] - prunedOf(kind);
    if (declared > 0) {
      const [singular, plural, verb] = PHRASES[kind];
      parts.push(`${count(declared, singular, plural)} ${verb}`);
    }
  }
  for (const [what, , singular, plural, verb] of PRUNED)
    if (pruned[what] > 0) parts.push(`${count(pruned[what], singular, plural)} ${verb} (prune)`);
  const sessions = count(totals.sessions, "session", "sessions");
  return `${parts.join(", ")}; ${sessions}, ${count(totals.uploads, "upload", "uploads")}`;
}
