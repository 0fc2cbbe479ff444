/**
 * `npm run demo` end to end, through the engine harness (the way it runs where no Pulumi CLI is installed):
 * the root `Pulumi.yaml` program, with the package resolved by name through the examples' workspace link
 * (no resolution hook), against an emulator the demo starts itself.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join, resolve } from "node:path";
import { runDemo } from "../../tools/demo/run-demo";

const REPO = resolve(__dirname, "..", "..");
const TSX = join(REPO, "node_modules", ".bin", "tsx");

describe("e2e: npm run demo", function () {
  this.timeout(120_000);

  it("resolves the package by name from the examples project (the workspace link, not a hand-made symlink)", () => {
    const resolved = require.resolve("pulumi-okta-identity-source", { paths: [join(REPO, "examples")] });
    assert.equal(resolved, join(REPO, "dist", "index.js"));
  });

  it("runs the root program to COMPLETED, prints outputs and the emulator's records, and exits 0", async () => {
    const child = spawn(TSX, ["tools/demo/cli.ts", "--harness"], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const [code] = (await once(child, "exit")) as [number | null];
    assert.equal(code, 0, output);
    assert.match(output, /No Pulumi CLI on PATH: .*curl -fsSL https:\/\/get\.pulumi\.com \| sh/);
    assert.match(output, /five-minute rule .* shortened to 5 s/);
    assert.match(output, /\+ IdentitySourceImport example created/);
    assert.match(output, /example: session 1\/1 \w+: COMPLETED/);
    assert.match(output, /^ {2}sessionStatus: +"COMPLETED"$/m);
    assert.match(output, /^ {2}users +2 {2}USEREXT123456EXAMPLE \(ACTIVE\), USEREXT_NEW \(ACTIVE\)$/m);
    assert.match(output, /^ {2}memberships +2 /m);
    assert.match(output, /^ {2}sessions +1 {2}\w+ COMPLETED$/m);
  });

  it("runs again from scratch (a fresh emulator and state)", async () => {
    let output = "";
    const result = await runDemo({ engine: "harness", write: (text) => (output += text) });
    assert.equal(result.engine, "harness");
    assert.equal(result.outputs["sessionStatus"], "COMPLETED");
    assert.match(output, /\+ IdentitySourceUser example created/);
  });
});
