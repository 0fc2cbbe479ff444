import { UPLOAD_KINDS, type PrunedCount } from "../schemas/bulk-bodies";
import { UPLOAD_KIND_SPECS } from "../schemas/upload-kinds";
import type { ImportPlan } from "./plan";

const count = (n: number, singular: string, plural: string): string =>
  `${n.toLocaleString("en-US")} ${n === 1 ? singular : plural}`;

/** The records of each upload kind in words, the pruned ones (none without `pruned`) last and marked. Counts only. */
function recordsInWords(plan: ImportPlan, pruned?: Readonly<Record<PrunedCount, number>>): string {
  const declared: string[] = [];
  const prunedParts: string[] = [];
  for (const uploadKind of UPLOAD_KINDS) {
    const spec = UPLOAD_KIND_SPECS[uploadKind];
    const [singular, plural, done] = spec.words;
    const prunedRecords = spec.pruned && pruned ? pruned[spec.pruned.count] : 0;
    const rest = plan.totals.records[uploadKind] - prunedRecords;
    if (rest > 0) declared.push(`${count(rest, singular, plural)} ${done}`);
    if (prunedRecords > 0)
      prunedParts.push(`${count(prunedRecords, singular, plural)} ${spec.pruned!.done} (prune)`);
  }
  return [...declared, ...prunedParts].join(", ");
}

/** The plan in one line, counts only: "6 sessions, 260 uploads (lower bound 259): 2,000 groups upserted, …". */
export function describePlan(plan: ImportPlan): string {
  const { totals } = plan;
  if (totals.uploads === 0) return "nothing to import";
  const bound =
    totals.uploads > totals.uploadLowerBound
      ? ` (lower bound ${totals.uploadLowerBound.toLocaleString("en-US")})`
      : "";
  return `${sessionsAndUploads(plan)}${bound}: ${recordsInWords(plan)}`;
}

/** An update's changes in one line: "1 user upserted, 2 memberships deleted (prune); 1 session, 2 uploads". */
export function describeDelta(plan: ImportPlan, pruned: Readonly<Record<PrunedCount, number>>): string {
  if (plan.totals.uploads === 0) return "nothing to send";
  return `${recordsInWords(plan, pruned)}; ${sessionsAndUploads(plan)}`;
}

const sessionsAndUploads = ({ totals }: ImportPlan): string =>
  `${count(totals.sessions, "session", "sessions")}, ${count(totals.uploads, "upload", "uploads")}`;
