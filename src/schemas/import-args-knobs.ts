import type { RuleIssue } from "./import-args-rules";

/** Defaults of the operational knobs of an import job (documented on each field of `ImportArgs`). */
export const IMPORT_DEFAULTS = {
  waitForCompletion: true,
  completionTimeoutSeconds: 1800,
  activeSessionWaitSeconds: 900,
  pollIntervalSeconds: 10,
  /** Above `activeSessionWaitSeconds`: see `knobIssues`. */
  staleSessionSeconds: 3600,
  /** Send only what differs from the last confirmed run (docs/import.md#updates). */
  uploadMode: "changes",
  prune: false,
} as const;

/**
 * `staleSessionSeconds` must be greater than `activeSessionWaitSeconds`: Okta sessions carry no label, so the
 * stale rule cancels anyone's session (`session-gate.ts`), and a session busy when the job began waiting would
 * otherwise turn "stale" before the wait ends and be cancelled, discarding another party's staged data. Over
 * raw arguments, defaults applied; values unknown or failing their own schema are left to that schema.
 */
export function knobIssues(input: unknown): RuleIssue[] {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return [];
  const root = input as Record<string, unknown>;
  const stale = knob(root, "staleSessionSeconds");
  const wait = knob(root, "activeSessionWaitSeconds");
  if (stale === undefined || wait === undefined || stale > wait) return [];
  return [
    {
      path: ["staleSessionSeconds"],
      message:
        `must be greater than activeSessionWaitSeconds (${wait}): otherwise a session of another party that is ` +
        `quiet while this job waits for it would be taken as abandoned and cancelled; raise ` +
        `staleSessionSeconds or lower activeSessionWaitSeconds`,
    },
  ];
}

function knob(
  root: Record<string, unknown>,
  key: "staleSessionSeconds" | "activeSessionWaitSeconds",
): number | undefined {
  const value = root[key];
  if (value === undefined || value === null) return IMPORT_DEFAULTS[key];
  // Unknown (a string) or not a number: left to the knob's own schema.
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
