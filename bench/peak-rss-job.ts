/**
 * The child process of `peak-rss-mb`: checks, plans and runs the 102,000-record job against the emulator at
 * BENCH_ORG_URL, as the provider host does (check, then create), and prints its peak resident memory as JSON.
 */
import { createOktaClient } from "../src/client";
import { realSleep } from "../src/client/sleep";
import { createImportKind } from "../src/provider/import";
import { RESOURCE_NAME_KEY } from "../src/provider/log";
import { largeJob } from "./jobs";

async function main(): Promise<void> {
  const orgUrl = process.env["BENCH_ORG_URL"]!;
  const token = process.env["BENCH_TOKEN"]!;
  const client = createOktaClient({ orgUrl, auth: { kind: "apiToken", token } });
  const kind = createImportKind({
    client: () => client,
    clock: Date.now,
    sleep: realSleep,
    log: () => undefined,
    cooldownSeconds: 0,
  });
  // One copy of the inputs, as the host holds them after deserializing the engine's message.
  const inputs: Record<string, unknown> = {
    identitySourceId: process.env["BENCH_IDENTITY_SOURCE_ID"]!,
    ...largeJob(),
    pollIntervalSeconds: 1,
    [RESOURCE_NAME_KEY]: "import",
  };
  const checked = await kind.check({}, inputs);
  if ((checked.failures ?? []).length > 0) throw new Error("the job should pass check");
  const { outs } = await kind.create(checked.inputs);
  const records = Object.values(outs["counts"] as Record<string, number>).reduce((sum, n) => sum + n, 0);
  process.stdout.write(
    `${JSON.stringify({ records, maxRssKb: process.resourceUsage().maxRSS, status: outs["sessionStatus"] })}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
