/**
 * Apart from `errors.ts` because its signature names zod's types: `errors.ts` is public (re-exported by the
 * package), and a public declaration file that imports zod breaks users' type-checks (zod's own `.d.ts` files
 * need `esModuleInterop` or `skipLibCheck`).
 */
import type { z } from "zod";
import type { ResponseIssue } from "./errors";

/** zod issues → `{path, code}` (no values, no messages: either could echo response content). */
export function issuesFromZod(issues: readonly z.core.$ZodIssue[]): ResponseIssue[] {
  return issues.map((issue) => ({
    path: issue.path
      .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
      .join(""),
    code: issue.code,
  }));
}
