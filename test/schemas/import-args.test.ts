import assert from "node:assert/strict";
import { planImport } from "../../src/import/plan";
import { NOTHING_TO_DO } from "../../src/schemas/import-args-rules";
import {
  BLOCK_ENVELOPES,
  checkImportArgs,
  IMPORT_BLOCKS,
  IMPORT_DEFAULTS,
  ImportArgs,
  type ImportArgsInput,
} from "../../src/schemas/import-args";
import { UNKNOWN } from "../../src/schemas/unknown";
import { aGroup, aMembership, anImport, aUser, groupId, users, userId } from "../helpers/builders";

/** The failures of `checkImportArgs`, as [property, reason] pairs. */
const failuresOf = (news: unknown): [string, string][] =>
  checkImportArgs(news).failures.map((f) => [f.property, f.reason]);

const UNKNOWN_KEY = "unknown key (not an argument of this resource)";

describe("checkImportArgs", () => {
  it("accepts a job with one block and fills in the documented defaults", () => {
    const result = checkImportArgs(anImport({ upsertUsers: { profiles: users(2) } }));
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.inputs, {
      identitySourceId: "0oa3l6l6WK6h0R0QW0g4",
      upsertUsers: { entityType: "USERS", profiles: users(2) },
      membershipPacking: "members",
      ...IMPORT_DEFAULTS,
    });
    assert.deepEqual(IMPORT_DEFAULTS, {
      waitForCompletion: true,
      completionTimeoutSeconds: 1800,
      activeSessionWaitSeconds: 900,
      pollIntervalSeconds: 10,
      staleSessionSeconds: 3600,
      uploadMode: "changes",
      prune: false,
    });
  });

  it("fails staleSessionSeconds not above activeSessionWaitSeconds (defaults included), at staleSessionSeconds", () => {
    const job = { deleteGroups: { externalIds: [groupId(1)] } };
    const reason =
      "must be greater than activeSessionWaitSeconds (900): otherwise a session of another party that is quiet " +
      "while this job waits for it would be taken as abandoned and cancelled; raise staleSessionSeconds or " +
      "lower activeSessionWaitSeconds";
    assert.deepEqual(failuresOf(anImport({ ...job, staleSessionSeconds: 900 })), [
      ["staleSessionSeconds", reason],
    ]);
    assert.deepEqual(failuresOf(anImport({ ...job, staleSessionSeconds: 600 })), [
      ["staleSessionSeconds", reason],
    ]);
    assert.deepEqual(
      failuresOf(anImport({ ...job, activeSessionWaitSeconds: 7200 })).map(([p]) => p),
      ["staleSessionSeconds"],
    );
    assert.deepEqual(failuresOf(anImport({ ...job, staleSessionSeconds: 901 })), []);
    assert.deepEqual(failuresOf(anImport({ ...job, staleSessionSeconds: UNKNOWN as never })), []);
    assert.deepEqual(failuresOf(anImport({ ...job, activeSessionWaitSeconds: UNKNOWN as never })), []);
    assert.throws(
      () => ImportArgs.parse(anImport({ ...job, staleSessionSeconds: 900 })),
      /staleSessionSeconds/,
    );
  });

  it("accepts every block and knob together", () => {
    const args: ImportArgsInput = anImport({
      upsertUsers: { entityType: "USERS", profiles: [aUser(1, { profile: { costCenter: "CC-7" } })] },
      deleteUsers: { profiles: [{ externalId: userId(2) }] },
      upsertGroups: { profiles: [aGroup(1, { description: "Eng" })] },
      deleteGroups: { externalIds: [groupId(2)] },
      upsertGroupMemberships: { memberships: [aMembership(1, [1])] },
      deleteGroupMemberships: { memberships: [aMembership(3, [1])] },
      waitForCompletion: false,
      completionTimeoutSeconds: 60,
      activeSessionWaitSeconds: 0,
      pollIntervalSeconds: 2.5,
      staleSessionSeconds: 60,
      maxDeletes: 3,
      triggers: { release: "2026.09" },
    });
    assert.deepEqual(failuresOf(args), []);
  });

  it("ignores the __provider key that Pulumi adds to every dynamic resource's inputs", () => {
    const result = checkImportArgs({
      ...anImport({ deleteGroups: { externalIds: [groupId(1)] } }),
      __provider: "x",
    });
    assert.deepEqual(result.failures, []);
    assert.equal(result.inputs && "__provider" in result.inputs, false);
  });

  it("fails a job with no block, at the top level", () => {
    assert.deepEqual(failuresOf(anImport({ triggers: { a: "b" } })), [["", NOTHING_TO_DO]]);
    assert.match(
      NOTHING_TO_DO,
      /upsertUsers, deleteUsers, upsertGroups, deleteGroups, upsertGroupMemberships/,
    );
  });

  it("fails empty blocks and empty member lists, naming the block to leave out", () => {
    assert.deepEqual(
      failuresOf(
        anImport({
          upsertUsers: { profiles: [] },
          deleteGroups: { externalIds: [] },
          deleteGroupMemberships: { memberships: [] },
          upsertGroupMemberships: { memberships: [{ groupExternalId: groupId(1), memberExternalIds: [] }] },
        }),
      ),
      [
        ["upsertUsers.profiles", "must list at least one user; leave upsertUsers out instead"],
        ["deleteGroups.externalIds", "must list at least one group id; leave deleteGroups out instead"],
        ["upsertGroupMemberships.memberships[0].memberExternalIds", "must list at least one member"],
        [
          "deleteGroupMemberships.memberships",
          "must list at least one membership; leave deleteGroupMemberships out instead",
        ],
      ],
    );
  });

  it("fails empty and over-long external ids with their limits", () => {
    assert.deepEqual(
      failuresOf(
        anImport({
          upsertUsers: {
            profiles: [aUser(1, { externalId: "" }), aUser(2, { externalId: "u".repeat(513) })],
          },
          upsertGroups: { profiles: [aGroup(1, { externalId: "g".repeat(256) })] },
          deleteGroups: { externalIds: [""] },
          upsertGroupMemberships: {
            memberships: [{ groupExternalId: groupId(1), memberExternalIds: ["m".repeat(256)] }],
          },
        }),
      ),
      [
        ["upsertUsers.profiles[0].externalId", "must not be empty"],
        ["upsertUsers.profiles[1].externalId", "must be at most 512 characters"],
        ["upsertGroups.profiles[0].externalId", "must be at most 255 characters"],
        ["deleteGroups.externalIds[0]", "must not be empty"],
        ["upsertGroupMemberships.memberships[0].memberExternalIds[0]", "must be at most 255 characters"],
      ],
    );
  });

  it("fails profile values by their path", () => {
    assert.deepEqual(
      failuresOf(
        anImport({
          upsertUsers: { profiles: [aUser(1), aUser(2, { profile: { email: "not-an-email" } })] },
          upsertGroups: { profiles: [aGroup(1, { displayName: "" })] },
        }),
      ),
      [
        ["upsertUsers.profiles[1].profile.email", "must be an email address"],
        ["upsertGroups.profiles[0].groupProfile.displayName", "must not be empty"],
      ],
    );
  });

  it("fails an entityType other than USERS and misspelt keys at every level", () => {
    const args = {
      identitySourceId: "0oa3l6l6WK6h0R0QW0g4",
      upsertUsers: { entityType: "GROUPS", profiles: [{ ...aUser(1), extra: 1 }] },
      upsertGroup: {},
    };
    assert.deepEqual(failuresOf(args), [
      ["upsertUsers.entityType", 'must be "USERS" (the only entity type Okta accepts)'],
      ["upsertUsers.profiles[0].extra", UNKNOWN_KEY],
      ["upsertGroup", UNKNOWN_KEY],
    ]);
  });

  it("fails knobs outside their ranges", () => {
    assert.deepEqual(
      failuresOf(
        anImport({
          deleteGroups: { externalIds: [groupId(1)] },
          completionTimeoutSeconds: 0,
          activeSessionWaitSeconds: 1.5,
          pollIntervalSeconds: 0.5,
          staleSessionSeconds: 30,
          maxDeletes: -1,
          triggers: { release: 7 as unknown as string },
        }),
      ),
      [
        ["completionTimeoutSeconds", "must be at least 1"],
        ["activeSessionWaitSeconds", "must be a whole number of seconds"],
        ["pollIntervalSeconds", "must be at least 1"],
        ["staleSessionSeconds", "must be at least 60"],
        ["maxDeletes", "must be at least 0"],
        ["triggers.release", "trigger values must be strings"],
      ],
    );
  });

  it("fails a duplicate user id at the later record, naming the earlier one", () => {
    assert.deepEqual(failuresOf(anImport({ upsertUsers: { profiles: [aUser(1), aUser(2), aUser(1)] } })), [
      ["upsertUsers.profiles[2].externalId", "duplicate externalId; also at upsertUsers.profiles[0]"],
    ]);
    assert.deepEqual(
      failuresOf(
        anImport({
          deleteUsers: { profiles: [{ externalId: "A" }, { externalId: "B" }, { externalId: "B" }] },
        }),
      ),
      [["deleteUsers.profiles[2].externalId", "duplicate externalId; also at deleteUsers.profiles[1]"]],
    );
  });

  it("fails duplicate group ids in upserts and deletes", () => {
    assert.deepEqual(
      failuresOf(
        anImport({
          upsertGroups: { profiles: [aGroup(1), aGroup(1, { displayName: "Other" })] },
          deleteGroups: { externalIds: [groupId(5), groupId(6), groupId(5)] },
        }),
      ),
      [
        ["upsertGroups.profiles[1].externalId", "duplicate externalId; also at upsertGroups.profiles[0]"],
        ["deleteGroups.externalIds[2]", "duplicate external id; also at deleteGroups.externalIds[0]"],
      ],
    );
  });

  it("fails a membership listed twice, within one entry or across entries of the same group", () => {
    assert.deepEqual(
      failuresOf(
        anImport({
          upsertGroupMemberships: {
            memberships: [aMembership(1, [1, 2, 1]), aMembership(2, [1]), aMembership(1, [3, 2])],
          },
        }),
      ),
      [
        [
          "upsertGroupMemberships.memberships[0].memberExternalIds[2]",
          "duplicate membership; also at upsertGroupMemberships.memberships[0].memberExternalIds[0]",
        ],
        [
          "upsertGroupMemberships.memberships[2].memberExternalIds[1]",
          "duplicate membership; also at upsertGroupMemberships.memberships[0].memberExternalIds[1]",
        ],
      ],
    );
  });

  it("accepts the same group in several entries when no membership repeats", () => {
    assert.deepEqual(
      failuresOf(
        anImport({ deleteGroupMemberships: { memberships: [aMembership(1, [1]), aMembership(1, [2])] } }),
      ),
      [],
    );
  });

  it("fails a user, group or membership that is both upserted and deleted, at the delete", () => {
    assert.deepEqual(
      failuresOf(
        anImport({
          upsertUsers: { profiles: [aUser(1), aUser(2)] },
          deleteUsers: { profiles: [{ externalId: userId(2) }] },
          upsertGroups: { profiles: [aGroup(7)] },
          deleteGroups: { externalIds: [groupId(8), groupId(7)] },
          upsertGroupMemberships: { memberships: [aMembership(7, [1, 2])] },
          deleteGroupMemberships: { memberships: [aMembership(7, [3]), aMembership(7, [2])] },
        }),
      ),
      [
        [
          "deleteUsers.profiles[0].externalId",
          "user is also upserted at upsertUsers.profiles[1]; one job cannot upsert and delete the same user",
        ],
        [
          "deleteGroups.externalIds[1]",
          "group is also upserted at upsertGroups.profiles[0]; one job cannot upsert and delete the same group",
        ],
        [
          "deleteGroupMemberships.memberships[1].memberExternalIds[0]",
          "membership is also added at upsertGroupMemberships.memberships[0].memberExternalIds[1]; " +
            "one job cannot add and remove the same membership",
        ],
      ],
    );
  });

  it("fails a job that deletes more than maxDeletes, counting users, groups and memberships", () => {
    const deletes = {
      deleteUsers: { profiles: [{ externalId: userId(1) }, { externalId: userId(2) }] },
      deleteGroups: { externalIds: [groupId(1)] },
      deleteGroupMemberships: { memberships: [aMembership(2, [3, 4])] },
    };
    assert.deepEqual(failuresOf(anImport({ ...deletes, maxDeletes: 5 })), []);
    assert.deepEqual(failuresOf(anImport({ ...deletes, maxDeletes: 4 })), [
      [
        "maxDeletes",
        "the job deletes 5 records (2 users, 1 groups, 2 group memberships), more than maxDeletes (4); " +
          "raise maxDeletes if this is intended",
      ],
    ]);
    assert.deepEqual(failuresOf(anImport({ upsertUsers: { profiles: users(3) }, maxDeletes: 0 })), []);
  });

  it("fails a user too big for any upload, at its record", () => {
    const huge = aUser(2, {
      profile: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`attr${i}`, "x".repeat(4_096)])),
    });
    const [failure, ...rest] = failuresOf(anImport({ upsertUsers: { profiles: [aUser(1), huge] } }));
    assert.deepEqual(rest, []);
    assert.equal(failure?.[0], "upsertUsers.profiles[1]");
    assert.match(
      failure?.[1] ?? "",
      /^this user alone makes a 20\d,\d{3}-byte upload; Okta accepts at most 200,000 bytes/,
    );
  });

  it("accepts a large user whose attributes would take more than an upload only if every character were escaped", () => {
    const large = aUser(2, {
      profile: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`attr${i}`, "x".repeat(4_096)])),
    });
    assert.deepEqual(failuresOf(anImport({ upsertUsers: { profiles: [aUser(1), large] } })), []);
    const escaped = aUser(3, {
      profile: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`attr${i}`, "\u0001".repeat(4_096)])),
    });
    assert.deepEqual(
      failuresOf(anImport({ upsertUsers: { profiles: [escaped] } })).map(([path]) => path),
      ["upsertUsers.profiles[0]"],
    );
  });

  it("never puts an external id or profile value in a reason", () => {
    const canary = "PII-CANARY-7f3a9";
    const failures = checkImportArgs(
      anImport({
        upsertUsers: {
          profiles: [
            aUser(1, { externalId: canary }),
            aUser(2, { externalId: canary, profile: { email: canary } }),
          ],
        },
        deleteUsers: { profiles: [{ externalId: canary }] },
        maxDeletes: 0,
      }),
    ).failures;
    assert.ok(failures.length >= 3);
    for (const f of failures) assert.ok(!f.reason.includes(canary) && !f.property.includes(canary), f.reason);
  });

  it("enforces the cross-record rules when ImportArgs is parsed directly", () => {
    const result = ImportArgs.safeParse(anImport({ upsertUsers: { profiles: [aUser(1), aUser(1)] } }));
    assert.equal(result.success, false);
    assert.deepEqual(
      result.error?.issues.map((i) => [i.path.join("."), i.message]),
      [["upsertUsers.profiles.1.externalId", "duplicate externalId; also at upsertUsers.profiles[0]"]],
    );
  });

  it("returns every record as the very object written, not a copy (a large job must not exist twice)", () => {
    const written = {
      upsertUsers: { profiles: users(2) },
      deleteUsers: { profiles: [{ externalId: userId(3) }] },
      upsertGroups: { profiles: [aGroup(1)] },
      deleteGroups: { externalIds: [groupId(3)] },
      upsertGroupMemberships: { memberships: [aMembership(1, [1, 2])] },
      deleteGroupMemberships: { memberships: [aMembership(2, [1])] },
    };
    const { inputs } = checkImportArgs(anImport(written));
    assert.ok(inputs);
    assert.equal(inputs.upsertUsers!.profiles[1], written.upsertUsers.profiles[1]);
    assert.equal(inputs.deleteUsers!.profiles[0], written.deleteUsers.profiles[0]);
    assert.equal(inputs.upsertGroups!.profiles[0], written.upsertGroups.profiles[0]);
    assert.equal(
      inputs.upsertGroupMemberships!.memberships[0],
      written.upsertGroupMemberships.memberships[0],
    );
    assert.equal(
      inputs.deleteGroupMemberships!.memberships[0],
      written.deleteGroupMemberships.memberships[0],
    );
  });

  it("refuses a bad record in any block, at the record's own path, as the full parse does", () => {
    const bad: Record<string, [object, string]> = {
      upsertUsers: [
        { profiles: [aUser(1), aUser(2, { profile: { email: "not-an-email" } })] },
        "upsertUsers.profiles[1].profile.email",
      ],
      deleteUsers: [{ profiles: [{ externalId: "" }] }, "deleteUsers.profiles[0].externalId"],
      upsertGroups: [
        { profiles: [{ externalId: groupId(1), groupProfile: {} }] },
        "upsertGroups.profiles[0].groupProfile.displayName",
      ],
      deleteGroups: [{ externalIds: [groupId(1), ".."] }, "deleteGroups.externalIds[1]"],
      upsertGroupMemberships: [
        { memberships: [{ groupExternalId: groupId(1), memberExternalIds: [] }] },
        "upsertGroupMemberships.memberships[0].memberExternalIds",
      ],
      deleteGroupMemberships: [
        { memberships: [{ groupExternalId: groupId(1), memberExternalIds: [7] }] },
        "deleteGroupMemberships.memberships[0].memberExternalIds[0]",
      ],
    };
    for (const block of IMPORT_BLOCKS) {
      const [value, path] = bad[block]!;
      const result = checkImportArgs(anImport({ [block]: value }));
      assert.equal(result.inputs, undefined, block);
      assert.deepEqual(
        result.failures.map((f) => f.property),
        [path],
        block,
      );
    }
  });

  it("returns inputs that plan without changes", () => {
    const { inputs } = checkImportArgs(anImport({ upsertUsers: { profiles: users(201) } }));
    assert.ok(inputs);
    assert.equal(planImport(inputs).totals.uploads, 2);
  });
});

describe("checkImportArgs with unknown values (preview)", () => {
  it("passes unknown values anywhere, without inputs, so the plan waits for apply", () => {
    const result = checkImportArgs({
      identitySourceId: UNKNOWN,
      upsertUsers: {
        profiles: [aUser(1, { profile: { email: UNKNOWN } }), { externalId: UNKNOWN, profile: UNKNOWN }],
      },
      deleteGroups: UNKNOWN,
      upsertGroupMemberships: { memberships: [{ groupExternalId: UNKNOWN, memberExternalIds: UNKNOWN }] },
      completionTimeoutSeconds: UNKNOWN,
      triggers: UNKNOWN,
    });
    assert.deepEqual(result, { failures: [] });
  });

  it("counts an unknown block as present, so the job is not empty", () => {
    assert.deepEqual(failuresOf(anImport({ upsertUsers: UNKNOWN as never })), []);
  });

  it("never calls two unknown ids duplicates", () => {
    assert.deepEqual(
      failuresOf(
        anImport({
          upsertUsers: { profiles: [aUser(1, { externalId: UNKNOWN }), aUser(2, { externalId: UNKNOWN })] },
          deleteUsers: { profiles: [{ externalId: UNKNOWN }] },
          upsertGroupMemberships: {
            memberships: [{ groupExternalId: UNKNOWN, memberExternalIds: [userId(1)] }],
          },
          deleteGroupMemberships: {
            memberships: [{ groupExternalId: UNKNOWN, memberExternalIds: [userId(1)] }],
          },
        }),
      ),
      [],
    );
  });

  it("still reports a duplicate member under an unknown group", () => {
    assert.deepEqual(
      failuresOf(
        anImport({
          upsertGroupMemberships: {
            memberships: [{ groupExternalId: UNKNOWN, memberExternalIds: [userId(1), userId(1)] }],
          },
        }),
      ),
      [
        [
          "upsertGroupMemberships.memberships[0].memberExternalIds[1]",
          "duplicate membership; also at upsertGroupMemberships.memberships[0].memberExternalIds[0]",
        ],
      ],
    );
  });

  it("still reports a known duplicate and known errors when another value is unknown", () => {
    assert.deepEqual(
      failuresOf(
        anImport({
          upsertUsers: {
            profiles: [
              aUser(1, { profile: { email: UNKNOWN } }),
              aUser(1),
              aUser(3, { profile: { email: "x" } }),
            ],
          },
        }),
      ),
      [
        ["upsertUsers.profiles[2].profile.email", "must be at least 5 characters"],
        ["upsertUsers.profiles[1].externalId", "duplicate externalId; also at upsertUsers.profiles[0]"],
      ],
    );
  });

  it("applies maxDeletes to the deletes already known, and skips it when maxDeletes is unknown", () => {
    const deleteGroups = { externalIds: [groupId(1), UNKNOWN, groupId(3)] };
    assert.deepEqual(
      failuresOf(anImport({ deleteGroups, deleteUsers: UNKNOWN as never, maxDeletes: 2 })).map(([p]) => p),
      ["maxDeletes"],
    );
    assert.deepEqual(failuresOf(anImport({ deleteGroups, maxDeletes: UNKNOWN as never })), []);
  });

  it("skips the size rule for a user with an unknown value", () => {
    const huge = aUser(2, {
      profile: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`attr${i}`, "x".repeat(4_096)])),
    });
    (huge.profile as Record<string, string>)["attr0"] = UNKNOWN;
    assert.deepEqual(failuresOf(anImport({ upsertUsers: { profiles: [huge] } })), []);
  });
});

describe("membershipPacking", () => {
  it('accepts "members" and "groups" and refuses anything else with the rule', () => {
    const job = (membershipPacking: unknown) =>
      anImport({ upsertUsers: { profiles: users(1) }, membershipPacking } as never);
    assert.equal(checkImportArgs(job("groups")).inputs?.membershipPacking, "groups");
    assert.equal(checkImportArgs(job("members")).inputs?.membershipPacking, "members");
    assert.deepEqual(failuresOf(job("group")), [["membershipPacking", 'must be "members" or "groups"']]);
  });
});

describe("BLOCK_ENVELOPES", () => {
  it("normalise a block exactly as the full parse does: records carry no defaults or transforms of their own", () => {
    const richUser = aUser(1, {
      profile: {
        secondEmail: "second@example.com",
        mobilePhone: "+1 555 0100",
        homeAddress: "1 Main St",
        costCenter: "CC-1",
      },
    });
    const written = {
      upsertUsers: { profiles: [richUser, aUser(2)] },
      deleteUsers: { entityType: "USERS" as const, profiles: [{ externalId: userId(3) }] },
      upsertGroups: {
        profiles: [
          aGroup(1, { description: "d" }),
          { externalId: groupId(2), groupProfile: { displayName: "G", description: null } },
        ],
      },
      deleteGroups: { externalIds: [groupId(3)] },
      upsertGroupMemberships: { memberships: [aMembership(1, [1, 2])] },
      deleteGroupMemberships: { memberships: [aMembership(2, [1])] },
    };
    const args = checkImportArgs(anImport(written));
    assert.deepEqual(args.failures, []);
    for (const block of IMPORT_BLOCKS)
      assert.deepEqual(BLOCK_ENVELOPES[block].parse(written[block]), args.inputs![block], block);
  });
});
