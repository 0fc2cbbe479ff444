/**
 * The demo with the Pulumi CLI: a real `pulumi up` through the Automation API. Everything it writes lives in a
 * fresh temporary directory (a local file backend, a throwaway passphrase, the stack's config file), so it
 * touches no stack, login or file of the user's, and running it again starts from scratch.
 *
 * The temporary project runs the repository's program: its `node_modules` links `@pulumi/pulumi` and `tsx` from
 * the repository (the program itself, and the provider host through `@pulumi/pulumi`'s real path, resolve the
 * package from the repository, as at its root), and its entry registers `tsx` to load the TypeScript program
 * without a type-checking pass.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { ensureFreshDist } from "../../test/e2e/harness/fixture";
import { REPO_DIR } from "./guide-program";
import { PROJECT_NAME, setOktaEnv } from "./engine-harness";
import type { DemoRun, DemoSettings } from "./types";

/** The Pulumi CLI's version, or `undefined` when `pulumi` is not on PATH. */
export function pulumiCliVersion(): string | undefined {
  const probe = spawnSync("pulumi", ["version"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

export async function runWithCli(settings: DemoSettings): Promise<DemoRun> {
  await ensureFreshDist();
  const root = mkdtempSync(join(tmpdir(), "ois-demo-"));
  const projectDir = join(root, "project");
  const backendDir = join(root, "backend");
  mkdirSync(projectDir);
  mkdirSync(backendDir);
  // Only what the entry and Pulumi's Node.js runtime need: linking the repository's whole `node_modules` would
  // also link `pulumi-okta-identity-source` (the workspace link back to the repository root), a cycle for any
  // tool that walks the project's `node_modules`.
  mkdirSync(join(projectDir, "node_modules", "@pulumi"), { recursive: true });
  for (const name of ["@pulumi/pulumi", "tsx"]) {
    symlinkSync(join(REPO_DIR, "node_modules", name), join(projectDir, "node_modules", name), "junction");
  }
  writeFileSync(
    join(projectDir, "Pulumi.yaml"),
    `name: ${PROJECT_NAME}\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`,
  );
  writeFileSync(join(projectDir, "package.json"), JSON.stringify({ name: PROJECT_NAME, main: "index.js" }));
  writeFileSync(
    join(projectDir, "index.js"),
    `require("tsx/cjs");\nmodule.exports = require(${JSON.stringify(settings.programPath)});\n`,
  );
  // The CLI and every process it starts inherit this environment: no OKTA_* of the user's reaches them.
  const restoreEnv = setOktaEnv({});
  try {
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "demo", workDir: projectDir },
      {
        envVars: {
          PULUMI_BACKEND_URL: pathToFileURL(backendDir).href,
          PULUMI_CONFIG_PASSPHRASE: randomBytes(16).toString("hex"),
          PULUMI_SKIP_UPDATE_CHECK: "true",
        },
      },
    );
    await stack.setAllConfig({
      "okta:orgUrl": { value: settings.orgUrl },
      "okta:apiToken": { value: settings.apiToken, secret: true },
      "okta-identity-source-examples:identitySourceId": { value: settings.identitySourceId },
    });
    const result = await stack.up({ onOutput: settings.write });
    const outputs = Object.fromEntries(
      Object.entries(result.outputs).map(([key, output]) => [key, output.secret ? "[secret]" : output.value]),
    );
    return { outputs };
  } finally {
    restoreEnv();
    rmSync(root, { recursive: true, force: true });
  }
}
