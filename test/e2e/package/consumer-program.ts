/**
 * The text of a user's program that touches every public resource, lookup and type (and one wrong type), type-checked against the
 * installed package by `typecheck.test.ts`. A string, not a module of this repo: it is compiled in the fixture
 * project, where the package resolves the way it does for users.
 */
export const CONSUMER_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as ois from "pulumi-okta-identity-source";
import { startEmulator, type Emulator } from "pulumi-okta-identity-source/emulator";
import { configure, kinds } from "pulumi-okta-identity-source/provider";

const identitySourceId = new pulumi.Config().require("identitySourceId");

const userArgs: ois.IdentitySourceUserArgs = {
  identitySourceId,
  externalId: "USEREXT1",
  profile: { userName: "ada@example.com", email: "ada@example.com", firstName: "Ada", costCenter: null },
  adoptExisting: true,
  secretProfile: false,
};
const user = new ois.IdentitySourceUser("ada", userArgs);
// The declarations are checked, not \`any\`: tsc fails on an expect-error that finds no error.
// @ts-expect-error profile attributes are strings
new ois.IdentitySourceUser("bad", { ...userArgs, profile: { userName: "b", email: "b@example.com", age: 42 } });
const group = new ois.IdentitySourceGroup("eng", {
  identitySourceId,
  externalId: "GROUPEXT1",
  profile: { displayName: "Engineering", description: pulumi.output("Builders") },
});
const membership = new ois.IdentitySourceGroupMembership("ada-eng", {
  identitySourceId,
  groupOrExternalId: group.externalId,
  memberExternalId: user.externalId,
});

const data: ois.ImportData = {
  upsertUsers: { profiles: [{ externalId: "USEREXT2", profile: { userName: "b@example.com", email: "b@example.com" } }] },
  upsertGroups: { profiles: [{ externalId: "GROUPEXT2", groupProfile: { displayName: "Ops" } }] },
  upsertGroupMemberships: { memberships: [{ groupExternalId: "GROUPEXT2", memberExternalIds: ["USEREXT2"] }] },
  deleteUsers: { profiles: [{ externalId: "USEREXT_OLD" }] },
  deleteGroups: { externalIds: ["GROUPEXT_OLD"] },
  deleteGroupMemberships: { memberships: [{ groupExternalId: "GROUPEXT2", memberExternalIds: ["USEREXT3"] }] },
};
const plan: ois.ImportPlan = ois.planImport(data, { maxEntitiesPerUpload: 100 });
const first: ois.PlannedUpload | undefined = plan.sessions[0]?.uploads[0];
const body: ois.UploadBodies[ois.UploadKind] | undefined = first?.body;
const summary: string = ois.describePlan(plan);

const job = new ois.IdentitySourceImport(
  "job",
  { identitySourceId, ...data, waitForCompletion: true, pollIntervalSeconds: 10, triggers: { rerun: "1" } },
  { dependsOn: [membership] },
);
const sessions: pulumi.Output<ois.IdentitySourceImportSession[]> = job.sessions;
const counts: pulumi.Output<ois.IdentitySourceImportCounts> = job.counts;

const found: pulumi.Output<ois.GetIdentitySourceUsersResult> = ois.getIdentitySourceUsersOutput(
  { identitySourceId, externalId: user.externalId },
  { dependsOn: [user] },
);
const groups: Promise<ois.GetIdentitySourceGroupsResult> = ois.getIdentitySourceGroups({
  identitySourceId,
  externalId: "GROUPEXT1",
});
const members: pulumi.Output<ois.GetIdentitySourceGroupMembershipsResult> =
  ois.getIdentitySourceGroupMembershipsOutput({ identitySourceId, groupExternalId: group.externalId });
const latest: pulumi.Output<ois.GetIdentitySourceSessionsResult> = ois.getIdentitySourceSessionsOutput({
  identitySourceId,
  sessionId: job.sessionId,
});
void ois.getIdentitySourceUsers({ identitySourceId, externalId: "USEREXT1" });
void ois.getIdentitySourceGroupsOutput({ identitySourceId, externalId: "GROUPEXT1" });
void ois.getIdentitySourceGroupMemberships({ identitySourceId, groupExternalId: "GROUPEXT1" });
void ois.getIdentitySourceSessions({ identitySourceId });

function explain(error: unknown): string {
  if (ois.isOktaApiError(error)) return error.message;
  if (ois.isInvalidResponseError(error)) return error.message;
  if (ois.isOktaConfigError(error)) return error.message;
  return ois.isNotFoundError(error) ? "not found" : String(error);
}
const keys: readonly ois.ConfigKey[] = ois.CONFIG_KEYS;

async function localCopy(): Promise<string> {
  const emulator: Emulator = await startEmulator({ apiToken: "local-test-token" });
  await emulator.close();
  return emulator.url;
}
void configure;
void kinds;

export const outputs = {
  oktaUserId: user.oktaUserId,
  profile: user.profile.apply((p: ois.IdentitySourceUserProfile) => p.userName),
  groupName: group.profile.apply((p: ois.IdentitySourceGroupProfile) => p.displayName),
  sessionStatus: job.sessionStatus,
  sessions,
  counts,
  email: found.apply((u) => u.profile.email),
  groupId: groups.then((g) => g.id),
  members: members.memberExternalIds,
  latest: latest.status,
  summary,
  kind: body === undefined ? "none" : first?.kind,
  keys: keys.length,
  explain,
  localCopy,
};
`;
