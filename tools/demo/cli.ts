/**
 * Entry of `npm run demo [-- --harness | --cli]`. Exit code 0 when the import reached COMPLETED, 1 otherwise.
 */
import { parseArgs } from "node:util";
import { runDemo, type DemoEngine } from "./run-demo";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { harness: { type: "boolean" }, cli: { type: "boolean" } } });
  const engine: DemoEngine = values.harness ? "harness" : values.cli ? "cli" : "auto";
  const result = await runDemo({ engine });
  return result.outputs["sessionStatus"] === "COMPLETED" ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
