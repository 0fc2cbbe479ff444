/**
 * The three record kinds against the emulator, through the real client and a provider context (configured
 * as `configure()` would): CRUD, 404s, drift, adoption, and the large-group membership read with its API call
 * count. Records made "out of band" go straight to the emulator over HTTP.
 */
import assert from "node:assert/strict";
import { startEmulator } from "../../src/emulator";
import { callIdentitySource } from "../emulator/support";
import {
  CANARY_EMAIL,
  CANARY_TOKEN,
  captureConsole,
  configureProvider,
  groupKind as groups,
  membershipKind as memberships,
  providerContext,
  rejectionOf,
  userKind as users,
} from "./support";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe("record providers against the emulator", function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let isId: string;

  const api = (method: string, path: string, body?: unknown) =>
    callIdentitySource({ url: emulator.url, isId, token: CANARY_TOKEN }, method, path, body);
  const requestsSince = (mark: number, method: string, suffix: string) =>
    emulator.requests.slice(mark).filter((r) => r.method === method && r.path.endsWith(suffix));

  const profile = { userName: CANARY_EMAIL, email: CANARY_EMAIL, firstName: "Cora", lastName: "Canary" };
  const userInputs = (externalId: string, extra: Record<string, unknown> = {}) => ({
    identitySourceId: isId,
    externalId,
    profile,
    resourceName: `user-${externalId}`,
    ...extra,
  });

  before(async () => {
    emulator = await startEmulator({ apiToken: CANARY_TOKEN });
    isId = emulator.identitySourceId;
  });
  beforeEach(() => configureProvider(emulator.url));
  after(async () => {
    providerContext.reset();
    await emulator?.close();
  });

  describe("IdentitySourceUser", () => {
    it("creates, reads, shows drift, restores, deletes, and then reads the user as gone", async () => {
      const created = await users.create(userInputs("U-CRUD"));
      assert.equal(created.id, `${isId}/U-CRUD`);
      assert.match(created.outs["oktaUserId"] as string, /^0ua[A-Za-z0-9]{17}$/);
      const id = created.id;

      const same = await users.read(id, created.outs);
      assert.deepEqual(same.props, created.outs);
      assert.equal((await users.diff(id, same.props, userInputs("U-CRUD"))).changes, false);

      await api("PUT", "/users/U-CRUD", {
        profile: { userName: CANARY_EMAIL, email: CANARY_EMAIL, mobilePhone: "555" },
      });
      const drifted = await users.read(id, created.outs);
      assert.deepEqual(drifted.inputs?.["profile"], {
        email: CANARY_EMAIL,
        mobilePhone: "555",
        userName: CANARY_EMAIL,
      });
      assert.equal(drifted.inputs?.["resourceName"], "user-U-CRUD");
      assert.equal((await users.diff(id, drifted.props, userInputs("U-CRUD"))).changes, true);

      const restored = await users.update(id, drifted.props, userInputs("U-CRUD"));
      assert.deepEqual(restored.outs?.["profile"], { ...profile });
      const wire = await api("GET", "/users/U-CRUD");
      assert.equal(wire.body.profile.mobilePhone ?? null, null, "the attribute added out of band is cleared");

      await users.delete(id, restored.outs);
      assert.equal((await api("GET", "/users/U-CRUD")).status, 404);
      assert.deepEqual(await users.read(id, restored.outs), {});
      const { lines } = await captureConsole(() => users.delete(id, restored.outs));
      assert.deepEqual(lines, ["user-U-CRUD: the user was already gone from Okta"]);
    });

    it("refuses to take over an existing user without adoptExisting, and adopts it with the declared profile", async () => {
      await api("POST", "/users", {
        externalId: "U-ADOPT",
        profile: { userName: "x@example.com", email: "x@example.com" },
      });
      const error = await rejectionOf(users.create(userInputs("U-ADOPT")));
      assert.match(error.message, /already exists .* set `adoptExisting: true`/);
      assert.ok(!error.message.includes(CANARY_TOKEN) && !error.message.includes(CANARY_EMAIL));

      const { result, lines } = await captureConsole(() =>
        users.create(userInputs("U-ADOPT", { adoptExisting: true })),
      );
      assert.deepEqual(result.outs["profile"], { ...profile });
      assert.equal(result.outs["adoptExisting"], true);
      assert.deepEqual(lines, ["user-U-ADOPT: adopted the existing user and applied the declared profile"]);
      assert.equal((await api("GET", "/users/U-ADOPT")).body.profile.firstName, "Cora");
    });
  });

  describe("IdentitySourceGroup", () => {
    const groupInputs = (extra: Record<string, unknown> = {}) => ({
      identitySourceId: isId,
      externalId: "G-CRUD",
      profile: { displayName: "Engineering", description: "Engineering team group" },
      resourceName: "eng",
      ...extra,
    });

    it("creates with Okta's id, shows drift, updates by POST, deletes, and reads the group as gone", async () => {
      const created = await groups.create(groupInputs());
      assert.equal(created.outs["oktaGroupId"], created.id);
      assert.equal((await api("GET", `/groups/${created.id}`)).body.externalId, "G-CRUD");

      await api("POST", `/groups/${created.id}`, {
        externalId: "G-CRUD",
        profile: { displayName: "Renamed" },
      });
      const drifted = await groups.read(created.id, created.outs);
      assert.deepEqual(drifted.inputs?.["profile"], { displayName: "Renamed" });
      assert.equal((await groups.diff(created.id, drifted.props, groupInputs())).changes, true);

      const updated = await groups.update(
        created.id,
        drifted.props,
        groupInputs({ profile: { displayName: "Eng" } }),
      );
      assert.deepEqual(updated.outs?.["profile"], { displayName: "Eng" });

      await groups.delete(created.id, updated.outs);
      assert.deepEqual(await groups.read(created.id, updated.outs), {});
      const { lines } = await captureConsole(() => groups.delete(created.id, updated.outs));
      assert.deepEqual(lines, ["eng: the group was already gone from Okta"]);
    });

    it("adopts an existing group found by external id", async () => {
      const existing = await api("POST", "/groups", {
        externalId: "G-ADOPT",
        profile: { displayName: "Old" },
      });
      await assert.rejects(groups.create(groupInputs({ externalId: "G-ADOPT" })), /adoptExisting: true/);
      const { result } = await captureConsole(() =>
        groups.create(groupInputs({ externalId: "G-ADOPT", adoptExisting: true })),
      );
      assert.equal(result.id, existing.body.id);
      assert.equal((await api("GET", "/groups/G-ADOPT")).body.profile.displayName, "Engineering");
    });
  });

  describe("IdentitySourceGroupMembership", () => {
    const MEMBERS = 2_500;
    const ids = Array.from({ length: MEMBERS }, (_, i) => `M${String(i).padStart(4, "0")}`);
    const keys = (member: string) => ({
      identitySourceId: isId,
      groupOrExternalId: "G-BIG",
      memberExternalId: member,
    });
    const idOf = (member: string) => `${isId}/G-BIG/${member}`;

    /** A group with `members`, seeded through the emulator's live state (5,000 HTTP calls would dominate). */
    const seedGroup = async (externalId: string, members: string[]) => {
      const group = await api("POST", "/groups", { externalId, profile: { displayName: externalId } });
      const source = emulator.state.sources.get(isId)!;
      for (const member of members) {
        source.users.set(member, {
          id: `0ua${member}`,
          externalId: member,
          status: "ACTIVE",
          createdAt: 0,
          lastUpdatedAt: 0,
          profile: { userName: `${member}@example.com`, email: `${member}@example.com` },
        });
      }
      source.memberships.set(group.body.id as string, new Set(members));
    };

    before(() => seedGroup("G-BIG", ids));

    it("finds a member on the third page of a 2,500-member group with three listing requests", async () => {
      const mark = emulator.requests.length;
      const read = await memberships.read(idOf("M2400"), keys("M2400"));
      assert.equal(read.id, idOf("M2400"));
      const listings = requestsSince(mark, "GET", "/groups/G-BIG/membership");
      assert.deepEqual(
        listings.map((r) => new URLSearchParams(r.query).get("limit")),
        ["1000", "1000", "1000"],
      );
    });

    it("refreshes 1,000 memberships of one group with one listing of 3 requests in total", async () => {
      const mark = emulator.requests.length;
      const reads = await Promise.all(ids.slice(0, 1000).map((m) => memberships.read(idOf(m), keys(m))));
      assert.ok(reads.every((r, i) => r.id === idOf(ids[i]!)));
      const calls = emulator.requests.slice(mark);
      console.log(
        `      API calls for a refresh of 1,000 memberships of a 2,500-member group: ${calls.length}`,
      );
      assert.equal(calls.length, 3, "one listing (3 pages of 1,000), shared by every read");
    });

    it("refreshes 1,000 memberships of a 1,000-member group with exactly one API call", async () => {
      await seedGroup("G-1000", ids.slice(0, 1000));
      providerContext.memberships.clear();
      const mark = emulator.requests.length;
      const reads = await Promise.all(
        ids
          .slice(0, 1000)
          .map((m) => memberships.read(`${isId}/G-1000/${m}`, { ...keys(m), groupOrExternalId: "G-1000" })),
      );
      assert.equal(reads.filter((r) => r.id !== undefined).length, 1000);
      assert.equal(emulator.requests.length - mark, 1);
    });

    it("creates and deletes a membership, dropping the cached listing so the next read sees the change", async () => {
      await api("POST", "/users", {
        externalId: "M-NEW",
        profile: { userName: "new@example.com", email: "new@example.com" },
      });
      assert.deepEqual(
        await memberships.read(idOf("M-NEW"), keys("M-NEW")),
        {},
        "not a member yet (listing cached)",
      );
      const created = await memberships.create({ ...keys("M-NEW"), resourceName: "m" });
      assert.equal(created.id, idOf("M-NEW"));
      assert.equal((await memberships.read(created.id, created.outs)).id, created.id);
      await memberships.delete(created.id, created.outs);
      assert.deepEqual(await memberships.read(created.id, created.outs), {});
    });

    it("explains a membership whose user does not exist", async () => {
      const error = await rejectionOf(memberships.create({ ...keys("NOBODY"), resourceName: "m" }));
      assert.match(
        error.message,
        new RegExp(
          `^m: cannot add member "NOBODY" to group "G-BIG": the group or the user does not exist in identity source ${isId} \\(POST `,
        ),
      );
    });

    it("reads a membership as gone when its group is deleted", async () => {
      const group = await api("POST", "/groups", { externalId: "G-GONE", profile: { displayName: "Gone" } });
      await api("POST", "/groups/G-GONE/membership", { memberExternalId: "M0001" });
      const k = { ...keys("M0001"), groupOrExternalId: "G-GONE" };
      assert.equal((await memberships.read(`${isId}/G-GONE/M0001`, k)).id, `${isId}/G-GONE/M0001`);
      await api("DELETE", `/groups/${group.body.id}`);
      providerContext.memberships.clear();
      assert.deepEqual(await memberships.read(`${isId}/G-GONE/M0001`, k), {});
    });
  });

  describe("direct creates when nothing exists yet", () => {
    it("cost one request each: a user, a group and a membership", async () => {
      const requests = async (fn: () => Promise<unknown>) => {
        const mark = emulator.requests.length;
        await fn();
        return emulator.requests
          .slice(mark)
          .map((r) => `${r.method} ${r.path.replace(/^.*\/identity-sources\/[^/]+/, "")}`);
      };
      const user = await requests(() => users.create(userInputs("U-ONE")));
      // The emulator answers as Okta's recorded traffic does (200 with the user), so no read-back.
      assert.deepEqual(user, ["POST /users"]);
      const group = await requests(() =>
        groups.create({ identitySourceId: isId, externalId: "G-ONE", profile: { displayName: "One" } }),
      );
      assert.deepEqual(group, ["POST /groups"]);
      const membership = await requests(() =>
        memberships.create({ identitySourceId: isId, groupOrExternalId: "G-ONE", memberExternalId: "U-ONE" }),
      );
      assert.deepEqual(membership, ["POST /groups/G-ONE/membership"]);
    });
  });

  describe("an identity source that does not exist (wrong org, mistyped or deleted source)", () => {
    // Every record of it answers 404 too: taking that as "gone" would drop every live record from state on
    // refresh (and the next up would refuse them all as "already exists"), or forget them on destroy.
    const MISSING = "0oaDOESNOTEXIST0001";
    const notFound = new RegExp(`identity source ${MISSING} was not found in Okta .*okta:orgUrl`);

    it("fails a refresh or a delete of any record kind instead of reporting the record gone", async () => {
      const user = { identitySourceId: MISSING, externalId: "U1", profile };
      await assert.rejects(users.read(`${MISSING}/U1`, user), notFound);
      await assert.rejects(users.delete(`${MISSING}/U1`, user), notFound);
      const group = { identitySourceId: MISSING, externalId: "G1", profile: { displayName: "G" } };
      await assert.rejects(groups.read("00gMISSING", group), notFound);
      await assert.rejects(groups.delete("00gMISSING", group), notFound);
      const membership = { identitySourceId: MISSING, groupOrExternalId: "G1", memberExternalId: "U1" };
      await assert.rejects(memberships.read(`${MISSING}/G1/U1`, membership), notFound);
      await assert.rejects(memberships.delete(`${MISSING}/G1/U1`, membership), notFound);
    });

    it("says how to remove records of an identity source deleted on purpose", async () => {
      const user = { identitySourceId: MISSING, externalId: "U1", profile };
      await assert.rejects(
        users.delete(`${MISSING}/U1`, user),
        /deleted on purpose.*`pulumi state delete <urn>`/,
      );
    });

    it("checks an existing identity source once per process, however many records are gone", async () => {
      const mark = emulator.requests.length;
      for (const externalId of ["GONE1", "GONE2", "GONE3"]) {
        assert.deepEqual(await users.read(`${isId}/${externalId}`, userInputs(externalId)), {});
      }
      assert.equal(requestsSince(mark, "GET", "/sessions").length <= 1, true);
    });
  });
});
