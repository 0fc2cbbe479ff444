/**
 * The record-by-record resources end to end: the seed's examples 2 and 1 (`examples/single-records`,
 * `examples/lookups`) run as programs under the mini engine, with our package installed from its packed
 * tarball, every resource going through the real dynamic-provider host to the emulator, and state kept
 * between runs: up, no-op up, change → update, key change → replace, out-of-band change → refresh shows drift
 * → up restores, removal → delete. Along the way: provider text size per kind, no token anywhere, no PII in
 * plain state.
 */
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { startEmulator } from "../../src/emulator";
import { callIdentitySource } from "../emulator/support";
import { prepareFixtureProject, type FixtureProject } from "./harness/fixture";
import { startProviderHost, type ProviderHost } from "./harness/host";
import { refresh, runProgram, type EngineState, type RunResult } from "./harness/mini-engine";

const CANARY_TOKEN = "CANARY-e2e-direct-token-8a41f0";
/** The seed's profile values double as PII canaries: none may appear in plain-text state. */
const PII = ["jdoe@example.com", '"Jane"', '"Doe"', "Smithers"];
const REPO = resolve(__dirname, "..", "..");
const TYPE = (kind: string) => `pulumi-nodejs:dynamic/okta-identity-source:${kind}`;

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
interface Examples {
  singleRecords(options: Record<string, unknown>): Record<string, unknown>;
  lookups(options: Record<string, unknown>): Record<string, unknown>;
}

describe("direct resources end to end (real provider host, packed package, emulator)", function () {
  this.timeout(60_000);
  let fixture: FixtureProject;
  let emulator: Emulator;
  let host: ProviderHost;
  let examples: Examples;
  let isId: string;
  const state: EngineState = new Map();
  const savedEnv = { url: process.env["OKTA_ORG_URL"], token: process.env["OKTA_API_TOKEN"] };

  const up = (program: () => unknown) => runProgram(program, { host, state, projectDir: fixture.projectDir });
  const records =
    (options: Record<string, unknown> = {}) =>
    () =>
      examples.singleRecords({ identitySourceId: isId, ...options });
  /** `create IdentitySourceUser`, … sorted: registrations run concurrently. */
  const ops = (result: RunResult) =>
    result.operations.map((o) => `${o.op} ${o.urn.split("::")[2]?.split(":").pop() ?? "?"}`).sort();
  const entry = (kind: string) => [...state.values()].find((e) => e.type === TYPE(kind));
  const api = (method: string, path: string, body?: unknown) =>
    callIdentitySource({ url: emulator.url, isId, token: CANARY_TOKEN }, method, path, body);

  before(async function () {
    this.timeout(180_000);
    fixture = await prepareFixtureProject();
    // The examples run from inside the project, so they import the package exactly as a user's program does.
    for (const name of ["single-records", "lookups"]) {
      mkdirSync(join(fixture.projectDir, "examples", name), { recursive: true });
      copyFileSync(
        join(REPO, "examples", name, "program.ts"),
        join(fixture.projectDir, "examples", name, "program.ts"),
      );
    }
    examples = {
      ...(fixture.require("./examples/single-records/program.ts") as Pick<Examples, "singleRecords">),
      ...(fixture.require("./examples/lookups/program.ts") as Pick<Examples, "lookups">),
    };
    emulator = await startEmulator({ apiToken: CANARY_TOKEN });
    isId = emulator.identitySourceId;
    host = await startProviderHost({ projectDir: fixture.projectDir });
    await host.configure({ "okta:orgUrl": emulator.url, "okta:apiToken": CANARY_TOKEN }, ["okta:apiToken"]);
    // Lookups run in the program's process: they read the same settings from the environment there.
    process.env["OKTA_ORG_URL"] = emulator.url;
    process.env["OKTA_API_TOKEN"] = CANARY_TOKEN;
  });

  after(async () => {
    await host?.stop();
    await emulator?.close();
    for (const [key, value] of [
      ["OKTA_ORG_URL", savedEnv.url],
      ["OKTA_API_TOKEN", savedEnv.token],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it("creates the user, the group and the membership of example 2 in Okta", async () => {
    const result = await up(records());
    assert.deepEqual(ops(result), [
      "create IdentitySourceGroup",
      "create IdentitySourceGroupMembership",
      "create IdentitySourceUser",
    ]);
    const user = await api("GET", "/users/USEREXT123456EXAMPLE");
    assert.equal(user.status, 200);
    assert.equal((user.body?.["profile"] as Record<string, unknown>)["firstName"], "Jane");
    const members = await api("GET", "/groups/GRPEXT123456EXAMPLE/membership");
    assert.deepEqual(members.body?.["memberExternalIds"], ["USEREXT123456EXAMPLE"]);
    assert.equal(entry("IdentitySourceUser")?.id, `${isId}/USEREXT123456EXAMPLE`);
    assert.equal(result.stackOutputs["groupId"], entry("IdentitySourceGroup")?.id);
  });

  it("changes nothing on a second run, and example 1's lookups see the records", async () => {
    const result = await up(() => {
      const out = records()();
      const found = examples.lookups({
        identitySourceId: isId,
        // Derived from outputs, so the lookups wait for the records (as examples/index.ts does).
        userExternalId: (out["userId"] as { apply: (f: () => string) => unknown }).apply(
          () => "USEREXT123456EXAMPLE",
        ),
        groupExternalId: (out["membershipId"] as { apply: (f: () => string) => unknown }).apply(
          () => "GRPEXT123456EXAMPLE",
        ),
      });
      return { ...out, ...found };
    });
    assert.deepEqual(ops(result), [
      "same IdentitySourceGroup",
      "same IdentitySourceGroupMembership",
      "same IdentitySourceUser",
    ]);
    assert.deepEqual(result.stackOutputs["memberExternalIds"], ["USEREXT123456EXAMPLE"]);
    assert.equal(result.stackOutputs["userId"], entry("IdentitySourceUser")?.outputs["oktaUserId"]);
    assert.equal(result.stackOutputs["userEmail"], "jdoe@example.com");
  });

  it("updates the user in place when its profile changes", async () => {
    const result = await up(records({ userProfile: { lastName: "Smithers" } }));
    assert.deepEqual(ops(result), [
      "same IdentitySourceGroup",
      "same IdentitySourceGroupMembership",
      "update IdentitySourceUser",
    ]);
    const user = await api("GET", "/users/USEREXT123456EXAMPLE");
    assert.equal((user.body?.["profile"] as Record<string, unknown>)["lastName"], "Smithers");
  });

  it("replaces the user and its membership when the user's external id changes", async () => {
    const result = await up(records({ userExternalId: "USEREXT_RENAMED" }));
    assert.deepEqual(ops(result), [
      "replace IdentitySourceGroupMembership",
      "replace IdentitySourceUser",
      "same IdentitySourceGroup",
    ]);
    assert.equal((await api("GET", "/users/USEREXT123456EXAMPLE")).status, 404);
    assert.equal((await api("GET", "/users/USEREXT_RENAMED")).status, 200);
    const members = await api("GET", "/groups/GRPEXT123456EXAMPLE/membership");
    assert.deepEqual(members.body?.["memberExternalIds"], ["USEREXT_RENAMED"]);
  });

  it("shows out-of-band changes on refresh and restores the declaration on the next up", async () => {
    const declared = records({ userExternalId: "USEREXT_RENAMED" });
    await api("PUT", "/users/USEREXT_RENAMED", {
      profile: { userName: "jdoe@example.com", email: "jdoe@example.com", firstName: "Janet" },
    });
    await api("POST", "/groups/GRPEXT123456EXAMPLE", {
      externalId: "GRPEXT123456EXAMPLE",
      profile: { displayName: "Renamed in the console" },
    });
    await api("DELETE", "/groups/GRPEXT123456EXAMPLE/membership/USEREXT_RENAMED");

    const refreshed = await refresh(state, { host });
    assert.deepEqual(refreshed.map((r) => r.op).sort(), ["drop", "read", "read"]);
    assert.equal(entry("IdentitySourceGroupMembership"), undefined, "the removed membership left state");
    assert.deepEqual(entry("IdentitySourceUser")?.outputs["profile"], {
      email: "jdoe@example.com",
      firstName: "Janet",
      userName: "jdoe@example.com",
    });
    assert.deepEqual(entry("IdentitySourceGroup")?.inputs["profile"], {
      displayName: "Renamed in the console",
    });

    const result = await up(declared);
    assert.deepEqual(ops(result), [
      "create IdentitySourceGroupMembership",
      "update IdentitySourceGroup",
      "update IdentitySourceUser",
    ]);
    const user = await api("GET", "/users/USEREXT_RENAMED");
    assert.equal((user.body?.["profile"] as Record<string, unknown>)["firstName"], "Jane");
    assert.equal((user.body?.["profile"] as Record<string, unknown>)["lastName"], "Doe");
    const group = await api("GET", "/groups/GRPEXT123456EXAMPLE");
    assert.equal(
      (group.body?.["profile"] as Record<string, unknown>)["description"],
      "Engineering team group",
    );
    const again = await up(declared);
    assert.deepEqual(
      ops(again).map((o) => o.split(" ")[0]),
      ["same", "same", "same"],
    );
  });

  it("keeps serialized providers small and leaks neither the token nor profile data into plain state", async () => {
    const result = await up(records({ userExternalId: "USEREXT_RENAMED" }));
    const sizes = Object.fromEntries(
      ["IdentitySourceUser", "IdentitySourceGroup", "IdentitySourceGroupMembership"].map((kind) => {
        const text = result.providerText.get(TYPE(kind));
        assert.ok(text !== undefined, `no provider text for ${kind}`);
        assert.ok(
          text.includes('require("pulumi-okta-identity-source/provider")'),
          `${kind} shim loads the subpath`,
        );
        return [kind, Buffer.byteLength(text)];
      }),
    );
    console.log(`      serialized provider text (bytes): ${JSON.stringify(sizes)}`);
    for (const size of Object.values(sizes)) assert.ok(size < 4096, `provider text is ${size} bytes`);

    const user = entry("IdentitySourceUser");
    assert.deepEqual(user?.secretInputs, ["profile"]);
    assert.deepEqual(user?.secretOutputs, ["profile"]);
    const drop = (bag: Record<string, unknown>, secret: string[]) =>
      Object.fromEntries(Object.entries(bag).filter(([k]) => !secret.includes(k)));
    const plain = [...state.values()].map((e) => ({
      id: e.id,
      inputs: drop(e.inputs, e.secretInputs),
      outputs: drop(e.outputs, e.secretOutputs),
    }));
    const plainText = JSON.stringify(plain);
    for (const pii of PII) assert.ok(!plainText.includes(pii), `${pii} appears in plain state`);
    const everything =
      JSON.stringify([...state.values()]) +
      [...result.providerText.values()].join("") +
      host.output().join("\n");
    assert.ok(!everything.includes(CANARY_TOKEN), "the token appears in state, provider text or host output");
    assert.ok(!host.output().join("\n").includes("jdoe@example.com"), "host output carries profile data");
  });

  it("deletes the membership when it is removed, then everything when the program declares nothing", async () => {
    const result = await up(records({ userExternalId: "USEREXT_RENAMED", membership: false }));
    assert.deepEqual(ops(result), [
      "delete IdentitySourceGroupMembership",
      "same IdentitySourceGroup",
      "same IdentitySourceUser",
    ]);
    assert.deepEqual(
      (await api("GET", "/groups/GRPEXT123456EXAMPLE/membership")).body?.["memberExternalIds"],
      [],
    );
    const empty = await up(() => ({}));
    assert.deepEqual(ops(empty), ["delete IdentitySourceGroup", "delete IdentitySourceUser"]);
    assert.equal((await api("GET", "/users/USEREXT_RENAMED")).status, 404);
    assert.equal((await api("GET", "/groups/GRPEXT123456EXAMPLE")).status, 404);
    assert.equal(state.size, 0);
  });
});
