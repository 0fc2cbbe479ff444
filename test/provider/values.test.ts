import assert from "node:assert/strict";
import { idCarryingError } from "../../src/provider/id-carrying-error";
import { diffWith, normalizeProfile } from "../../src/provider/record-diff";
import { jsonEqual, stripUndefined } from "../../src/provider/values";
import { UNKNOWN } from "../../src/schemas/unknown";

describe("provider values", () => {
  describe("normalizeProfile", () => {
    it("drops null, empty and absent attributes and sorts keys", () => {
      const out = normalizeProfile({
        email: "a@example.com",
        mobilePhone: null,
        firstName: "",
        lastName: "Doe",
      });
      assert.deepEqual(out, { email: "a@example.com", lastName: "Doe" });
      assert.deepEqual(Object.keys(out), ["email", "lastName"]);
    });

    it("treats a missing profile as empty", () => {
      assert.deepEqual(normalizeProfile(undefined), {});
      assert.deepEqual(normalizeProfile(null), {});
    });
  });

  describe("stripUndefined", () => {
    it("removes undefined at every depth and keeps null and arrays", () => {
      const out = stripUndefined({ a: 1, b: undefined, c: { d: undefined, e: null }, f: [1, 2] });
      assert.deepEqual(out, { a: 1, c: { e: null }, f: [1, 2] });
      assert.equal("b" in out, false);
    });
  });

  describe("jsonEqual", () => {
    it("ignores key order and compares nested values", () => {
      assert.equal(jsonEqual({ a: 1, b: { c: "x" } }, { b: { c: "x" }, a: 1 }), true);
      assert.equal(jsonEqual({ a: 1 }, { a: 1, b: 2 }), false);
      assert.equal(jsonEqual([1, 2], [2, 1]), false);
      assert.equal(jsonEqual(undefined, "x"), false);
    });
  });

  describe("diffWith", () => {
    const rule = { replaceKeys: ["key"], updateKeys: { profile: normalizeProfile } };

    it("reports no change when only bookkeeping keys and unset attributes differ", () => {
      const d = diffWith(
        rule,
        { key: "k", profile: { a: "1", b: null }, __provider: "old", resourceName: "x" },
        { key: "k", profile: { a: "1" }, __provider: "new", resourceName: "y" },
      );
      assert.deepEqual(d, { changes: false });
    });

    it("replaces, deleting first, when a key changes", () => {
      assert.deepEqual(diffWith(rule, { key: "k", profile: {} }, { key: "k2", profile: { a: "1" } }), {
        changes: true,
        replaces: ["key"],
        deleteBeforeReplace: true,
      });
    });

    it("treats an unknown key or attribute as changed", () => {
      assert.deepEqual(diffWith(rule, { key: "k" }, { key: UNKNOWN }).replaces, ["key"]);
      assert.equal(
        diffWith(rule, { key: "k", profile: { a: "1" } }, { key: "k", profile: { a: UNKNOWN } }).changes,
        true,
      );
    });
  });

  describe("idCarryingError", () => {
    it("carries id, undefined-free properties and the reason for the host's init-failure detail", () => {
      const e = idCarryingError("boom", "id-1", { a: 1, b: undefined }, {});
      assert.equal(e.message, "boom");
      assert.equal(e.id, "id-1");
      assert.deepEqual(e.properties, { a: 1 });
      assert.deepEqual(e.reasons, ["boom"]);
    });

    it("copies the serialized provider from the create inputs (the host adds it only on success)", () => {
      const e = idCarryingError("boom", "id-1", { a: 1 }, { __provider: "shim", a: 2 });
      assert.deepEqual(e.properties, { a: 1, __provider: "shim" });
    });
  });
});
