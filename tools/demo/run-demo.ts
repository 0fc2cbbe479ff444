/**
 * `npm run demo`: Okta's guide "Manage identity source" (the root project's program: lookups, single records,
 * a bulk import job) against an emulator started in this process — with `pulumi up` when the Pulumi CLI is
 * installed, through the repository's engine harness otherwise. Prints progress as it happens, the stack
 * outputs, and what the emulator holds afterwards.
 */
import { startEmulator } from "../../src/emulator";
import { emulatorTable } from "./emulator-table";
import { pulumiCliVersion, runWithCli } from "./engine-cli";
import { runWithHarness } from "./engine-harness";
import { guideProgramPath, REPO_DIR } from "./guide-program";
import type { DemoRun } from "./types";

/**
 * Okta refuses a new import session within five minutes of the last one. The program opens one session, so a
 * single run never waits; a short window keeps the rule in force without making a second run wait. Imports
 * finish as soon as they are started (Okta takes seconds to minutes), so the demo does not sit in a poll.
 */
export const DEMO_COOLDOWN_SECONDS = 5;
export const INSTALL_CLI = "curl -fsSL https://get.pulumi.com | sh";

export type DemoEngine = "auto" | "cli" | "harness";

export interface DemoResult extends DemoRun {
  engine: "cli" | "harness";
}

export async function runDemo(
  options: { engine?: DemoEngine; write?: (text: string) => void } = {},
): Promise<DemoResult> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const cliVersion = options.engine === "harness" ? undefined : pulumiCliVersion();
  if (options.engine === "cli" && cliVersion === undefined) {
    throw new Error(`the Pulumi CLI is not on PATH; install it with: ${INSTALL_CLI}`);
  }
  const engine = cliVersion === undefined ? "harness" : "cli";
  const programPath = guideProgramPath();
  const emulator = await startEmulator({ sessionCooldownSeconds: DEMO_COOLDOWN_SECONDS, importDelayMs: 0 });
  try {
    write(`Okta Identity Sources emulator: ${emulator.url}, identity source ${emulator.identitySourceId}\n`);
    write(
      `  demo settings: Okta's five-minute rule between import sessions shortened to ${DEMO_COOLDOWN_SECONDS} s ` +
        "(a real org: 300 s), imports finish as soon as they start\n",
    );
    write(
      engine === "cli"
        ? `Pulumi CLI ${cliVersion}: pulumi up (local file backend and throwaway passphrase in a temp dir)\n`
        : "No Pulumi CLI on PATH: running through the repository's engine harness and Pulumi's real " +
            `dynamic-provider host instead (install the CLI: ${INSTALL_CLI})\n`,
    );
    write(`Program: ${relative(programPath)} (the root Pulumi.yaml)\n\n`);
    const settings = {
      programPath,
      orgUrl: emulator.url,
      apiToken: emulator.apiToken,
      identitySourceId: emulator.identitySourceId,
      write,
    };
    const run = engine === "cli" ? await runWithCli(settings) : await runWithHarness(settings);
    write(`\n${formatOutputs(run.outputs)}\n\n${emulatorTable(emulator)}\n`);
    return { engine, ...run };
  } finally {
    await emulator.close();
  }
}

/** Like `pulumi up`'s "Outputs:" block: one `name: value` line each, values as JSON. */
export function formatOutputs(outputs: Record<string, unknown>): string {
  const names = Object.keys(outputs).sort();
  const width = Math.max(0, ...names.map((n) => n.length));
  return [
    "Outputs:",
    ...names.map((n) => `  ${`${n}:`.padEnd(width + 1)} ${JSON.stringify(outputs[n])}`),
  ].join("\n");
}

function relative(path: string): string {
  return path.startsWith(`${REPO_DIR}/`) ? path.slice(REPO_DIR.length + 1) : path;
}
