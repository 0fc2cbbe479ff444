import assert from "node:assert/strict";
import { TakeOnce } from "../../src/provider/take-once";
import { UpsertUserRecord } from "../../src/schemas/import-args";
import { aUser, users } from "../helpers/builders";
import { startWorld, type RunWorld } from "../import/run-support";
import { importKind, PROVIDER } from "./import-support";

describe("TakeOnce (what check keeps for create and update)", () => {
  it("answers a remembered key once, and keeps only the last few", () => {
    const plans = new TakeOnce<true>(2);
    plans.remember("a", true);
    plans.remember("b", true);
    plans.remember("c", true);
    assert.equal(plans.take("a"), undefined, "the oldest is dropped past capacity");
    assert.equal(plans.take("b"), true);
    assert.equal(plans.take("b"), undefined, "used once");
    assert.equal(plans.take("c"), true);
  });

  it("keeps the latest value of a key remembered twice", () => {
    const deltas = new TakeOnce<string>(2);
    deltas.remember("k", "old");
    deltas.remember("k", "new");
    assert.equal(deltas.take("k"), "new");
    assert.equal(deltas.take("k"), undefined);
  });
});

describe("IdentitySourceImport create/update after check in the same process", () => {
  let world: RunWorld;
  afterEach(async () => {
    await world?.close();
  });

  /** Counts the user records validated one by one while `fn` runs. */
  async function userValidations(fn: () => Promise<unknown>): Promise<number> {
    const own = Object.getOwnPropertyDescriptor(UpsertUserRecord, "safeParse")!;
    const original = UpsertUserRecord.safeParse.bind(UpsertUserRecord);
    let calls = 0;
    UpsertUserRecord.safeParse = (...args) => {
      calls += 1;
      return original(...args);
    };
    try {
      await fn();
    } finally {
      Object.defineProperty(UpsertUserRecord, "safeParse", own);
    }
    return calls;
  }

  const inputs = (identitySourceId: string, profiles = users(30)): Record<string, unknown> => ({
    __provider: PROVIDER,
    resourceName: "hr-sync",
    identitySourceId,
    upsertUsers: { profiles },
    pollIntervalSeconds: 5,
  });

  it("does not validate the records check validated again, and does without a check (each record once)", async () => {
    world = await startWorld({ sessionCooldownSeconds: 0 });
    const kind = importKind(world, []);
    const id = world.emulator.identitySourceId;
    // The engine sends create a fresh copy of what check returned.
    const checked = await kind.check({}, inputs(id));
    assert.deepEqual(checked.failures ?? [], []);
    const afterCheck = await userValidations(() => kind.create(structuredClone(checked.inputs)));
    assert.equal(afterCheck, 0);

    const unchecked = await userValidations(() => kind.create(inputs(id)));
    assert.equal(unchecked, 30, "no check in this process: every record is validated");
  });

  it("validates the records when they differ from what check saw, and refuses a bad one", async () => {
    world = await startWorld({ sessionCooldownSeconds: 0 });
    const kind = importKind(world, []);
    const id = world.emulator.identitySourceId;
    await kind.check({}, inputs(id));
    const changed = inputs(id, [...users(29), aUser(99, { profile: { email: "not-an-email" } })]);
    await assert.rejects(kind.create(changed), /upsertUsers\.profiles\[29\]\.profile\.email/);
  });
});
