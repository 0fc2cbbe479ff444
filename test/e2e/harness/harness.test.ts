/**
 * Proves the e2e harness (fixture, real provider host, mini engine) with a tiny test-only dynamic provider,
 * independent of our own resources. The provider is plain JS written into the fixture project at test time,
 * so it is serialized by value the way a user's local dynamic provider would be; it keeps its records in a
 * JSON file named by the `harness:db` config that the host receives through Configure.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { prepareFixtureProject, pulumiSdkDir, SDK_OVERRIDE_ENV, type FixtureProject } from "./fixture";
import { startProviderHost, type ProviderHost } from "./host";
import { refresh, runProgram, type EngineState } from "./mini-engine";

const CANARY = "CANARY-harness-secret-9d8c7b";
const TYPE = "pulumi-nodejs:dynamic/harness:Record";

const RESOURCE_JS = `"use strict";
const pulumi = require("@pulumi/pulumi");
const fs = require("fs");

function load(db) {
  return fs.existsSync(db) ? JSON.parse(fs.readFileSync(db, "utf8")) : {};
}
function save(db, records) {
  fs.writeFileSync(db, JSON.stringify(records, null, 2));
}
function outs(inputs) {
  const out = { name: inputs.name, size: inputs.size, tokenSeen: globalThis.harnessConfig.token === process.env.HARNESS_EXPECTED_TOKEN };
  if (inputs.note !== undefined) out.note = inputs.note;
  if (inputs.group !== undefined) out.group = inputs.group;
  return out;
}

const provider = {
  async configure(req) {
    globalThis.harnessConfig = { db: req.config.get("harness:db"), token: req.config.get("harness:token") };
  },
  async check(olds, news) {
    const failures = typeof news.name === "string" && news.name !== "" ? [] : [{ property: "name", reason: "is required" }];
    const inputs = { name: news.name, size: news.size };
    if (news.note !== undefined) inputs.note = news.note;
    if (news.group !== undefined) inputs.group = news.group;
    if (news.failInit === true) inputs.failInit = true;
    return { inputs, failures };
  },
  async diff(id, olds, news) {
    if (olds.name !== news.name) return { changes: true, replaces: ["name"], deleteBeforeReplace: true };
    if (olds.group !== news.group) return { changes: true, replaces: ["group"] };
    return { changes: olds.size !== news.size || olds.note !== news.note || olds.failInit !== news.failInit };
  },
  async create(inputs) {
    const db = globalThis.harnessConfig.db;
    const records = load(db);
    const id = "rec-" + require("crypto").randomUUID().slice(0, 8) + "-" + inputs.name;
    records[id] = { name: inputs.name, size: inputs.size };
    save(db, records);
    console.log("harness: created " + id);
    if (inputs.failInit) {
      throw Object.assign(new Error("created but not ready"), { id, properties: outs(inputs), reasons: ["not ready"] });
    }
    return { id, outs: outs(inputs) };
  },
  async read(id, props) {
    const record = load(globalThis.harnessConfig.db)[id];
    if (record === undefined) return {};
    return { id, props: { ...props, ...record }, inputs: { name: record.name, size: record.size } };
  },
  async update(id, olds, news) {
    const records = load(globalThis.harnessConfig.db);
    records[id] = { name: news.name, size: news.size };
    save(globalThis.harnessConfig.db, records);
    return { outs: outs(news) };
  },
  async delete(id) {
    const records = load(globalThis.harnessConfig.db);
    delete records[id];
    save(globalThis.harnessConfig.db, records);
    console.log("harness: deleted " + id);
  },
};

class HarnessRecord extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(provider, name, { tokenSeen: undefined, ...args }, opts, "harness", "Record");
  }
}
module.exports = { HarnessRecord };
`;

describe("e2e harness (fixture + provider host + mini engine)", () => {
  let fixture: FixtureProject;
  let host: ProviderHost;
  let db: string;
  let state: EngineState;
  let Record: new (name: string, args: object, opts?: object) => { id: unknown };
  let pulumi: { secret<T>(value: T): unknown };

  const up = (declare: () => unknown) => runProgram(declare, { host, state, projectDir: fixture.projectDir });
  const records = () =>
    JSON.parse(readFileSync(db, "utf8")) as Record<string, { name: string; size: number }>;
  const ops = (result: { operations: { op: string; name: string }[] }) =>
    result.operations.map((o) => `${o.op} ${o.name}`);

  before(async function () {
    this.timeout(120_000);
    fixture = await prepareFixtureProject();
    writeFileSync(join(fixture.projectDir, "harness-resource.js"), RESOURCE_JS);
    db = join(fixture.projectDir, "harness-db.json");
    rmSync(db, { force: true });
    state = new Map();
    Record = (fixture.require("./harness-resource.js") as { HarnessRecord: typeof Record }).HarnessRecord;
    pulumi = fixture.require("@pulumi/pulumi") as typeof pulumi;
    host = await startProviderHost({
      projectDir: fixture.projectDir,
      env: { HARNESS_EXPECTED_TOKEN: CANARY },
    });
    const configured = await host.configure({ "harness:db": db, "harness:token": CANARY }, ["harness:token"]);
    assert.equal(configured.acceptSecrets, false);
  });

  after(async () => {
    await host?.stop();
  });

  it("installs our package from its packed tarball as a real directory with the Pulumi SDK of this run", () => {
    const installed = JSON.parse(readFileSync(join(fixture.packageDir, "package.json"), "utf8")) as {
      name: string;
    };
    assert.equal(installed.name, "pulumi-okta-identity-source");
    assert.ok(existsSync(join(fixture.packageDir, "dist", "index.js")));
    assert.ok(!existsSync(join(fixture.packageDir, "src")), "only the files npm packs are installed");
    assert.match(fixture.tarball.integrity, /^sha512-/);
    // The repo's pinned SDK, or under `npm run test:compat` the one installed for that run; the provider host
    // is started from the same directory.
    const wanted = JSON.parse(readFileSync(join(pulumiSdkDir(), "package.json"), "utf8")) as {
      version: string;
    };
    const sdkPackage = fixture.require.resolve("@pulumi/pulumi/package.json");
    assert.equal(realpathSync(sdkPackage), realpathSync(join(pulumiSdkDir(), "package.json")));
    assert.equal((fixture.require(sdkPackage) as { version: string }).version, wanted.version);
    if (process.env[SDK_OVERRIDE_ENV] === undefined) {
      const pinned = JSON.parse(readFileSync(join(__dirname, "..", "..", "..", "package.json"), "utf8")) as {
        devDependencies: Record<string, string>;
      };
      assert.equal(wanted.version, pinned.devDependencies["@pulumi/pulumi"]);
    }
    assert.equal(
      fixture.require.resolve("pulumi-okta-identity-source/package.json"),
      join(fixture.packageDir, "package.json"),
    );
  });

  it("creates a resource on the first run, with secret config unwrapped and outputs marked secret", async () => {
    const result = await up(() => {
      const r = new Record(
        "a",
        { name: "alpha", size: 1, note: pulumi.secret("hush") },
        { additionalSecretOutputs: ["tokenSeen"] },
      );
      return { id: r.id };
    });
    assert.deepEqual(ops(result), ["create a"]);
    const [entry] = [...state.values()];
    assert.ok(entry);
    assert.equal(result.stackOutputs["id"], entry.id);
    assert.deepEqual(records()[entry.id], { name: "alpha", size: 1 });
    assert.equal(entry.outputs["tokenSeen"], true, "Configure delivered the secret token unwrapped");
    assert.deepEqual([...entry.secretOutputs].sort(), ["note", "tokenSeen"]);
    assert.ok(host.output().includes(`harness: created ${entry.id}`));
  });

  it("leaves an unchanged resource alone on the next run", async () => {
    const before = records();
    const result = await up(() => new Record("a", { name: "alpha", size: 1, note: pulumi.secret("hush") }));
    assert.deepEqual(ops(result), ["same a"]);
    assert.deepEqual(records(), before);
  });

  it("updates in place when the provider's diff reports a change without replacement", async () => {
    const result = await up(() => new Record("a", { name: "alpha", size: 2 }));
    assert.deepEqual(ops(result), ["update a"]);
    assert.deepEqual(Object.values(records()), [{ name: "alpha", size: 2 }]);
  });

  it("replaces when the diff names a replacement, deleting first when asked", async () => {
    const oldId = [...state.values()][0]?.id;
    const result = await up(() => new Record("a", { name: "beta", size: 2 }));
    assert.deepEqual(ops(result), ["replace a"]);
    const ids = Object.keys(records());
    assert.equal(ids.length, 1);
    assert.notEqual(ids[0], oldId);
    assert.equal(ids[0], [...state.values()][0]?.id);
  });

  it("fails the run with the check failures and changes nothing", async () => {
    const before = records();
    await assert.rejects(
      up(() => new Record("a", { name: "", size: 2 })),
      (error: Error & Record<string, unknown>) => {
        assert.match(error.message, /^program failed:\ncheck failed for a: name: is required$/);
        assert.deepEqual(error["operations"], []);
        assert.ok((error["providerText"] as Map<string, string>).has(TYPE));
        return true;
      },
    );
    assert.deepEqual(records(), before);
  });

  it("deletes resources the program no longer declares", async () => {
    const result = await up(() => undefined);
    assert.deepEqual(ops(result), ["delete a"]);
    assert.deepEqual(records(), {});
    assert.equal(state.size, 0);
  });

  it("drops a resource from state on refresh when Read finds it gone", async () => {
    await up(() => [new Record("b", { name: "bee", size: 1 }), new Record("c", { name: "sea", size: 1 })]);
    const gone = [...state.values()].find((e) => e.name === "b");
    const remaining = records();
    delete remaining[gone!.id];
    writeFileSync(db, JSON.stringify(remaining));
    const result = await refresh(state, { host });
    assert.deepEqual(
      result.map((r) => `${r.op} ${r.urn.split("::").pop()}`),
      ["drop b", "read c"],
    );
    assert.deepEqual(
      [...state.values()].map((e) => e.name),
      ["c"],
    );
  });

  it("keeps a half-created resource with its init errors and updates it on the next run", async () => {
    await assert.rejects(
      up(() => [
        new Record("c", { name: "sea", size: 1 }),
        new Record("d", { name: "dee", size: 1, failInit: true }),
      ]),
      /created but not ready/,
    );
    const half = [...state.values()].find((e) => e.name === "d");
    assert.deepEqual(half?.initErrors, ["not ready"]);
    assert.ok(records()[half.id]);
    const result = await up(() => [
      new Record("c", { name: "sea", size: 1 }),
      new Record("d", { name: "dee", size: 1 }),
    ]);
    assert.deepEqual(ops(result), ["same c", "update d"]);
  });

  it("captures the serialized provider per type and leaks no secret into state, provider text or host output", async () => {
    const result = await up(() => new Record("c", { name: "sea", size: 1 }));
    const text = result.providerText.get(TYPE);
    assert.ok(text !== undefined, `no provider text recorded for ${TYPE}`);
    assert.ok(text.includes("exports.handler"), "provider text is a CommonJS module exporting handler");
    assert.ok(text.includes("harness:db"), "a local provider is serialized by value");
    const everything = JSON.stringify([...state.values()]) + text + host.output().join("\n");
    assert.ok(!everything.includes(CANARY));
  });

  it("replaces create-before-delete by default and delete-before-replace when the resource option asks", async () => {
    const steps = () => host.output().filter((line) => line.startsWith("harness: "));
    await up(() => new Record("e", { name: "e", size: 1, group: "g1" }));
    const id1 = [...state.values()].find((e) => e.name === "e")!.id;

    let mark = steps().length;
    const second = await up(() => new Record("e", { name: "e", size: 1, group: "g2" }));
    assert.deepEqual(ops(second), ["replace e"]);
    const id2 = [...state.values()].find((e) => e.name === "e")!.id;
    assert.deepEqual(steps().slice(mark), [`harness: created ${id2}`, `harness: deleted ${id1}`]);

    mark = steps().length;
    const third = await up(
      () => new Record("e", { name: "e", size: 1, group: "g3" }, { deleteBeforeReplace: true }),
    );
    assert.deepEqual(ops(third), ["replace e"]);
    const id3 = [...state.values()].find((e) => e.name === "e")!.id;
    assert.deepEqual(steps().slice(mark), [`harness: deleted ${id2}`, `harness: created ${id3}`]);
  });
});
