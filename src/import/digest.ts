import { createHash } from "node:crypto";
import { IMPORT_BLOCKS, type ImportBlock } from "../schemas/import-args";
import type { ImportPlan } from "./plan";

/**
 * Digests of an import job's data: what the resource keeps in state instead of the payload, so that `diff`
 * can tell whether the data changed without storing a second copy of personal data. The digest is over the
 * parsed blocks (defaults applied, e.g. `entityType: "USERS"`), serialized as canonical JSON (object keys
 * sorted at every level, arrays in order), so writing a default out or reordering keys changes nothing.
 */

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export interface PayloadDigests {
  /** sha256 over the canonical JSON of every present block: `{ "upsertUsers": …, … }`. */
  payloadDigest: string;
  /** One digest per present block, so `diff` can name the block that changed. */
  blockDigests: Partial<Record<ImportBlock, string>>;
}

export function payloadDigests(data: Partial<Record<ImportBlock, unknown>>): PayloadDigests {
  const present: Partial<Record<ImportBlock, unknown>> = {};
  const blockDigests: Partial<Record<ImportBlock, string>> = {};
  for (const block of IMPORT_BLOCKS) {
    const value = data[block];
    if (value === undefined || value === null) continue;
    present[block] = value;
    blockDigests[block] = sha256Hex(canonicalJson(value));
  }
  return { payloadDigest: sha256Hex(canonicalJson(present)), blockDigests };
}

/**
 * A digest of how a plan splits the data: each session's uploads, in order, with their bodies. The same data
 * always gives the same plan within one release, but a planner that packs differently would move records
 * between sessions; a re-run keeps done sessions by their plan index only while this digest is unchanged.
 */
export function planDigest(plan: ImportPlan): string {
  const hash = createHash("sha256");
  plan.sessions.forEach((session, index) => {
    hash.update(`session ${index}\n`);
    for (const upload of session.uploads) hash.update(`${upload.kind} ${JSON.stringify(upload.body)}\n`);
  });
  return hash.digest("hex");
}
