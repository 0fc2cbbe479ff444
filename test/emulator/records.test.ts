import assert from "node:assert/strict";
import groupDeletedFixture from "../fixtures/okta/group-deleted.json";
import groupFixture from "../fixtures/okta/group.json";
import membershipPagesFixture from "../fixtures/okta/membership-pages.json";
import userCreatedFixture from "../fixtures/okta/user-created.json";
import userDeletedFixture from "../fixtures/okta/user-deleted.json";
import { aUser, assertOktaError, causesOf, useEmulator, type Reply } from "./support";

/** An empty answer exactly as recorded: status, no body, `Content-Length: 0`, no `Content-Type`. */
function assertRecordedEmpty(reply: Reply, recorded: typeof userDeletedFixture): void {
  assert.equal(reply.status, recorded.status);
  assert.equal(reply.text, recorded.text);
  assert.equal(reply.headers.get("content-length"), recorded.headers["Content-Length"]);
  assert.equal(reply.headers.get("content-type"), null);
}

const USER = aUser(1);
const userPath = `/users/${USER.externalId}`;

describe("emulator direct users", () => {
  const h = useEmulator();

  it("creates a user with 200 and the user as JSON (as recorded), the same body GET returns", async () => {
    const { request, body: recorded } = userCreatedFixture;
    const created = await h.api("POST", "/users", request.body);
    assert.equal(created.status, userCreatedFixture.status);
    assert.equal(created.headers.get("content-type"), "application/json");
    assert.deepEqual(Object.keys(created.body), Object.keys(recorded));
    assert.match(created.body.id, /^0ua[A-Za-z0-9]{17}$/);
    assert.equal(created.body.externalId, recorded.externalId);
    assert.equal(created.body.created, "2026-05-13T05:52:24.000Z");
    assert.deepEqual(created.body.profile, recorded.profile);
    const got = await h.api("GET", `/users/${recorded.externalId}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, created.body);
  });

  it("answers a create that reactivates a bulk-deleted user with the reactivated user", async () => {
    await h.api("POST", "/users", USER);
    h.emulator.users()[0]!.status = "DEACTIVATED";
    const profile = { ...USER.profile, firstName: "Again" };
    const created = await h.api("POST", "/users", { ...USER, profile });
    assert.equal(created.status, 200);
    assert.deepEqual(created.body.profile, profile);
    assert.deepEqual((await h.api("GET", userPath)).body, created.body);
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

  it("deletes with 200 and an empty body (as recorded), then the user is gone (404) and out of its groups", async () => {
    await h.api("POST", "/users", USER);
    const { body: group } = await h.api("POST", "/groups", {
      externalId: "G1",
      profile: { displayName: "G" },
    });
    await h.api("POST", `/groups/${group.id}/membership`, { memberExternalId: USER.externalId });
    assertRecordedEmpty(await h.api("DELETE", userPath), userDeletedFixture);
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

  it("deletes with 200 and an empty body (as recorded), then 404", async () => {
    const { body: created } = await h.api("POST", "/groups", GROUP);
    assertRecordedEmpty(await h.api("DELETE", `/groups/${created.id}`), groupDeletedFixture);
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

  /** A `Link` value with the page URL, cursor and limit abstracted, to compare ours with the recorded one. */
  const linkShape = (link: string | null | undefined): string | undefined =>
    link?.replace(/<[^>?]+\?after=[^&>]+&limit=\d+>/g, "<{page}?after={cursor}&limit={limit}>");

  it("pages members with only a rel=next Link (absolute URL) while more remain, no Link on the last page, as recorded", async () => {
    const [recordedFirst, recordedLast] = membershipPagesFixture.pages;
    const groupId = await groupWithMembers(5);
    const seen: string[] = [];
    const links: (string | null)[] = [];
    let path: string | undefined = `/api/v1/identity-sources/${h.isId}/groups/${groupId}/membership?limit=2`;
    while (path) {
      const page = await h.call("GET", path);
      assert.equal(page.status, 200);
      seen.push(...page.body.memberExternalIds);
      const link = page.headers.get("link");
      links.push(link);
      const next = /^<([^>]+)>; rel="next"$/.exec(link ?? "")?.[1];
      if (next) assert.ok(next.startsWith(h.emulator.url), next);
      path = next?.slice(h.emulator.url.length);
    }
    assert.deepEqual(links.map(linkShape), [
      linkShape(recordedFirst!.headers.Link),
      linkShape(recordedFirst!.headers.Link),
      linkShape(recordedLast!.headers.Link),
    ]);
    assert.equal(links[2], null, "the last page has no Link header at all");
    assert.deepEqual(
      seen,
      Array.from({ length: 5 }, (_, i) => aUser(i).externalId),
    );
  });

  it("returns everything on one page without a Link header when the page holds all members, even exactly", async () => {
    await groupWithMembers(3);
    for (const query of ["", "?limit=3"]) {
      const page = await h.api("GET", `/groups/G/membership${query}`);
      assert.equal(page.body.memberExternalIds.length, 3);
      assert.equal(page.headers.get("link"), null);
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
