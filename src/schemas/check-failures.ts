import type { z } from "zod";
import { containsUnknown } from "./unknown";

/** Pulumi's `CheckFailure`, without importing Pulumi: the schemas layer stays Pulumi-free. */
export type CheckFailure = { property: string; reason: string };

/** `["upsertUsers", "profiles", 3, "profile", "email"]` → `upsertUsers.profiles[3].profile.email`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { value: unknown; unknownOnTheWay: boolean } {
  let current: unknown = root;
  for (const part of path) {
    if (typeof current === "string" && containsUnknown(current))
      return { value: current, unknownOnTheWay: true };
    if (current === null || typeof current !== "object") return { value: undefined, unknownOnTheWay: false };
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return { value: current, unknownOnTheWay: false };
}

/**
 * Zod issues as check failures (path and rule, never the value: it may be personal data). Issues about a value
 * not known yet (preview), or about a parent whose children are unknown, are dropped.
 */
export function toCheckFailures(issues: readonly z.core.$ZodIssue[], input: unknown): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const issue of issues) {
    const { value, unknownOnTheWay } = valueAt(input, issue.path);
    if (unknownOnTheWay || containsUnknown(value)) continue;
    if (issue.code === "unrecognized_keys") {
      // One failure per key, at the key's own path, so the user sees exactly which field is misspelt.
      for (const key of issue.keys)
        addOnce(failures, formatPath([...issue.path, key]), "unknown key (not an argument of this resource)");
      continue;
    }
    const reason = issue.code === "invalid_type" && value === undefined ? "is required" : issue.message;
    addOnce(failures, formatPath(issue.path), reason);
  }
  return failures;
}

/** Adds a failure unless the same one is there already. */
export function addOnce(failures: CheckFailure[], property: string, reason: string): void {
  if (!failures.some((f) => f.property === property && f.reason === reason))
    failures.push({ property, reason });
}
