/**
 * `prune` through the real dynamic-provider host, with our package installed from its packed tarball, against
 * the emulator: a removed user and its membership are deleted by an update (never a replace) that sends nothing
 * else; prune beyond `maxDeletes` fails at check (preview) before anything is sent; a failed run keeps its
 * prune deletes in a secret output, and the next `up` deletes them.
 */
import assert from "node:assert/strict";
import { createOktaClient } from "../../src/client";
import type { OktaClient } from "../../src/client/types";
import { startEmulator } from "../../src/emulator";
import { NOTHING_SENT } from "../helpers/builders";
import type * as Package from "../../src";
import { prepareFixtureProject, type FixtureProject } from "./harness/fixture";
import { resolvePackageFromFixture } from "./import-support";
import { startProviderHost, type ProviderHost } from "./harness/host";
import { runProgram, type EngineState } from "./harness/mini-engine";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const CANARY_TOKEN = "emu-CANARY-prune-e2e-3b8d1e";
/** An external id that must never reach state in plain text. */
const CANARY_USER = "USEREXT-CANARY-prune-5c2a";
const GROUP = "GROUPEXT_SYNC";

describe("e2e: IdentitySourceImport prune", function () {
  this.timeout(120_000);
  let fixture: FixtureProject;
  let emulator: Emulator;
  let host: ProviderHost;
  let client: OktaClient;
  let restoreResolution: () => void;
  let ois: typeof Package;
  const state: EngineState = new Map();

  const user = (externalId: string) => ({
    externalId,
    profile: {
      userName: `${externalId.toLowerCase()}@example.com`,
      email: `${externalId.toLowerCase()}@example.com`,
    },
  });
  /** One import declaring `members`, all in GROUP, with prune on. */
  const up = (members: string[], maxDeletes?: number) =>
    runProgram(
      () => {
        const job = new ois.IdentitySourceImport("example", {
          identitySourceId: emulator.identitySourceId,
          upsertUsers: { profiles: members.map(user) },
          upsertGroups: { profiles: [{ externalId: GROUP, groupProfile: { displayName: "Sync" } }] },
          upsertGroupMemberships: { memberships: [{ groupExternalId: GROUP, memberExternalIds: members }] },
          prune: true,
          ...(maxDeletes !== undefined ? { maxDeletes } : {}),
        });
        return { sessionStatus: job.sessionStatus, lastRun: job.lastRun, sent: job.sent };
      },
      { host, state, projectDir: fixture.projectDir },
    );
  const ops = (result: { operations: { op: string; name: string }[] }) =>
    result.operations.map((o) => `${o.op} ${o.name}`);
  const creates = () =>
    emulator.requests.filter((r) => r.method === "POST" && /\/sessions$/.test(r.path) && r.status === 201)
      .length;
  before(async () => {
    fixture = await prepareFixtureProject();
    restoreResolution = resolvePackageFromFixture(fixture);
    // Loaded after the resolution hook, as the examples are: the packed package the fixture installed.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ois = require("pulumi-okta-identity-source") as typeof Package;
    emulator = await startEmulator({ apiToken: CANARY_TOKEN, sessionCooldownSeconds: 0, importDelayMs: 0 });
    client = createOktaClient({ orgUrl: emulator.url, auth: { kind: "apiToken", token: CANARY_TOKEN } });
    host = await startProviderHost({ projectDir: fixture.projectDir });
    await host.configure({ "okta:orgUrl": emulator.url, "okta:apiToken": CANARY_TOKEN }, ["okta:apiToken"]);
  });

  after(async () => {
    restoreResolution?.();
    await host?.stop();
    await emulator?.close();
  });

  it("deletes a removed user and its membership by an update that sends nothing else", async () => {
    assert.deepEqual(ops(await up(["USEREXT_A", "USEREXT_B", CANARY_USER])), ["create example"]);
    const before = creates();
    const result = await up(["USEREXT_A", CANARY_USER]);
    assert.deepEqual(ops(result), ["update example"]);
    assert.equal(creates(), before + 1);
    assert.equal(result.stackOutputs["lastRun"], "changes");
    assert.deepEqual(result.stackOutputs["sent"], {
      ...NOTHING_SENT,
      deleteUsers: 1,
      deleteGroupMemberships: 1,
    });
    const id = emulator.identitySourceId;
    assert.equal(await client.users.get(id, "USEREXT_B"), undefined, "deactivated");
    assert.deepEqual((await client.memberships.listAll(id, GROUP)).sort(), [CANARY_USER, "USEREXT_A"].sort());
  });

  it("fails at check, naming maxDeletes, when prune would delete more, and sends nothing", async () => {
    const before = emulator.requests.length;
    await assert.rejects(
      up(["USEREXT_C"], 1),
      /maxDeletes: prune would delete 4 records .*more than maxDeletes \(1\)/,
    );
    assert.equal(emulator.requests.length, before);
    assert.ok(await client.users.get(emulator.identitySourceId, "USEREXT_A"));
  });

  it("keeps the prune deletes of a failed run secret in state, and deletes them on the next up", async () => {
    emulator.failNextImport();
    await assert.rejects(up(["USEREXT_A"]), /ERROR/);
    const entry = [...state.values()][0]!;
    assert.ok(entry.initErrors, "a partial failure");
    assert.deepEqual(entry.outputs["unconfirmedPrunes"], {
      users: [CANARY_USER],
      memberships: [{ groupExternalId: GROUP, memberExternalIds: [CANARY_USER] }],
    });
    assert.ok(entry.secretOutputs.includes("unconfirmedPrunes"));
    const plain = Object.fromEntries(
      Object.entries(entry.outputs).filter(([key]) => !entry.secretOutputs.includes(key)),
    );
    assert.doesNotMatch(JSON.stringify(plain), new RegExp(CANARY_USER));
    assert.ok(
      await client.users.get(emulator.identitySourceId, CANARY_USER),
      "the failed run deleted nothing",
    );

    const result = await up(["USEREXT_A"]);
    assert.deepEqual(ops(result), ["update example"]);
    assert.equal(result.stackOutputs["sessionStatus"], "COMPLETED");
    assert.equal(await client.users.get(emulator.identitySourceId, CANARY_USER), undefined, "deactivated");
    assert.deepEqual(await client.memberships.listAll(emulator.identitySourceId, GROUP), ["USEREXT_A"]);
    assert.equal([...state.values()][0]!.outputs["unconfirmedPrunes"], undefined, "confirmed");
  });
});
