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
 * `staleSessionSeconds` > `activeSessionWaitSeconds`: the stale rule cancels anyone's session (unlabelled,
 * `session-gate.ts`); else one busy when the wait began turns "stale" first and loses another party's staged
 * data. Raw arguments, defaults applied; unknown or invalid values are left to their schema.
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

function knob(root: Record<string, unknown>, key: "staleSessionSeconds" | "activeSessionWaitSeconds") {
  const value = root[key];
  if (value === undefined || value === null) return IMPORT_DEFAULTS[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
