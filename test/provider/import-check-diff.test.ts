import assert from "node:assert/strict";
import { createImportKind } from "../../src/provider/import";
import { digestsOf, outputsOf } from "../../src/provider/import-state";
import { planImport } from "../../src/import/plan";
import { checkImportArgs } from "../../src/schemas/import-args";
import { UNKNOWN } from "../../src/schemas/unknown";
import { IDENTITY_SOURCE_ID, aGroup, aMembership, aUser, users } from "../helpers/builders";

const PROVIDER = "exports.handler = () => ({})";

function fixture() {
  const lines: string[] = [];
  const kind = createImportKind({
    client: () => {
      throw new Error("check and diff must not call Okta");
    },
    clock: () => 0,
    sleep: () => Promise.reject(new Error("no sleeping here")),
    log: (name, message) => lines.push(`${name}: ${message}`),
  });
  return { kind, lines };
}

function inputs(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __provider: PROVIDER,
    resourceName: "hr-sync",
    identitySourceId: IDENTITY_SOURCE_ID,
    upsertUsers: { profiles: users(3) },
    upsertGroups: { profiles: [aGroup(1)] },
    upsertGroupMemberships: { memberships: [aMembership(1, [0, 1, 2])] },
    ...extra,
  };
}

/** What create would have stored for these inputs (outputs drive diff). */
function storedOutputs(raw: Record<string, unknown>): Record<string, unknown> {
  const { __provider: _p, resourceName: _n, ...args } = raw;
  const parsed = checkImportArgs(args).inputs!;
  const plan = planImport(parsed);
  return outputsOf(parsed, "hr-sync", {
    sessions: [{ id: "aps1", status: "COMPLETED" }],
    plan,
    digests: digestsOf(parsed),
  });
}

describe("IdentitySourceImport check", () => {
  it("accepts valid inputs, returns them as written and prints the plan in one line with the resource name", async () => {
    const { kind, lines } = fixture();
    const news = inputs();
    const result = await kind.check({}, news);
    assert.deepEqual(result.failures ?? [], []);
    assert.deepEqual(result.inputs, news);
    assert.deepEqual(lines, [
      "hr-sync: import plan: 1 session, 3 uploads: 1 group upserted, 3 users upserted, 3 memberships added",
    ]);
  });

  it("reports failures with field paths and prints no plan", async () => {
    const { kind, lines } = fixture();
    const news = inputs({ upsertUsers: { profiles: [aUser(1), aUser(1)] } });
    const result = await kind.check({}, news);
    assert.deepEqual(
      result.failures?.map((f) => f.property),
      ["upsertUsers.profiles[1].externalId"],
    );
    assert.deepEqual(lines, []);
  });

  it("does not reject the resource name key, which strict argument schemas would call unknown", async () => {
    const { kind } = fixture();
    const result = await kind.check({}, inputs());
    assert.equal(
      (result.failures ?? []).some((f) => f.property === "resourceName"),
      false,
    );
  });

  it("lets unknown values through during preview and prints no plan while data is unknown", async () => {
    const { kind, lines } = fixture();
    const news = inputs({ identitySourceId: UNKNOWN, upsertGroups: UNKNOWN });
    const result = await kind.check({}, news);
    assert.deepEqual(result.failures ?? [], []);
    assert.deepEqual(lines, []);
    await kind.check({}, inputs({ upsertUsers: { profiles: [aUser(1, { profile: { email: UNKNOWN } })] } }));
    assert.deepEqual(lines, []);
  });

  it("prints the plan at preview when the data is known but the identity source or a knob is not", async () => {
    const { kind, lines } = fixture();
    const plan =
      "hr-sync: import plan: 1 session, 3 uploads: 1 group upserted, 3 users upserted, 3 memberships added";
    const unknownSource = await kind.check({}, inputs({ identitySourceId: UNKNOWN }));
    assert.deepEqual(unknownSource.failures ?? [], []);
    await kind.check({}, inputs({ completionTimeoutSeconds: UNKNOWN }));
    assert.deepEqual(lines, [plan, plan]);
  });

  it("says the import is unchanged when only a knob is unknown and the job is the same", async () => {
    const { kind, lines } = fixture();
    await kind.check(inputs(), inputs({ pollIntervalSeconds: UNKNOWN }));
    assert.match(lines[0]!, /^hr-sync: import unchanged \(1 session, 3 uploads/);
  });

  it("says the import is unchanged when the previous inputs describe the same job", async () => {
    const { kind, lines } = fixture();
    await kind.check(inputs(), inputs({ pollIntervalSeconds: 30 }));
    assert.match(lines[0]!, /^hr-sync: import unchanged \(1 session, 3 uploads/);
  });

  it("says the import is unchanged when the new inputs only write a default out", async () => {
    const { kind, lines } = fixture();
    await kind.check(inputs(), inputs({ upsertUsers: { entityType: "USERS", profiles: users(3) } }));
    assert.match(lines[0]!, /^hr-sync: import unchanged \(1 session, 3 uploads/);
  });

  it("prints the changes alone when one user of the previous job changed, everything for triggers or another source", async () => {
    const { kind, lines } = fixture();
    const changed = users(3);
    changed[2]!.profile.lastName = "Changed";
    await kind.check(inputs(), inputs({ upsertUsers: { profiles: changed } }));
    await kind.check(inputs(), inputs({ upsertUsers: { profiles: changed }, uploadMode: "all" }));
    await kind.check(inputs(), inputs({ triggers: { run: "2" } }));
    await kind.check(inputs(), inputs({ identitySourceId: "0oaOTHERSOURCE000001" }));
    assert.deepEqual(lines, [
      "hr-sync: import plan (changes since the previous declaration; if the last run was not confirmed, every declared record is sent): 1 user upserted; 1 session, 1 upload",
      "hr-sync: import plan: 1 session, 3 uploads: 1 group upserted, 3 users upserted, 3 memberships added",
      "hr-sync: import plan: 1 session, 3 uploads: 1 group upserted, 3 users upserted, 3 memberships added",
      "hr-sync: import plan: 1 session, 3 uploads: 1 group upserted, 3 users upserted, 3 memberships added",
    ]);
  });

  it("prints what prune would delete, per kind, and nothing of it without prune", async () => {
    const { kind, lines } = fixture();
    const fewer = inputs({
      upsertUsers: { profiles: users(2) },
      upsertGroupMemberships: { memberships: [aMembership(1, [0, 1])] },
    });
    await kind.check(inputs(), { ...fewer, prune: true });
    await kind.check(inputs(), fewer);
    assert.deepEqual(lines, [
      "hr-sync: import plan (changes since the previous declaration; if the last run was not confirmed, every declared record is sent): 1 membership deleted (prune), 1 user deactivated (prune); 1 session, 2 uploads",
      "hr-sync: import plan (changes since the previous declaration; if the last run was not confirmed, every declared record is sent): nothing to send",
    ]);
  });

  it("refuses at preview, naming maxDeletes, when prune would delete more than it", async () => {
    const { kind } = fixture();
    const fewer = inputs({
      upsertUsers: { profiles: users(2) },
      upsertGroupMemberships: { memberships: [aMembership(1, [0, 1])] },
      prune: true,
    });
    const refused = await kind.check(inputs(), { ...fewer, maxDeletes: 1 });
    assert.deepEqual(refused.failures, [
      {
        property: "maxDeletes",
        reason:
          "prune would delete 2 records (1 users, 0 groups, 1 group memberships), more than maxDeletes (1); " +
          "raise maxDeletes if this is intended",
      },
    ]);
    assert.deepEqual((await kind.check(inputs(), { ...fewer, maxDeletes: 2 })).failures ?? [], []);
  });

  it("refuses a job that deletes more than maxDeletes", async () => {
    const { kind } = fixture();
    const result = await kind.check(
      {},
      inputs({ deleteUsers: { profiles: [{ externalId: "OLD1" }, { externalId: "OLD2" }] }, maxDeletes: 1 }),
    );
    assert.deepEqual(
      result.failures?.map((f) => f.property),
      ["maxDeletes"],
    );
  });
});

describe("IdentitySourceImport diff", () => {
  it("reports no change for the same inputs", async () => {
    const { kind } = fixture();
    const result = await kind.diff("aps1", storedOutputs(inputs()), inputs());
    assert.deepEqual(result, { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("reports no change when a default is written out or keys are reordered", async () => {
    const { kind } = fixture();
    const reordered = inputs({
      upsertUsers: { entityType: "USERS", profiles: users(3) },
      waitForCompletion: true,
      pollIntervalSeconds: 10,
    });
    const result = await kind.diff("aps1", storedOutputs(inputs()), reordered);
    assert.equal(result.changes, false);
  });

  const UPDATE = { changes: true, replaces: [], deleteBeforeReplace: false };

  it("updates, not replaces, when a data block changes", async () => {
    const { kind } = fixture();
    const changed = inputs({ upsertUsers: { profiles: [...users(3), aUser(9)] } });
    assert.deepEqual(await kind.diff("aps1", storedOutputs(inputs()), changed), UPDATE);
  });

  it("updates when a block is removed or added", async () => {
    const { kind } = fixture();
    const { upsertGroupMemberships: _m, ...withoutMemberships } = inputs();
    const withDeletes = inputs({ deleteGroups: { externalIds: ["GONE"] } });
    assert.deepEqual(await kind.diff("aps1", storedOutputs(inputs()), withoutMemberships), UPDATE);
    assert.deepEqual(await kind.diff("aps1", storedOutputs(inputs()), withDeletes), UPDATE);
  });

  it("updates when triggers change, and treats absent and empty triggers alike", async () => {
    const { kind } = fixture();
    const stored = storedOutputs(inputs({ triggers: { rerun: "1" } }));
    assert.deepEqual(await kind.diff("aps1", stored, inputs({ triggers: { rerun: "2" } })), UPDATE);
    const none = storedOutputs(inputs());
    assert.equal((await kind.diff("aps1", none, inputs({ triggers: {} }))).changes, false);
  });

  it("updates when uploadMode or prune change (knobs: nothing is sent for them alone)", async () => {
    const { kind } = fixture();
    const stored = storedOutputs(inputs());
    assert.deepEqual(await kind.diff("aps1", stored, inputs({ uploadMode: "all" })), UPDATE);
    assert.deepEqual(await kind.diff("aps1", stored, inputs({ prune: true })), UPDATE);
    assert.equal(
      (await kind.diff("aps1", stored, inputs({ uploadMode: "changes", prune: false }))).changes,
      false,
    );
  });

  it("updates when membershipPacking changes, and takes state without it for the default", async () => {
    const { kind } = fixture();
    const stored = storedOutputs(inputs());
    const result = await kind.diff("aps1", stored, inputs({ membershipPacking: "groups" }));
    assert.deepEqual(result, UPDATE);
    const { membershipPacking: _dropped, ...older } = stored;
    assert.equal((await kind.diff("aps1", older, inputs({ membershipPacking: "members" }))).changes, false);
    assert.equal((await kind.diff("aps1", stored, inputs())).changes, false);
  });

  it("says the import is unchanged only under the same membershipPacking", async () => {
    const { kind, lines } = fixture();
    await kind.check(inputs(), inputs({ membershipPacking: "members" }));
    await kind.check(inputs(), inputs({ membershipPacking: "groups" }));
    assert.deepEqual(
      lines.map((line) => line.split(":")[1]),
      [" import unchanged (1 session, 3 uploads", " import plan"],
    );
  });

  it("replaces when the identity source changes", async () => {
    const { kind } = fixture();
    const result = await kind.diff("aps1", storedOutputs(inputs()), inputs({ identitySourceId: "0oaOTHER" }));
    assert.deepEqual(result.replaces, ["identitySourceId"]);
  });

  it("updates without replacing when only knobs change", async () => {
    const { kind } = fixture();
    const result = await kind.diff(
      "aps1",
      storedOutputs(inputs()),
      inputs({ completionTimeoutSeconds: 60, maxDeletes: 5 }),
    );
    assert.deepEqual(result, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("updates for a block whose value is not known yet", async () => {
    const { kind } = fixture();
    const result = await kind.diff("aps1", storedOutputs(inputs()), inputs({ upsertGroups: UNKNOWN }));
    assert.deepEqual(result, UPDATE);
  });
});
