import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { request } from "./support";

const ROOT = path.resolve(__dirname, "../..");
// The tsx binary npx would resolve; spawning it directly means SIGTERM reaches tsx, which relays it.
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

describe("emulator CLI", () => {
  it("prints the URL, a labelled local test token and the identity source id, serves, and stops on SIGTERM", async function () {
    this.timeout(30_000);
    const child = spawn(
      TSX,
      [
        "src/emulator/cli.ts",
        "--port",
        "0",
        "--token",
        "cli-test-token",
        "--identity-source-id",
        "0oaCLITEST0000000001",
      ],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    try {
      let output = "";
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => (output += chunk));
      const deadline = Date.now() + 20_000;
      while (!/Press Ctrl-C/.test(output)) {
        if (child.exitCode !== null || Date.now() > deadline) assert.fail(`CLI did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      assert.ok(url, output);
      assert.match(output, /cli-test-token .*local test token/);
      assert.match(output, /0oaCLITEST0000000001/);
      const reply = await request(`${url}/api/v1/identity-sources/0oaCLITEST0000000001/sessions`, "POST", {
        headers: { Authorization: "SSWS cli-test-token" },
      });
      assert.equal(reply.status, 201);
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number | null];
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("refuses malformed options with exit code 2 and the usage text", async function () {
    this.timeout(30_000);
    const child = spawn(TSX, ["src/emulator/cli.ts", "--port", "abc"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let errors = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => (errors += chunk));
    const [code] = (await once(child, "exit")) as [number | null];
    assert.equal(code, 2);
    assert.match(errors, /--port must be a whole number/);
    assert.match(errors, /Usage: okta-identity-source-emulator/);
  });
});
