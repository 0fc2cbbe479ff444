import assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { request } from "./support";

const ROOT = path.resolve(__dirname, "../..");
// One process (Node with tsx's loader), so a signal reaches the CLI itself and a kill leaves nothing behind.
const spawnCli = (args: string[]) =>
  spawn(process.execPath, ["--import", "tsx", "src/emulator/cli.ts", ...args], { cwd: ROOT });

interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  url: string;
  token: string;
  /** Everything printed on stdout so far. */
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the CLI and waits for its banner. */
async function startCli(args: string[]): Promise<RunningCli> {
  const child = spawnCli(["--port", "0", ...args]);
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const deadline = Date.now() + 20_000;
  while (!/Press Ctrl-C/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      assert.fail(`CLI did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
  const token = /API token: +(\S+)/.exec(output)?.[1];
  assert.ok(url && token, output);
  return {
    child,
    url,
    token,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const [code] = (await once(child, "exit")) as [number | null];
      return code;
    },
  };
}

const createSession = (cli: RunningCli, isId: string, token = cli.token) =>
  request(`${cli.url}/api/v1/identity-sources/${isId}/sessions`, "POST", {
    headers: { Authorization: `SSWS ${token}` },
  });

describe("emulator CLI", function () {
  this.timeout(30_000);
  let running: RunningCli[] = [];
  const start = async (args: string[]) => {
    const started = await startCli(args);
    running.push(started);
    return started;
  };
  afterEach(async () => {
    for (const { child } of running) if (child.exitCode === null) child.kill("SIGKILL");
    running = [];
  });

  it("prints the URL, a labelled local test token, the identity source id and all three config lines; serves; stops on SIGTERM", async () => {
    const cli = await start(["--token", "cli-test-token", "--identity-source-id", "0oaCLITEST0000000001"]);
    const output = cli.output();
    assert.match(output, /cli-test-token .*local test token/);
    assert.match(output, /identity source id: +0oaCLITEST0000000001/);
    assert.ok(output.includes(`  pulumi config set okta:orgUrl ${cli.url}\n`), output);
    assert.ok(output.includes("  pulumi config set --secret okta:apiToken cli-test-token\n"), output);
    assert.ok(
      output.includes(
        "  pulumi config set okta-identity-source-examples:identitySourceId 0oaCLITEST0000000001\n",
      ),
      output,
    );
    assert.equal((await createSession(cli, "0oaCLITEST0000000001")).status, 201);
    assert.equal(await cli.stop(), 0);
  });

  it("with --state-file, a restart accepts the token it generated the first time", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "emulator-cli-"));
    try {
      const stateFile = path.join(dir, "state.json");
      const first = await start(["--state-file", stateFile]);
      const isId = /identity source id: +(\S+)/.exec(first.output())![1]!;
      assert.equal(await first.stop(), 0);

      const second = await start(["--state-file", stateFile]);
      assert.equal(second.token, first.token);
      assert.equal((await createSession(second, isId, first.token)).status, 201);
      assert.equal(await second.stop(), 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("with --log, prints one line per request: method, path, status and milliseconds, never the token", async () => {
    const cli = await start(["--log", "--token", "CANARY-cli-log-token", "--identity-source-id", "0oaLOG1"]);
    assert.equal((await createSession(cli, "0oaLOG1", "CANARY-cli-log-token")).status, 201);
    assert.equal((await createSession(cli, "0oaLOG1", "wrong-token")).status, 401);
    await cli.stop();
    const lines = cli
      .output()
      .split("\n")
      .filter((line) => line.startsWith("POST "));
    assert.equal(lines.length, 2, cli.output());
    assert.match(lines[0]!, /^POST \/api\/v1\/identity-sources\/0oaLOG1\/sessions 201 \d+ms$/);
    assert.match(lines[1]!, /^POST \/api\/v1\/identity-sources\/0oaLOG1\/sessions 401 \d+ms$/);
    assert.ok(!cli.output().split("Press Ctrl-C")[1]!.includes("CANARY"), cli.output());
  });

  it("on a busy port, exits 1 and suggests --port 0", async () => {
    const blocker = createServer();
    blocker.listen(0, "127.0.0.1");
    await once(blocker, "listening");
    try {
      const port = (blocker.address() as { port: number }).port;
      const child = spawnCli(["--port", String(port)]);
      let errors = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
      const [code] = (await once(child, "exit")) as [number | null];
      assert.equal(code, 1, errors);
      assert.match(errors, new RegExp(`port ${port} is already in use; .*--port 0 for any free port`));
    } finally {
      blocker.close();
    }
  });

  it("refuses malformed options with exit code 2 and the usage text", async () => {
    const child = spawnCli(["--port", "abc"]);
    let errors = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
    const [code] = (await once(child, "exit")) as [number | null];
    assert.equal(code, 2);
    assert.match(errors, /--port must be a whole number/);
    assert.match(errors, /Usage: okta-identity-source-emulator/);
  });

  it("refuses a --cooldown-rule other than strict or lenient with exit code 2", async () => {
    const child = spawnCli(["--port", "0", "--cooldown-rule", "loose"]);
    let errors = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (errors += chunk));
    const [code] = (await once(child, "exit")) as [number | null];
    assert.equal(code, 2);
    assert.match(errors, /--cooldown-rule must be one of strict, lenient/);
  });
});
