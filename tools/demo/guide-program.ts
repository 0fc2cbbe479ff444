/**
 * Where the root project's program is: `Pulumi.yaml`'s `main` (a folder), then that folder's `package.json`
 * `main`, as Pulumi's Node.js runtime resolves it. The demo runs exactly the program `pulumi up` at the
 * repository root would run.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const REPO_DIR = resolve(__dirname, "..", "..");

/** Absolute path of the root project's entry file (today `examples/index.ts`). */
export function guideProgramPath(repoDir = REPO_DIR): string {
  const projectFile = readFileSync(join(repoDir, "Pulumi.yaml"), "utf8");
  // A flat top-level key: a regular expression is enough for this one file, no YAML parser needed.
  const main = /^main:\s*(\S+)\s*$/m.exec(projectFile)?.[1] ?? ".";
  const target = resolve(repoDir, main);
  if (!statSync(target).isDirectory()) return target;
  const packageFile = join(target, "package.json");
  const entry = existsSync(packageFile)
    ? ((JSON.parse(readFileSync(packageFile, "utf8")) as { main?: string }).main ?? "index.ts")
    : "index.ts";
  return join(target, entry);
}
