/**
 * The seed's "Perform bulk operations" example (`examples/bulk-import`) through the real dynamic-provider host,
 * with our package installed from its packed tarball, against the emulator: up, no-op up, data change,
 * `triggers` change, refresh, removal.
 */
import assert from "node:assert/strict";
import { createOktaClient } from "../../src/client";
import type { OktaClient } from "../../src/client/types";
import { startEmulator } from "../../src/emulator";
import type * as BulkImportModule from "../../examples/bulk-import/program";
import { prepareFixtureProject, type FixtureProject } from "./harness/fixture";
import { resolvePackageFromFixture } from "./import-support";
import { startProviderHost, type ProviderHost } from "./harness/host";
import { refresh, runProgram, type EngineState } from "./harness/mini-engine";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type BulkImport = typeof BulkImportModule.bulkImport;

const CANARY_TOKEN = "emu-CANARY-import-e2e-7f3a9c";

describe("e2e: IdentitySourceImport (examples/bulk-import)", function () {
  this.timeout(120_000);
  let fixture: FixtureProject;
  let emulator: Emulator;
  let host: ProviderHost;
  let client: OktaClient;
  let restoreResolution: () => void;
  let bulkImport: BulkImport;
  const state: EngineState = new Map();

  const up = (options: Omit<Parameters<BulkImport>[0], "identitySourceId"> = {}) =>
    runProgram(() => bulkImport({ identitySourceId: emulator.identitySourceId, ...options }), {
      host,
      state,
      projectDir: fixture.projectDir,
    });
  const ops = (result: { operations: { op: string; name: string }[] }) =>
    result.operations.map((o) => `${o.op} ${o.name}`);
  const creates = () =>
    emulator.requests.filter((r) => r.method === "POST" && /\/sessions$/.test(r.path) && r.status === 201)
      .length;

  before(async () => {
    fixture = await prepareFixtureProject();
    restoreResolution = resolvePackageFromFixture(fixture);
    // Loaded after the resolution hook (CommonJS `require`, which the hook covers; `import()` would not).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ({ bulkImport } = require("../../examples/bulk-import/program") as typeof BulkImportModule);
    emulator = await startEmulator({ apiToken: CANARY_TOKEN, sessionCooldownSeconds: 0, importDelayMs: 0 });
    client = createOktaClient({ orgUrl: emulator.url, auth: { kind: "apiToken", token: CANARY_TOKEN } });
    // The seed's job deletes USEREXT_OLD and GROUPEXT_DEPRECATED: let them exist first.
    const id = emulator.identitySourceId;
    await client.users.create(id, {
      externalId: "USEREXT_OLD",
      profile: { userName: "old.user@example.com", email: "old.user@example.com" },
    });
    await client.groups.create(id, {
      externalId: "GROUPEXT_DEPRECATED",
      profile: { displayName: "Deprecated" },
    });
    host = await startProviderHost({ projectDir: fixture.projectDir });
    await host.configure({ "okta:orgUrl": emulator.url, "okta:apiToken": CANARY_TOKEN }, ["okta:apiToken"]);
  });

  after(async () => {
    restoreResolution?.();
    await host?.stop();
    await emulator?.close();
  });

  it("runs the seed's bulk job in one up: sessionStatus COMPLETED and the data visible in the identity source", async () => {
    const result = await up();
    assert.deepEqual(ops(result), ["create example"]);
    assert.equal(result.stackOutputs["sessionStatus"], "COMPLETED");
    assert.equal(result.stackOutputs["uploadCount"], 5);
    const id = emulator.identitySourceId;
    const user = await client.users.get(id, "USEREXT_NEW");
    assert.equal(user?.profile["firstName"], "New");
    assert.equal((await client.groups.get(id, "GROUPEXT001"))?.profile["displayName"], "Engineering");
    assert.deepEqual(await client.memberships.listAll(id, "GROUPEXT001"), ["USEREXT_NEW"]);
    assert.equal(await client.users.get(id, "USEREXT_OLD"), undefined, "deactivated");
    assert.equal(await client.groups.get(id, "GROUPEXT_DEPRECATED"), undefined);
    assert.ok(host.output().some((l) => /^example: import plan: 1 session, 5 uploads/.test(l)));
    assert.ok(host.output().some((l) => /^example: session 1\/1 aps\w+: COMPLETED in/.test(l)));
  });

  it("keeps the payload out of outputs and the token out of everything the host printed", () => {
    const entry = [...state.values()][0]!;
    assert.doesNotMatch(JSON.stringify(entry.outputs), /USEREXT|example\.com|GROUPEXT/);
    assert.ok(entry.outputs["__provider"], "outputs keep the provider text");
    assert.doesNotMatch(host.output().join("\n"), new RegExp(CANARY_TOKEN));
  });

  it("does nothing on an up without changes", async () => {
    const before = creates();
    const result = await up();
    assert.deepEqual(ops(result), ["same example"]);
    assert.equal(creates(), before);
  });

  it("updates the resource (no replacement) when the data changes, sending the changed user alone", async () => {
    const before = creates();
    const result = await up({ newUserFirstName: "Renamed" });
    assert.deepEqual(ops(result), ["update example"]);
    assert.equal(creates(), before + 1);
    assert.equal(result.stackOutputs["uploadCount"], 1, "one upload: the changed user");
    assert.equal(result.stackOutputs["lastRun"], "changes");
    assert.ok(
      host
        .output()
        .some(
          (l) =>
            l ===
            "example: import plan (changes since the previous declaration; if the last run was not confirmed, " +
              "every declared record is sent): 1 user upserted; 1 session, 1 upload",
        ),
    );
    assert.equal(
      (await client.users.get(emulator.identitySourceId, "USEREXT_NEW"))?.profile["firstName"],
      "Renamed",
    );
  });

  it("sends every declared record again, as an update, when triggers change", async () => {
    const before = creates();
    const first = await up({ newUserFirstName: "Renamed", triggers: { rerun: "1" } });
    assert.deepEqual(ops(first), ["update example"]);
    const second = await up({ newUserFirstName: "Renamed", triggers: { rerun: "2" } });
    assert.deepEqual(ops(second), ["update example"]);
    assert.equal(creates(), before + 2);
    assert.equal(second.stackOutputs["sessionStatus"], "COMPLETED");
    assert.equal(second.stackOutputs["uploadCount"], 5, "every declared record");
    assert.equal(second.stackOutputs["lastRun"], "all");
  });

  it("keeps the resource on refresh", async () => {
    const result = await refresh(state, { host });
    assert.deepEqual(
      result.map((r) => r.op),
      ["read"],
    );
    const entry = [...state.values()][0]!;
    assert.equal(entry.outputs["sessionStatus"], "COMPLETED");
    assert.ok(entry.inputs["upsertUsers"], "the stored inputs (payload) survive the refresh");
  });

  it("calls nothing in Okta when the resource is removed", async () => {
    const before = emulator.requests.length;
    const result = await runProgram(() => ({}), { host, state, projectDir: fixture.projectDir });
    assert.deepEqual(ops(result), ["delete example"]);
    assert.equal(emulator.requests.length, before);
    assert.ok(host.output().some((l) => /^example: removed from the stack without any call to Okta/.test(l)));
    assert.ok(await client.users.get(emulator.identitySourceId, "USEREXT_NEW"), "the data stays");
  });
});
