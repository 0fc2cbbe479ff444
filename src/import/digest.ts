import { createHash, type Hash } from "node:crypto";
import { IMPORT_BLOCKS, type ImportBlock } from "../schemas/import-args";
import type { ImportPlan } from "./plan";

// Digests of a job's data, kept in state instead of the payload: over the parsed blocks (defaults applied) as
// canonical JSON, so writing a default out or reordering keys changes nothing.

export function canonicalJson(value: unknown): string {
  const sorted = withSortedKeys(value);
  if (sorted !== UNSORTABLE) return JSON.stringify(sorted) ?? "null";
  let text = "";
  writeCanonicalInPieces(value, (piece) => (text += piece), true);
  return text;
}

/** A key the engine enumerates before the others whatever their order (an array index): no copy can sort it. */
const INDEX_KEY = /^(0|[1-9]\d*)$/;
const UNSORTABLE = Symbol("unsortable");

// `value` with sorted keys, copying only unsorted objects, so the native `JSON.stringify` writes the canonical
// text (several times faster at every `diff`). UNSORTABLE: an array-index key, always enumerated first.
function withSortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = value as readonly unknown[];
    let copy: unknown[] | undefined;
    for (let i = 0; i < items.length; i++) {
      const sorted = withSortedKeys(items[i]);
      if (sorted === UNSORTABLE) return UNSORTABLE;
      if (sorted !== items[i]) (copy ??= [...items])[i] = sorted;
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.some((key) => INDEX_KEY.test(key))) return UNSORTABLE;
  let changed = !isSorted(keys);
  if (changed) keys.sort();
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    const sorted = withSortedKeys(record[key]);
    if (sorted === UNSORTABLE) return UNSORTABLE;
    if (sorted !== record[key]) changed = true;
    copy[key] = sorted;
  }
  return changed ? copy : record;
}

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

export interface PayloadDigests {
  /** sha256 over the canonical JSON of every present block: `{ "upsertUsers": …, … }`. */
  payloadDigest: string;
  /** One digest per present block, so `diff` can name the block that changed. */
  blockDigests: Partial<Record<ImportBlock, string>>;
}

export function payloadDigests(data: Partial<Record<ImportBlock, unknown>>): PayloadDigests {
  const payload = createHash("sha256");
  const digests = blockDigests(data, payload);
  return { payloadDigest: payload.digest("hex"), blockDigests: digests };
}

/** One digest per present block (what `diff` compares); the payload digest's text goes to `payload` too, when
 * given, so that `payloadDigests` hashes the text once for both. */
export function blockDigests(
  data: Partial<Record<ImportBlock, unknown>>,
  payload?: Hash,
): Partial<Record<ImportBlock, string>> {
  const present = IMPORT_BLOCKS.filter((block) => data[block] !== undefined && data[block] !== null);
  // The payload digest is the canonical JSON of the present blocks, fed in pieces to both hashes so that a whole
  // block's text (megabytes) never exists at once.
  payload?.update("{");
  const digests = new Map<ImportBlock, string>();
  [...present].sort().forEach((block, i) => {
    payload?.update(`${i === 0 ? "" : ","}${JSON.stringify(block)}:`);
    const hash = createHash("sha256");
    let pending = "";
    const flush = (): void => {
      hash.update(pending);
      payload?.update(pending);
      pending = "";
    };
    writeCanonicalInPieces(data[block], (text) => {
      pending += text;
      if (pending.length >= 65_536) flush();
    });
    flush();
    digests.set(block, hash.digest("hex"));
  });
  payload?.update("}");
  return Object.fromEntries(present.map((block) => [block, digests.get(block)!]));
}

/** `canonicalJson(value)` in pieces: lists and objects holding lists are walked, and with `everyObject` every
 * object (the rare one that `withSortedKeys` cannot reorder). */
function writeCanonicalInPieces(value: unknown, write: (text: string) => void, everyObject = false): void {
  if (Array.isArray(value)) {
    write("[");
    value.forEach((item, i) => {
      if (i > 0) write(",");
      writeCanonicalInPieces(item, write, everyObject);
    });
    write("]");
    return;
  }
  if (
    value === null ||
    typeof value !== "object" ||
    !(everyObject || Object.values(value).some(Array.isArray))
  ) {
    write(canonicalJson(value));
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  write("{");
  keys.forEach((key, i) => {
    write(`${i === 0 ? "" : ","}${JSON.stringify(key)}:`);
    writeCanonicalInPieces(record[key], write, everyObject);
  });
  write("}");
}

/** A digest of how a plan splits the data: a planner that packs differently would move records between sessions,
 * so a re-run keeps done sessions by plan index only while this digest is unchanged. */
export function planDigest(plan: ImportPlan): string {
  // A plan never changes once made, and check, create and update each need its digest: hash it once.
  const known = planDigests.get(plan);
  if (known !== undefined) return known;
  const hash = createHash("sha256");
  plan.sessions.forEach((session, index) => {
    hash.update(`session ${index}\n`);
    for (const upload of session.uploads) hash.update(`${upload.kind} ${JSON.stringify(upload.body)}\n`);
  });
  const digest = hash.digest("hex");
  planDigests.set(plan, digest);
  return digest;
}

const planDigests = new WeakMap<ImportPlan, string>();
