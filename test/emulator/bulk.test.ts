import assert from "node:assert/strict";
import { aUser, assertOktaError, causesOf, useEmulator, type Harness } from "./support";

const users = (n: number, from = 0) => ({
  entityType: "USERS",
  profiles: Array.from({ length: n }, (_, i) => aUser(from + i)),
});

async function newSession(h: Harness): Promise<string> {
  const reply = await h.api("POST", "/sessions");
  assert.equal(reply.status, 201);
  return reply.body.id as string;
}

describe("emulator bulk uploads", () => {
  const h = useEmulator();

  it("accepts each of the six uploads with 202 and an empty body", async () => {
    const id = await newSession(h);
    const uploads: [string, unknown][] = [
      ["bulk-upsert", users(1)],
      ["bulk-delete", { entityType: "USERS", profiles: [{ externalId: "USEREXT000000" }] }],
      ["bulk-groups-upsert", { profiles: [{ externalId: "G1", profile: { displayName: "One" } }] }],
      ["bulk-groups-delete", { externalIds: ["G1"] }],
      [
        "bulk-group-memberships-upsert",
        { memberships: [{ groupExternalId: "G1", memberExternalIds: ["U"] }] },
      ],
      [
        "bulk-group-memberships-delete",
        { memberships: [{ groupExternalId: "G1", memberExternalIds: ["U"] }] },
      ],
    ];
    for (const [kind, body] of uploads) {
      const reply = await h.api("POST", `/sessions/${id}/${kind}`, body);
      assert.equal(reply.status, 202, `${kind}: ${reply.text}`);
      assert.equal(reply.text, "");
      assert.equal(reply.headers.get("content-type"), null);
    }
    assert.equal(h.emulator.sessions()[0]?.uploadCount, 6);
  });

  it("answers malformed or empty JSON with 400 E0000003", async () => {
    const id = await newSession(h);
    const bad = await h.api("POST", `/sessions/${id}/bulk-upsert`, "{not json");
    assert.equal(assertOktaError(bad, 400, "E0000003").errorSummary, "The request body was not well-formed.");
    assertOktaError(await h.api("POST", `/sessions/${id}/bulk-upsert`), 400, "E0000003");
    assert.equal(h.emulator.sessions()[0]?.status, "CREATED");
  });

  it("requires entityType USERS on user uploads", async () => {
    const id = await newSession(h);
    for (const entityType of ["", "GROUPS"]) {
      const body = assertOktaError(
        await h.api("POST", `/sessions/${id}/bulk-upsert`, { ...users(1), entityType }),
        400,
        "E0000001",
      );
      assert.equal(body.errorSummary, "Api validation failed: entityType");
      assert.deepEqual(causesOf(body), ["entityType: The field entityType is not valid."]);
    }
    const missing = { profiles: [{ externalId: "X" }] };
    assertOktaError(await h.api("POST", `/sessions/${id}/bulk-delete`, missing), 400, "E0000001");
  });

  it("rejects empty arrays and over-long strings, naming the field but not the value", async () => {
    const id = await newSession(h);
    assertOktaError(
      await h.api("POST", `/sessions/${id}/bulk-groups-delete`, { externalIds: [] }),
      400,
      "E0000001",
    );
    const longName = "x".repeat(51);
    const body = assertOktaError(
      await h.api("POST", `/sessions/${id}/bulk-upsert`, {
        entityType: "USERS",
        profiles: [aUser(1, { firstName: longName })],
      }),
      400,
      "E0000001",
    );
    assert.equal(body.errorSummary, "Api validation failed: profiles[0].profile.firstName");
    assert.ok(!JSON.stringify(body).includes(longName));
    const longGroupId = { externalIds: ["g".repeat(256)] };
    assertOktaError(await h.api("POST", `/sessions/${id}/bulk-groups-delete`, longGroupId), 400, "E0000001");
    const badEmail = { entityType: "USERS", profiles: [aUser(1, { email: "not-an-email" })] };
    assertOktaError(await h.api("POST", `/sessions/${id}/bulk-upsert`, badEmail), 400, "E0000001");
    const notString = { entityType: "USERS", profiles: [{ externalId: "U1", profile: { costCenter: 7 } }] };
    assertOktaError(await h.api("POST", `/sessions/${id}/bulk-upsert`, notString), 400, "E0000001");
  });

  it("accepts custom string attributes and explicit nulls in user profiles", async () => {
    const id = await newSession(h);
    const body = { entityType: "USERS", profiles: [aUser(1, { costCenter: "42", mobilePhone: null })] };
    assert.equal((await h.api("POST", `/sessions/${id}/bulk-upsert`, body)).status, 202);
  });

  it("allows 200 entities per upload and refuses 201", async () => {
    const id = await newSession(h);
    assert.equal((await h.api("POST", `/sessions/${id}/bulk-upsert`, users(200))).status, 202);
    const body = assertOktaError(
      await h.api("POST", `/sessions/${id}/bulk-upsert`, users(201)),
      400,
      "E0000001",
    );
    assert.match(causesOf(body)[0] ?? "", /at most 200 entities/);
  });

  it("counts every member id of a membership upload toward the 200", async () => {
    const id = await newSession(h);
    const members = (n: number) => Array.from({ length: n }, (_, i) => `U${i}`);
    const ok = {
      memberships: [
        { groupExternalId: "A", memberExternalIds: members(100) },
        { groupExternalId: "B", memberExternalIds: members(100) },
      ],
    };
    assert.equal((await h.api("POST", `/sessions/${id}/bulk-group-memberships-upsert`, ok)).status, 202);
    const tooMany = {
      memberships: [
        { groupExternalId: "A", memberExternalIds: members(150) },
        { groupExternalId: "B", memberExternalIds: members(51) },
      ],
    };
    assertOktaError(
      await h.api("POST", `/sessions/${id}/bulk-group-memberships-delete`, tooMany),
      400,
      "E0000001",
    );
  });

  it("refuses a body over 200 × 1024 bytes", async () => {
    const id = await newSession(h);
    const big = { entityType: "USERS", profiles: [aUser(1, { homeAddress: "a".repeat(4096) })] };
    const many = {
      entityType: "USERS",
      profiles: Array.from({ length: 50 }, (_, i) => aUser(i, { homeAddress: "a".repeat(4096) })),
    };
    assert.equal((await h.api("POST", `/sessions/${id}/bulk-upsert`, big)).status, 202);
    assert.ok(JSON.stringify(many).length > 200 * 1024);
    const body = assertOktaError(await h.api("POST", `/sessions/${id}/bulk-upsert`, many), 400, "E0000001");
    assert.match(causesOf(body)[0] ?? "", /204800 bytes/);
  });

  it("accepts 50 uploads per session and refuses the 51st", async () => {
    const id = await newSession(h);
    for (let i = 0; i < 50; i++) {
      assert.equal((await h.api("POST", `/sessions/${id}/bulk-upsert`, users(1, i))).status, 202);
    }
    const body = assertOktaError(
      await h.api("POST", `/sessions/${id}/bulk-upsert`, users(1, 99)),
      400,
      "E0000001",
    );
    assert.match(causesOf(body)[0] ?? "", /at most 50 bulk requests/);
  });

  it("refuses uploads once the session is TRIGGERED, and 404s for an unknown session", async () => {
    const id = await newSession(h);
    await h.api("POST", `/sessions/${id}/bulk-upsert`, users(1));
    await h.api("POST", `/sessions/${id}/start-import`);
    const body = assertOktaError(
      await h.api("POST", `/sessions/${id}/bulk-upsert`, users(1)),
      400,
      "E0000001",
    );
    assert.match(causesOf(body)[0] ?? "", /CREATED or IN_PROGRESS/);
    assertOktaError(
      await h.api("POST", "/sessions/apsUNKNOWN0000000000/bulk-upsert", users(1)),
      404,
      "E0000007",
    );
  });

  it("leaves the session CREATED after a delete naming only unknown ids, so it cannot be triggered", async () => {
    const id = await newSession(h);
    const unknownOnly = { entityType: "USERS", profiles: [{ externalId: "NOBODY" }] };
    assert.equal((await h.api("POST", `/sessions/${id}/bulk-delete`, unknownOnly)).status, 202);
    assert.equal(
      (await h.api("POST", `/sessions/${id}/bulk-groups-delete`, { externalIds: ["NOGROUP"] })).status,
      202,
    );
    assert.equal((await h.api("GET", `/sessions/${id}`)).body.status, "CREATED");
    assertOktaError(await h.api("POST", `/sessions/${id}/start-import`), 400, "E0000001");
    // A delete of a user upserted earlier in the same session does stage.
    await h.api("POST", `/sessions/${id}/bulk-upsert`, users(1));
    const known = { entityType: "USERS", profiles: [{ externalId: aUser(0).externalId }] };
    assert.equal((await h.api("POST", `/sessions/${id}/bulk-delete`, known)).status, 202);
    assert.equal(h.emulator.sessions()[0]?.uploads.length, 2);
  });
});
