import assert from "node:assert/strict";
import { createOktaClient } from "../../src/client";
import { IdentitySourceImport } from "../../src/resources/identity-source-import";
import { IdentitySourceUser } from "../../src/resources/identity-source-user";
import { checkImportArgs } from "../../src/schemas/import-args";
import { RESERVED_KEY_REASON } from "../../src/schemas/reserved-keys";
import { groupKind as group, userKind as user } from "./support";

const ISID = "0oaRESERVEDKEYS01";
/** As a data file would give them: `JSON.parse` makes `__proto__` an own key (an object literal would not). */
const reservedProfile = (): Record<string, unknown> =>
  JSON.parse(
    '{"userName":"jdoe@example.com","email":"jdoe@example.com","__proto__":"a","constructor":"b","prototype":"c"}',
  ) as Record<string, unknown>;
const reasonsAt = (...paths: string[]) =>
  paths.map((property) => ({ property, reason: RESERVED_KEY_REASON }));

describe("__proto__, constructor and prototype as keys", () => {
  it("user check refuses each at its field path (they used to pass and vanish from the body)", async () => {
    const result = await user.check(
      {},
      { identitySourceId: ISID, externalId: "U1", profile: reservedProfile() },
    );
    assert.deepEqual(
      result.failures,
      reasonsAt("profile.__proto__", "profile.constructor", "profile.prototype"),
    );
  });

  it("group check refuses them with the same reason, not as unknown keys", async () => {
    const profile = JSON.parse('{"displayName":"Eng","__proto__":"x","constructor":"y"}') as object;
    const result = await group.check({}, { identitySourceId: ISID, externalId: "G1", profile });
    assert.deepEqual(result.failures, reasonsAt("profile.__proto__", "profile.constructor"));
  });

  it("create refuses them too, in case the engine skipped check", async () => {
    await assert.rejects(
      user.create({ identitySourceId: ISID, externalId: "U1", profile: reservedProfile() }),
      /profile\.__proto__: must not be used as a key/,
    );
  });

  it("the import job's check refuses them in user and group profiles and in triggers", () => {
    const triggers = JSON.parse('{"__proto__":"1","ok":"2"}') as Record<string, string>;
    const { failures, inputs } = checkImportArgs({
      identitySourceId: ISID,
      upsertUsers: { profiles: [{ externalId: "U1", profile: reservedProfile() }] },
      upsertGroups: {
        profiles: [{ externalId: "G1", groupProfile: JSON.parse('{"displayName":"Eng","prototype":"p"}') }],
      },
      triggers,
    });
    assert.equal(inputs, undefined);
    assert.deepEqual(
      failures,
      reasonsAt(
        "upsertUsers.profiles[0].profile.__proto__",
        "upsertUsers.profiles[0].profile.constructor",
        "upsertUsers.profiles[0].profile.prototype",
        "upsertGroups.profiles[0].groupProfile.prototype",
        "triggers.__proto__",
      ),
    );
  });

  it("the client refuses a body holding one before any request", async () => {
    const client = createOktaClient({
      orgUrl: "https://reserved.okta.com",
      auth: { kind: "apiToken", token: "t" },
    });
    const profile = reservedProfile() as { userName: string; email: string };
    await assert.rejects(
      client.users.create(ISID, { externalId: "U1", profile }),
      /users\.create: the body does not match the API's schema \(profile\.__proto__: must not be used as a key/,
    );
  });

  it("the resource classes refuse them while the program still sees them (Pulumi's serializer drops __proto__)", () => {
    assert.throws(
      () =>
        new IdentitySourceUser("jdoe", {
          identitySourceId: ISID,
          externalId: "U1",
          profile: reservedProfile() as never,
        }),
      /IdentitySourceUser "jdoe": profile\.__proto__: must not be used as a key.*; profile\.constructor/,
    );
    assert.throws(
      () =>
        new IdentitySourceImport("hr", {
          identitySourceId: ISID,
          upsertUsers: { profiles: [{ externalId: "U1", profile: reservedProfile() as never }] },
        }),
      /IdentitySourceImport "hr": upsertUsers\.profiles\[0\]\.profile\.__proto__/,
    );
  });
});
