import assert from "node:assert/strict";
import { z } from "zod";
import { formatPath, toCheckFailures } from "../../src/schemas/check-failures";
import { UNKNOWN } from "../../src/schemas/unknown";

const failuresFor = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : toCheckFailures(result.error.issues, input);
};

describe("formatPath", () => {
  it("writes keys with dots and indexes in brackets", () => {
    assert.equal(
      formatPath(["upsertUsers", "profiles", 3, "profile", "email"]),
      "upsertUsers.profiles[3].profile.email",
    );
    assert.equal(formatPath([]), "");
    assert.equal(formatPath([0, "a"]), "[0].a");
  });
});

describe("toCheckFailures", () => {
  const Schema = z.strictObject({
    name: z.string().min(2, "too short"),
    list: z.array(z.strictObject({ email: z.email("must be an email address") })),
  });

  it("reports a missing field as required and a bad one with its rule", () => {
    assert.deepEqual(failuresFor(Schema, { list: [{ email: "nope" }] }), [
      { property: "name", reason: "is required" },
      { property: "list[0].email", reason: "must be an email address" },
    ]);
  });

  it("reports each misspelt key at its own path", () => {
    assert.deepEqual(failuresFor(Schema, { name: "ok", list: [{ email: "a@b.io", emial: "x", more: 1 }] }), [
      { property: "list[0].emial", reason: "unknown key (not an argument of this resource)" },
      { property: "list[0].more", reason: "unknown key (not an argument of this resource)" },
    ]);
  });

  it("drops issues about unknown values and about values under an unknown parent", () => {
    assert.deepEqual(failuresFor(Schema, { name: UNKNOWN, list: [{ email: UNKNOWN }] }), []);
    assert.deepEqual(failuresFor(Schema, { name: "ok", list: UNKNOWN }), []);
  });

  it("never includes the offending value", () => {
    const [failure] = failuresFor(Schema, { name: "x", list: [{ email: "secret-value-123" }] }).slice(1);
    assert.ok(failure && !failure.reason.includes("secret-value-123"));
  });
});
