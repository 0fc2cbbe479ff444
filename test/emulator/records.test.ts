import assert from "node:assert/strict";
import groupFixture from "../fixtures/okta/group.json";
import { aUser, assertOktaError, causesOf, useEmulator } from "./support";

const USER = aUser(1);
const userPath = `/users/${USER.externalId}`;

describe("emulator direct users", () => {
  const h = useEmulator();

  it("creates a user with 200 and no body, then returns it by external id", async () => {
    const created = await h.api("POST", "/users", USER);
    assert.equal(created.status, 200);
    assert.equal(created.text, "");
    const got = await h.api("GET", userPath);
    assert.equal(got.status, 200);
    assert.deepEqual(Object.keys(got.body), ["id", "externalId", "created", "lastUpdated", "profile"]);
    assert.match(got.body.id, /^0ua[A-Za-z0-9]{17}$/);
    assert.equal(got.body.externalId, USER.externalId);
    assert.equal(got.body.created, "2026-05-13T05:52:24.000Z");
    assert.deepEqual(got.body.profile, USER.profile);
  });

  it("refuses a second create for the same external id with 400 E0000001", async () => {
    await h.api("POST", "/users", USER);
    const body = assertOktaError(await h.api("POST", "/users", USER), 400, "E0000001");
    assert.equal(body.errorSummary, "Api validation failed: externalId");
    assert.match(causesOf(body)[0] ?? "", /already exists/);
  });

  it("requires email and userName on create and replace", async () => {
    const body = assertOktaError(
      await h.api("POST", "/users", { externalId: "X", profile: { firstName: "A" } }),
      400,
      "E0000001",
    );
    assert.deepEqual(
      causesOf(body).map((c) => c.split(":")[0]),
      ["profile.userName", "profile.email"],
    );
    await h.api("POST", "/users", USER);
    assertOktaError(await h.api("PUT", userPath, { profile: { firstName: "A" } }), 400, "E0000001");
  });

  it("replaces the profile on PUT: documented attributes not sent come back null", async () => {
    await h.api("POST", "/users", aUser(1, { mobilePhone: "555", costCenter: "9" }));
    h.clock.advance(2_000);
    const replaced = await h.api("PUT", userPath, {
      profile: { userName: "new@example.com", email: "new@example.com" },
    });
    assert.equal(replaced.status, 200);
    assert.deepEqual(replaced.body.profile, {
      userName: "new@example.com",
      email: "new@example.com",
      secondEmail: null,
      firstName: null,
      lastName: null,
      mobilePhone: null,
      homeAddress: null,
    });
    assert.equal(replaced.body.lastUpdated, "2026-05-13T05:52:26.000Z");
  });

  it("refuses a PUT whose body names another external id", async () => {
    await h.api("POST", "/users", USER);
    assertOktaError(await h.api("PUT", userPath, { ...aUser(2) }), 400, "E0000001");
  });

  it("merges the profile on PATCH without demanding email and userName", async () => {
    await h.api("POST", "/users", USER);
    const patched = await h.api("PATCH", userPath, { profile: { lastName: "Doe" } });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.body.profile, { ...USER.profile, lastName: "Doe" });
  });

  it("deletes with 204, then the user is gone (404) and out of its groups", async () => {
    await h.api("POST", "/users", USER);
    const { body: group } = await h.api("POST", "/groups", {
      externalId: "G1",
      profile: { displayName: "G" },
    });
    await h.api("POST", `/groups/${group.id}/membership`, { memberExternalId: USER.externalId });
    const deleted = await h.api("DELETE", userPath);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.text, "");
    assertOktaError(await h.api("GET", userPath), 404, "E0000007");
    assertOktaError(await h.api("DELETE", userPath), 404, "E0000007");
    assert.deepEqual(h.emulator.members("G1"), []);
  });

  it("percent-decodes external ids in the path", async () => {
    await h.api("POST", "/users", { ...USER, externalId: "HR/42 a" });
    assert.equal((await h.api("GET", `/users/${encodeURIComponent("HR/42 a")}`)).status, 200);
  });
});

describe("emulator direct groups", () => {
  const h = useEmulator();
  const GROUP = { externalId: "GRPEXT1", profile: { displayName: "Engineering", description: "Builders" } };

  it("creates a group with 200 and the observed flat body shape", async () => {
    const created = await h.api("POST", "/groups", GROUP);
    assert.equal(created.status, 200);
    assert.deepEqual(Object.keys(created.body), Object.keys(groupFixture.body));
    assert.match(created.body.id, /^00g[A-Za-z0-9]{17}$/);
    assert.deepEqual(created.body.profile, GROUP.profile);
  });

  it("reads a group by its Okta id and by its external id", async () => {
    const { body: created } = await h.api("POST", "/groups", GROUP);
    assert.deepEqual((await h.api("GET", `/groups/${created.id}`)).body, created);
    assert.deepEqual((await h.api("GET", `/groups/${GROUP.externalId}`)).body, created);
    assertOktaError(await h.api("GET", "/groups/00gUNKNOWN0000000000"), 404, "E0000007");
  });

  it("refuses a second group with the same external id", async () => {
    await h.api("POST", "/groups", GROUP);
    assertOktaError(await h.api("POST", "/groups", GROUP), 400, "E0000001");
  });

  it("updates with POST, replacing the profile (an unsent description becomes null)", async () => {
    const { body: created } = await h.api("POST", "/groups", GROUP);
    const updated = await h.api("POST", `/groups/${GROUP.externalId}`, { profile: { displayName: "Eng" } });
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body, {
      id: created.id,
      externalId: GROUP.externalId,
      profile: { displayName: "Eng", description: null },
    });
    assertOktaError(
      await h.api("POST", `/groups/${created.id}`, { externalId: "OTHER", profile: { displayName: "X" } }),
      400,
      "E0000001",
    );
    assertOktaError(
      await h.api("POST", `/groups/${created.id}`, { profile: { displayName: "" } }),
      400,
      "E0000001",
    );
  });

  it("deletes with 200 and an empty body (as observed), then 404", async () => {
    const { body: created } = await h.api("POST", "/groups", GROUP);
    const deleted = await h.api("DELETE", `/groups/${created.id}`);
    assert.equal(deleted.status, 200);
    assert.equal(deleted.text, "");
    assert.equal(deleted.headers.get("content-type"), null);
    assertOktaError(await h.api("GET", `/groups/${created.id}`), 404, "E0000007");
  });
});

describe("emulator memberships", () => {
  const h = useEmulator();

  async function groupWithMembers(count: number): Promise<string> {
    const { body: group } = await h.api("POST", "/groups", {
      externalId: "G",
      profile: { displayName: "G" },
    });
    for (let i = 0; i < count; i++) {
      await h.api("POST", "/users", aUser(i));
      const added = await h.api("POST", `/groups/G/membership`, { memberExternalId: aUser(i).externalId });
      assert.equal(added.status, 204);
    }
    return group.id as string;
  }

  it("pages members with a rel=next Link (absolute URL) only while more remain", async () => {
    const groupId = await groupWithMembers(5);
    const seen: string[] = [];
    let path: string | undefined = `/api/v1/identity-sources/${h.isId}/groups/${groupId}/membership?limit=2`;
    let pages = 0;
    while (path) {
      const page = await h.call("GET", path);
      assert.equal(page.status, 200);
      seen.push(...page.body.memberExternalIds);
      pages += 1;
      const link = page.headers.get("link") ?? "";
      assert.match(link, /rel="self"/);
      const next = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      if (next) assert.ok(next.startsWith(h.emulator.url), next);
      path = next?.slice(h.emulator.url.length);
    }
    assert.equal(pages, 3);
    assert.deepEqual(
      seen,
      Array.from({ length: 5 }, (_, i) => aUser(i).externalId),
    );
  });

  it("returns everything on one page without a next link when the page holds all members, even exactly", async () => {
    await groupWithMembers(3);
    for (const query of ["", "?limit=3"]) {
      const page = await h.api("GET", `/groups/G/membership${query}`);
      assert.equal(page.body.memberExternalIds.length, 3);
      assert.doesNotMatch(page.headers.get("link") ?? "", /rel="next"/);
    }
  });

  it("validates limit (1 to 1000)", async () => {
    await groupWithMembers(0);
    for (const limit of ["0", "1001", "abc"]) {
      assertOktaError(await h.api("GET", `/groups/G/membership?limit=${limit}`), 400, "E0000001");
    }
    assert.equal((await h.api("GET", "/groups/G/membership?limit=1000")).status, 200);
  });

  it("needs an existing group and user to add, and an existing membership to remove", async () => {
    await groupWithMembers(1);
    assertOktaError(
      await h.api("POST", "/groups/NOPE/membership", { memberExternalId: aUser(0).externalId }),
      404,
      "E0000007",
    );
    assertOktaError(
      await h.api("POST", "/groups/G/membership", { memberExternalId: "NOBODY" }),
      404,
      "E0000007",
    );
    assertOktaError(await h.api("GET", "/groups/NOPE/membership"), 404, "E0000007");
    const removed = await h.api("DELETE", `/groups/G/membership/${aUser(0).externalId}`);
    assert.equal(removed.status, 204);
    assertOktaError(await h.api("DELETE", `/groups/G/membership/${aUser(0).externalId}`), 404, "E0000007");
  });
});
