import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { type CheckFailure, toCheckFailures } from "../schemas/check-failures";
import { withReservedKeyFailures } from "../schemas/reserved-keys";

/** `check`: validate with the strict schema; failures name the path and the rule, never the value. */
export function checkWith(
  schema: z.ZodType,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult> {
  const failures = failuresOf(news, schema.safeParse(news));
  // The inputs are returned as given: the schema only validates, so state keeps exactly what the user wrote.
  return Promise.resolve(failures.length === 0 ? { inputs: news } : { inputs: news, failures });
}

/** The schema's failures plus reserved keys (`__proto__`…), which the schema's output no longer shows. */
function failuresOf(input: Record<string, unknown>, result: z.ZodSafeParseResult<unknown>): CheckFailure[] {
  return withReservedKeyFailures(input, result.success ? [] : toCheckFailures(result.error.issues, input));
}

/**
 * Inputs that `check` already accepted (`parsed`: undefined when they do not parse). A failure here means the
 * engine skipped `check` (or state from an incompatible release): the message lists the problems as `check` would.
 */
export function parseChecked<T>(
  what: string,
  parsed: T | undefined,
  failures: () => readonly CheckFailure[],
): T {
  if (parsed !== undefined) return parsed;
  const problems = failures()
    .map((f) => `${f.property || "(arguments)"}: ${f.reason}`)
    .join("; ");
  throw new Error(`invalid ${what} arguments: ${problems || "values are not known yet"}`);
}

export function parseInputs<T>(schema: z.ZodType<T>, raw: Record<string, unknown>, what: string): T {
  const result = schema.safeParse(raw);
  const failures = failuresOf(raw, result);
  return parseChecked(
    what,
    result.success && failures.length === 0 ? result.data : undefined,
    () => failures,
  );
}
