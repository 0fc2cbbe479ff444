import assert from "node:assert/strict";
import { UNKNOWN } from "../../src/schemas/unknown";
import { membershipKind as kind } from "./support";

const ISID = "0oaMEMBERTEST0001";
const valid = { identitySourceId: ISID, groupOrExternalId: "GRPEXT1", memberExternalId: "USEREXT1" };

describe("IdentitySourceGroupMembership provider: check", () => {
  it("accepts valid inputs and reports each missing or unknown key", async () => {
    assert.deepEqual(await kind.check({}, valid), { inputs: valid });
    const result = await kind.check({}, { identitySourceId: ISID, groupOrExternalId: "", group: "x" });
    assert.deepEqual(result.failures, [
      { property: "groupOrExternalId", reason: "must not be empty" },
      { property: "memberExternalId", reason: "is required" },
      { property: "group", reason: "unknown key (not an argument of this resource)" },
    ]);
  });

  it("lets values that are not known yet through", async () => {
    assert.equal((await kind.check({}, { ...valid, memberExternalId: UNKNOWN })).failures, undefined);
  });
});

describe("IdentitySourceGroupMembership provider: diff", () => {
  it("replaces on any key change, deleting first, and ignores bookkeeping", async () => {
    assert.deepEqual(await kind.diff("i", { ...valid, resourceName: "a" }, { ...valid, resourceName: "b" }), {
      changes: false,
    });
    for (const key of ["identitySourceId", "groupOrExternalId", "memberExternalId"] as const) {
      assert.deepEqual(await kind.diff("i", valid, { ...valid, [key]: "Other1" }), {
        changes: true,
        replaces: [key],
        deleteBeforeReplace: true,
      });
    }
  });
});
