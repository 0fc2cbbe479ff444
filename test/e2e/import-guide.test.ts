/**
 * The root project's program (`Pulumi.yaml` → `examples/index.ts`: the guide's three examples together) through
 * the real provider host against an empty emulator, the way `pulumi up` at the repository root runs it.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createOktaClient } from "../../src/client";
import { startEmulator } from "../../src/emulator";
import { prepareFixtureProject, type FixtureProject } from "./harness/fixture";
import { startProviderHost, type ProviderHost } from "./harness/host";
import { runProgram, type EngineState } from "./harness/mini-engine";
import { resolvePackageFromFixture } from "./import-support";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const TOKEN = "emu-CANARY-guide-e2e-41b7";
const GUIDE = join(__dirname, "..", "..", "examples", "index.ts");

describe("e2e: the guide's root program (examples/index.ts)", function () {
  this.timeout(120_000);
  let fixture: FixtureProject;
  let emulator: Emulator;
  let host: ProviderHost;
  let restoreResolution: () => void;
  const savedEnv: Record<string, string | undefined> = {};
  const state: EngineState = new Map();

  const setEnv = (key: string, value: string) => {
    savedEnv[key] = process.env[key];
    process.env[key] = value;
  };
  /** Runs the program module afresh, like the language host does on every `pulumi up`. */
  const runGuide = () =>
    runProgram(
      () => {
        delete require.cache[require.resolve(GUIDE)];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return require(GUIDE) as Record<string, unknown>;
      },
      { host, state, projectDir: fixture.projectDir },
    );

  before(async () => {
    fixture = await prepareFixtureProject();
    restoreResolution = resolvePackageFromFixture(fixture);
    emulator = await startEmulator({ apiToken: TOKEN, sessionCooldownSeconds: 0, importDelayMs: 0 });
    // The lookups run in the program process and read OKTA_* (no stack config under mocks).
    setEnv("OKTA_ORG_URL", emulator.url);
    setEnv("OKTA_API_TOKEN", TOKEN);
    setEnv("OKTA_IDENTITY_SOURCE_ID", emulator.identitySourceId);
    host = await startProviderHost({ projectDir: fixture.projectDir });
    await host.configure({ "okta:orgUrl": emulator.url, "okta:apiToken": TOKEN }, ["okta:apiToken"]);
  });

  after(async () => {
    restoreResolution?.();
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await host?.stop();
    await emulator?.close();
  });

  it("creates the records, looks them up and runs the bulk job in one up", async () => {
    const result = await runGuide();
    assert.deepEqual(result.operations.map((o) => `${o.op} ${o.name}`).sort(), [
      "create example",
      "create example",
      "create example",
      "create example",
    ]);
    assert.deepEqual([...state.values()].map((r) => r.type.split(":").pop()).sort(), [
      "IdentitySourceGroup",
      "IdentitySourceGroupMembership",
      "IdentitySourceImport",
      "IdentitySourceUser",
    ]);
    assert.equal(result.stackOutputs["sessionStatus"], "COMPLETED");
    assert.deepEqual(result.stackOutputs["memberExternalIds"], ["USEREXT123456EXAMPLE"]);
    assert.ok(result.stackOutputs["lookedUpUserId"]);
    const client = createOktaClient({ orgUrl: emulator.url, auth: { kind: "apiToken", token: TOKEN } });
    assert.deepEqual(await client.memberships.listAll(emulator.identitySourceId, "GROUPEXT001"), [
      "USEREXT_NEW",
    ]);
  });

  it("changes nothing on a second up", async () => {
    const result = await runGuide();
    assert.deepEqual(
      result.operations.map((o) => o.op),
      ["same", "same", "same", "same"],
    );
  });
});
