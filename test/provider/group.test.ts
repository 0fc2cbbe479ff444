import assert from "node:assert/strict";
import { UNKNOWN } from "../../src/schemas/unknown";
import { groupKind as kind } from "./support";

const ISID = "0oaGROUPTEST00001";
const valid = {
  identitySourceId: ISID,
  externalId: "GRPEXT1",
  profile: { displayName: "Engineering", description: "Engineering team group" },
  resourceName: "eng",
};

describe("IdentitySourceGroup provider: check", () => {
  it("accepts valid inputs unchanged", async () => {
    assert.deepEqual(await kind.check({}, valid), { inputs: valid });
  });

  it("names the field and the rule: missing displayName, overlong description, unknown profile key", async () => {
    const result = await kind.check(
      {},
      { ...valid, externalId: "g".repeat(256), profile: { description: "d".repeat(1025), members: "x" } },
    );
    assert.deepEqual(result.failures, [
      { property: "externalId", reason: "must be at most 255 characters" },
      { property: "profile.displayName", reason: "is required" },
      { property: "profile.description", reason: "must be at most 1024 characters" },
      { property: "profile.members", reason: "unknown key (not an argument of this resource)" },
    ]);
  });

  it("lets values that are not known yet through", async () => {
    assert.equal((await kind.check({}, { ...valid, profile: { displayName: UNKNOWN } })).failures, undefined);
  });
});

describe("IdentitySourceGroup provider: diff", () => {
  const olds = {
    identitySourceId: ISID,
    externalId: "GRPEXT1",
    profile: { description: "Engineering team group", displayName: "Engineering" },
    oktaGroupId: "00g1",
  };

  it("sees no change for the same declaration", async () => {
    assert.deepEqual(await kind.diff("00g1", olds, valid), { changes: false });
  });

  it("updates in place when the description changes or is removed", async () => {
    assert.deepEqual(await kind.diff("00g1", olds, { ...valid, profile: { displayName: "Engineering" } }), {
      changes: true,
    });
  });

  it("replaces, deleting first, when the external id changes", async () => {
    assert.deepEqual(await kind.diff("00g1", olds, { ...valid, externalId: "GRPEXT2" }), {
      changes: true,
      replaces: ["externalId"],
      deleteBeforeReplace: true,
    });
  });
});
