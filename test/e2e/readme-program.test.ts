/**
 * The program README's "Use it in your program" shows, word for word, run from inside the fixture project (the
 * package installed from its packed tarball, as `npm install` gives a user) against the emulator, with the stack
 * config the README tells the user to set.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startEmulator, type Emulator } from "../../src/emulator";
import { prepareFixtureProject, type FixtureProject } from "./harness/fixture";
import { startProviderHost, type ProviderHost } from "./harness/host";
import { runProgram } from "./harness/mini-engine";

const REPO = resolve(__dirname, "..", "..");
const TOKEN = "emu-CANARY-readme-program-5c2e";

/** The TypeScript block of README's "Use it in your program", without the list's indentation. */
function readmeProgram(readme: string): string {
  const section = readme.split("\n## Use it in your program\n")[1]?.split("\n## ")[0] ?? "";
  const block = /\n( *)```ts\n([\s\S]*?)\n\1```/.exec(section);
  assert.ok(block, "README's 'Use it in your program' has a ```ts block");
  const indent = block[1]!.length;
  return block[2]!
    .split("\n")
    .map((line) => line.slice(indent))
    .join("\n");
}

describe("e2e: README's program", function () {
  this.timeout(120_000);
  let fixture: FixtureProject;
  let emulator: Emulator;
  let host: ProviderHost;
  const ENV_KEYS = ["OKTA_ORG_URL", "OKTA_API_TOKEN"] as const;
  /** The fixture's `@pulumi/pulumi` runtime: the instance the program and the mini engine use. */
  const sdkRuntime = () =>
    (fixture.require("@pulumi/pulumi") as { runtime: { setAllConfig(c: Record<string, string>): void } })
      .runtime;
  const savedEnv = ENV_KEYS.map((key) => [key, process.env[key]] as const);

  before(async () => {
    fixture = await prepareFixtureProject();
    emulator = await startEmulator({ apiToken: TOKEN, importDelayMs: 0 });
    host = await startProviderHost({ projectDir: fixture.projectDir });
    // `pulumi config set okta:orgUrl …` / `--secret okta:apiToken …` reach the provider through Configure.
    await host.configure({ "okta:orgUrl": emulator.url, "okta:apiToken": TOKEN }, ["okta:apiToken"]);
    // In the program process: `pulumi config set identitySourceId …`, as the SDK's own runtime holds stack
    // config; the lookup reads the org and token from the environment under mocks.
    sdkRuntime().setAllConfig({ [`${fixture.projectName}:identitySourceId`]: emulator.identitySourceId });
    process.env["OKTA_ORG_URL"] = emulator.url;
    process.env["OKTA_API_TOKEN"] = TOKEN;
  });

  after(async () => {
    if (fixture) sdkRuntime().setAllConfig({});
    for (const [key, value] of savedEnv) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await host?.stop();
    await emulator?.close();
  });

  it("creates the user, runs the import to COMPLETED and reads the group's members", async () => {
    const dir = join(fixture.projectDir, "readme-program");
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, "index.ts");
    writeFileSync(entry, readmeProgram(readFileSync(join(REPO, "README.md"), "utf8")));
    delete require.cache[entry];
    const result = await runProgram(
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      () => require(entry) as Record<string, unknown>,
      { host, state: new Map(), projectDir: fixture.projectDir },
    );
    assert.equal(result.stackOutputs["sessionStatus"], "COMPLETED");
    assert.deepEqual(result.stackOutputs["memberExternalIds"], ["USEREXT_NEW"]);
    const jdoe = emulator.users().find((u) => u.externalId === "USEREXT123456EXAMPLE");
    assert.equal(result.stackOutputs["oktaUserId"], jdoe?.id);
    assert.deepEqual(emulator.members("GROUPEXT001"), ["USEREXT_NEW"]);
  });
});
