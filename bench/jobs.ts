import type { ImportData } from "../src/schemas/import-args";
import { aGroup, aUser, groupId, range, spreadMemberships, userId } from "../test/helpers/builders";

/** `users` users, `groups` groups, and `memberships` (group, member) pairs spread evenly over the groups. */
export function importJob(users: number, groups: number, memberships: number): ImportData {
  return {
    upsertUsers: { profiles: range(users).map((i) => aUser(i, { profile: { mobilePhone: "+1 555 0100" } })) },
    upsertGroups: { profiles: range(groups).map((i) => aGroup(i)) },
    upsertGroupMemberships: { memberships: spreadMemberships(groups, memberships) },
  };
}

/** The reference job: 25,000 users + 2,000 groups + 25,000 memberships (12 or 13 members a group). */
export const referenceJob = (): ImportData => importJob(25_000, 2_000, 25_000);

/** The 102,000-record job: 50,000 users + 2,000 groups + 50,000 memberships. */
export const largeJob = (): ImportData => importJob(50_000, 2_000, 50_000);

/**
 * A membership-heavy job: 1,000 users each in 100 of 1,000 groups (user u in groups u … u + 99, wrapping), so
 * every group has 100 members: 100,000 (group, member) pairs.
 */
export function membershipHeavyJob(): ImportData {
  const USERS = 1_000;
  const GROUPS = 1_000;
  const PER_USER = 100;
  const members = range(GROUPS).map((): string[] => []);
  for (let u = 0; u < USERS; u++)
    for (let k = 0; k < PER_USER; k++) members[(u + k) % GROUPS]!.push(userId(u));
  return {
    upsertUsers: { profiles: range(USERS).map((i) => aUser(i)) },
    upsertGroups: { profiles: range(GROUPS).map((i) => aGroup(i)) },
    upsertGroupMemberships: {
      memberships: members.map((memberExternalIds, g) => ({
        groupExternalId: groupId(g),
        memberExternalIds,
      })),
    },
  };
}
