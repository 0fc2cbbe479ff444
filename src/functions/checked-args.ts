import type { z } from "zod";
import { toCheckFailures } from "../schemas/check-failures";

/**
 * A lookup's arguments, validated before any request: a bad id fails naming the lookup, the field and the
 * rule (never the value), as `check` does for resources.
 */
export function checkedArgs<T>(lookup: string, schema: z.ZodType<T>, args: unknown): T {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const problems = toCheckFailures(result.error.issues, args).map((f) => `${f.property}: ${f.reason}`);
  throw new TypeError(`${lookup}: ${problems.join("; ")}`);
}
