/**
 * The demo without a Pulumi CLI: the repository's engine harness (the one the end-to-end tests use) runs the
 * program under Pulumi's mocks and sends every resource to Pulumi's real dynamic-provider host, the process
 * `pulumi up` itself would start. The repository root is the project directory: the workspace link
 * `node_modules/pulumi-okta-identity-source` resolves the package by name there, for the program and the host.
 */
import { ensureFreshDist } from "../../test/e2e/harness/fixture";
import { startProviderHost } from "../../test/e2e/harness/host";
import { runProgram, type EngineState } from "../../test/e2e/harness/mini-engine";
import { REPO_DIR } from "./guide-program";
import type { DemoRun, DemoSettings } from "./types";

export const PROJECT_NAME = "okta-identity-source-guide";

export async function runWithHarness(settings: DemoSettings): Promise<DemoRun> {
  await ensureFreshDist();
  const host = await startProviderHost({
    projectDir: REPO_DIR,
    projectName: PROJECT_NAME,
    onLine: (line, stream) => settings.write(`    ${stream === "stderr" ? "! " : ""}${line}\n`),
  });
  // The program process reads the same settings from the environment (stack config is not there under mocks).
  const restoreEnv = setOktaEnv({
    OKTA_ORG_URL: settings.orgUrl,
    OKTA_API_TOKEN: settings.apiToken,
    OKTA_IDENTITY_SOURCE_ID: settings.identitySourceId,
  });
  try {
    // What the engine sends the provider from stack config.
    await host.configure({ "okta:orgUrl": settings.orgUrl, "okta:apiToken": settings.apiToken }, [
      "okta:apiToken",
    ]);
    const state: EngineState = new Map();
    const result = await runProgram(
      () => {
        // Afresh on every run, as the language host loads it for every `pulumi up`.
        delete require.cache[settings.programPath];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(settings.programPath) as Record<string, unknown>;
      },
      {
        host,
        state,
        projectDir: REPO_DIR,
        project: PROJECT_NAME,
        stack: "demo",
        onOperation: (o) => {
          const type = o.urn.split("::")[2]?.split(":").pop() ?? "?";
          settings.write(`  ${SYMBOL[o.op]} ${type} ${o.name} ${PAST[o.op]}\n`);
        },
      },
    );
    return { outputs: result.stackOutputs };
  } finally {
    restoreEnv();
    await host.stop();
  }
}

const SYMBOL = { create: "+", update: "~", replace: "+-", same: " ", delete: "-" } as const;
const PAST = {
  create: "created",
  update: "updated",
  replace: "replaced",
  same: "unchanged",
  delete: "deleted",
};

/**
 * Replaces every `OKTA_*` variable of this process with `values` (a developer's real credentials must not mix
 * with the emulator's) and returns the function that puts them back.
 */
export function setOktaEnv(values: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith("OKTA_")));
  for (const key of Object.keys(saved)) delete process.env[key];
  Object.assign(process.env, values);
  return () => {
    for (const key of Object.keys(process.env)) if (key.startsWith("OKTA_")) delete process.env[key];
    Object.assign(process.env, saved);
  };
}
