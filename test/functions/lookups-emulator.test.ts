/** The four lookups against the emulator, configured through `OKTA_*` as a program's environment would be. */
import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../src/emulator";
import { getIdentitySourceGroupMemberships } from "../../src/functions/get-identity-source-group-memberships";
import { getIdentitySourceGroups } from "../../src/functions/get-identity-source-groups";
import { getIdentitySourceSessions } from "../../src/functions/get-identity-source-sessions";
import { getIdentitySourceUsers } from "../../src/functions/get-identity-source-users";
import { callIdentitySource } from "../emulator/support";
import { CANARY_TOKEN, useLookupEnv } from "./support";

describe("lookups against the emulator", () => {
  let emulator: Emulator;
  let isId: string;
  const api = (method: string, path: string, body?: unknown) =>
    callIdentitySource({ url: emulator.url, isId, token: CANARY_TOKEN }, method, path, body);

  before(async () => {
    emulator = await startEmulator({ apiToken: CANARY_TOKEN });
    isId = emulator.identitySourceId;
    const profile = { userName: "jdoe@example.com", email: "jdoe@example.com", firstName: "Jane" };
    await api("POST", "/users", { externalId: "USEREXT123456EXAMPLE", profile });
    await api("POST", "/groups", {
      externalId: "GROUPEXT123456EXAMPLE",
      profile: { displayName: "Engineering" },
    });
    await api("POST", "/groups/GROUPEXT123456EXAMPLE/membership", {
      memberExternalId: "USEREXT123456EXAMPLE",
    });
  });
  after(() => emulator?.close());
  useLookupEnv(() => emulator.url);

  it("looks up the seed's user and group members (example 1)", async () => {
    const user = await getIdentitySourceUsers({ identitySourceId: isId, externalId: "USEREXT123456EXAMPLE" });
    assert.deepEqual(user.profile, {
      userName: "jdoe@example.com",
      email: "jdoe@example.com",
      firstName: "Jane",
    });
    assert.match(user.id, /.+/);
    const members = await getIdentitySourceGroupMemberships({
      identitySourceId: isId,
      groupExternalId: "GROUPEXT123456EXAMPLE",
    });
    assert.deepEqual(members.memberExternalIds, ["USEREXT123456EXAMPLE"]);
  });

  it("looks up a group by external id and by Okta id", async () => {
    const byExternal = await getIdentitySourceGroups({
      identitySourceId: isId,
      externalId: "GROUPEXT123456EXAMPLE",
    });
    const byOkta = await getIdentitySourceGroups({ identitySourceId: isId, externalId: byExternal.id });
    assert.deepEqual(byOkta, byExternal);
    assert.deepEqual(byExternal.profile, { displayName: "Engineering" });
  });

  it("reads the latest session without an id and the same session by id", async () => {
    assert.deepEqual(await getIdentitySourceSessions({ identitySourceId: isId }), {
      identitySourceId: isId,
      sessions: [],
    });
    const created = await api("POST", "/sessions");
    const latest = await getIdentitySourceSessions({ identitySourceId: isId });
    assert.equal(latest.id, created.body.id);
    assert.equal(latest.status, "CREATED");
    const byId = await getIdentitySourceSessions({ identitySourceId: isId, sessionId: created.body.id });
    assert.equal(byId.status, "CREATED");
  });

  it("fails clearly for an identity source that does not exist", async () => {
    await assert.rejects(
      getIdentitySourceUsers({ identitySourceId: "0oaNOSUCHSOURCE001", externalId: "USEREXT123456EXAMPLE" }),
      /identity source 0oaNOSUCHSOURCE001 was not found in Okta \(404 for the identity source itself/,
    );
  });
});
