import assert from "node:assert/strict";
import { UNKNOWN } from "../../src/schemas/unknown";
import { CANARY_EMAIL, userKind as kind } from "./support";

const ISID = "0oaUSERTEST000001";
const valid = {
  identitySourceId: ISID,
  externalId: "USEREXT1",
  profile: { userName: "jdoe@example.com", email: "jdoe@example.com", firstName: "Jane" },
  resourceName: "jdoe",
  __provider: "exports.handler = …",
};

describe("IdentitySourceUser provider: check", () => {
  it("accepts valid inputs, custom string attributes and the package options, and returns them unchanged", async () => {
    const news = {
      ...valid,
      profile: { ...valid.profile, costCenter: "42" },
      adoptExisting: true,
      secretProfile: false,
    };
    assert.deepEqual(await kind.check({}, news), { inputs: news });
  });

  it("names the field and the rule for each mistake, never the value", async () => {
    const result = await kind.check(
      {},
      {
        identitySourceId: "0oa 1",
        externalId: "",
        profile: {
          email: "no-at-sign.example.com",
          lastName: "x".repeat(51),
          dept: 7,
          secondEmail: CANARY_EMAIL,
        },
        profle: {},
      },
    );
    assert.deepEqual(result.failures, [
      {
        property: "identitySourceId",
        reason: "must be an Okta app id such as 0oa3l6l6WK6h0R0QW0g4 (letters and digits)",
      },
      { property: "externalId", reason: "must not be empty" },
      { property: "profile.userName", reason: "is required" },
      { property: "profile.email", reason: "must be an email address" },
      { property: "profile.lastName", reason: "must be at most 50 characters" },
      {
        property: "profile.dept",
        reason: "custom profile attributes must be strings (Okta supports no other type)",
      },
      { property: "profle", reason: "unknown key (not an argument of this resource)" },
    ]);
    assert.ok(!JSON.stringify(result.failures).includes("no-at-sign"));
  });

  it("rejects a custom attribute name Okta cannot have", async () => {
    const result = await kind.check({}, { ...valid, profile: { ...valid.profile, "cost-center": "42" } });
    assert.deepEqual(result.failures, [
      {
        property: "profile.cost-center",
        reason: "custom attribute names start with a letter and contain only letters, digits and '_'",
      },
    ]);
  });

  it("rejects a misspelt documented attribute instead of passing it as a custom one", async () => {
    const profile = { ...valid.profile, firstname: "Jane", last_name: "Doe", MobilePhone: "555" };
    const result = await kind.check({}, { ...valid, profile });
    assert.deepEqual(result.failures, [
      { property: "profile.firstname", reason: "unknown attribute; did you mean firstName?" },
      { property: "profile.last_name", reason: "unknown attribute; did you mean lastName?" },
      { property: "profile.MobilePhone", reason: "unknown attribute; did you mean mobilePhone?" },
    ]);
  });

  it("lists a profile's attribute-name failures key by key, in the order the keys were written", async () => {
    const profile = { ...valid.profile, "1x": "a", last_name: "Doe", "Last-Name": "Doe" };
    const result = await kind.check({}, { ...valid, profile });
    assert.deepEqual(
      result.failures?.map((f) => `${f.property}: ${f.reason}`),
      [
        "profile.1x: custom attribute names start with a letter and contain only letters, digits and '_'",
        "profile.last_name: unknown attribute; did you mean lastName?",
        "profile.Last-Name: custom attribute names start with a letter and contain only letters, digits and '_'",
        "profile.Last-Name: unknown attribute; did you mean lastName?",
      ],
    );
  });

  it("rejects an overlong external id and home address", async () => {
    const result = await kind.check(
      {},
      { ...valid, externalId: "e".repeat(513), profile: { ...valid.profile, homeAddress: "h".repeat(4097) } },
    );
    assert.deepEqual(
      result.failures?.map((f) => `${f.property}: ${f.reason}`),
      ["externalId: must be at most 512 characters", "profile.homeAddress: must be at most 4096 characters"],
    );
  });

  it("lets values that are not known yet (preview) through", async () => {
    const news = {
      identitySourceId: UNKNOWN,
      externalId: UNKNOWN,
      profile: { userName: UNKNOWN, email: UNKNOWN },
    };
    assert.equal((await kind.check({}, news)).failures, undefined);
    assert.equal((await kind.check({}, { ...valid, profile: UNKNOWN })).failures, undefined);
  });
});

describe("IdentitySourceUser provider: diff", () => {
  const olds = {
    identitySourceId: ISID,
    externalId: "USEREXT1",
    profile: { email: "jdoe@example.com", firstName: "Jane", userName: "jdoe@example.com" },
    oktaUserId: "0ua1",
    created: "c",
    lastUpdated: "l",
    resourceName: "old-name",
    __provider: "old text",
  };

  it("sees no change when only Okta's nulls, outputs, bookkeeping or adoptExisting differ", async () => {
    const news = { ...valid, profile: { ...valid.profile, mobilePhone: "" }, adoptExisting: true };
    assert.deepEqual(await kind.diff("id", olds, news), { changes: false });
  });

  it("updates in place when an attribute changes or is removed", async () => {
    assert.deepEqual(
      await kind.diff("id", olds, { ...valid, profile: { ...valid.profile, firstName: "J" } }),
      {
        changes: true,
      },
    );
    const { firstName: _removed, ...withoutFirstName } = valid.profile;
    assert.deepEqual(await kind.diff("id", olds, { ...valid, profile: withoutFirstName }), { changes: true });
  });

  it("updates when secretProfile is switched off, so stored outputs lose their secret marking", async () => {
    assert.deepEqual(await kind.diff("id", olds, { ...valid, secretProfile: false }), { changes: true });
    assert.deepEqual(await kind.diff("id", olds, { ...valid, secretProfile: true }), { changes: false });
  });

  it("replaces, deleting first, when the identity source or external id changes", async () => {
    assert.deepEqual(await kind.diff("id", olds, { ...valid, externalId: "USEREXT2" }), {
      changes: true,
      replaces: ["externalId"],
      deleteBeforeReplace: true,
    });
    assert.deepEqual((await kind.diff("id", olds, { ...valid, identitySourceId: "0oaOTHER" })).replaces, [
      "identitySourceId",
    ]);
  });

  it("counts an unknown profile value as a change", async () => {
    const news = { ...valid, profile: { ...valid.profile, firstName: UNKNOWN } };
    assert.equal((await kind.diff("id", olds, news)).changes, true);
  });
});
