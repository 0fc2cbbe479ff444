import type { ImportArgsInput } from "../../src/schemas/import-args";
import type { UserProfileInput } from "../../src/schemas/profiles";

/**
 * Builders for test data. Every value is fake and derived from an index, so a test can say `aUser(7)` and
 * know its id is `USEREXT000007`. Overrides replace fields shallowly (profile fields merge).
 */

export const IDENTITY_SOURCE_ID = "0oa3l6l6WK6h0R0QW0g4";

const pad = (i: number): string => String(i).padStart(6, "0");

export const userId = (i: number): string => `USEREXT${pad(i)}`;
export const groupId = (i: number): string => `GROUPEXT${pad(i)}`;

export interface UserRecord {
  externalId: string;
  profile: UserProfileInput;
}

export function aUser(
  i: number,
  overrides: { externalId?: string; profile?: Partial<UserProfileInput> } = {},
): UserRecord {
  return {
    externalId: overrides.externalId ?? userId(i),
    profile: {
      userName: `user${i}@example.com`,
      email: `user${i}@example.com`,
      firstName: "Test",
      lastName: `User${i}`,
      ...overrides.profile,
    },
  };
}

export function aGroup(
  i: number,
  overrides: { externalId?: string; displayName?: string; description?: string } = {},
): { externalId: string; groupProfile: { displayName: string; description?: string } } {
  const groupProfile: { displayName: string; description?: string } = {
    displayName: overrides.displayName ?? `Group ${i}`,
  };
  if (overrides.description !== undefined) groupProfile.description = overrides.description;
  return { externalId: overrides.externalId ?? groupId(i), groupProfile };
}

/** Group `g` with the users whose indexes are given. */
export function aMembership(
  g: number,
  members: readonly number[],
): { groupExternalId: string; memberExternalIds: string[] } {
  return { groupExternalId: groupId(g), memberExternalIds: members.map(userId) };
}

export const range = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i);

export const users = (n: number, from = 0): UserRecord[] => range(n, from).map((i) => aUser(i));
export const groups = (n: number, from = 0) => range(n, from).map((i) => aGroup(i));

/** A valid import job for the test identity source; overrides replace whole blocks. */
export function anImport(overrides: Partial<ImportArgsInput> = {}): ImportArgsInput {
  return { identitySourceId: IDENTITY_SOURCE_ID, ...overrides };
}

/** `groupCount` groups with `total` members spread as evenly as possible (user u goes to group u % groupCount). */
export function spreadMemberships(
  groupCount: number,
  total: number,
): { groupExternalId: string; memberExternalIds: string[] }[] {
  const lists = range(groupCount).map((): string[] => []);
  for (let u = 0; u < total; u++) lists[u % groupCount]!.push(userId(u));
  return lists.map((memberExternalIds, g) => ({ groupExternalId: groupId(g), memberExternalIds }));
}

/** Seeded PRNG (mulberry32): property-style tests are random but repeatable. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max] from a seeded PRNG. */
export const randomInt = (random: () => number, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));

/** An import's `sent` output when it sent nothing: every block at 0. */
export const NOTHING_SENT = {
  upsertUsers: 0,
  deleteUsers: 0,
  upsertGroups: 0,
  deleteGroups: 0,
  upsertGroupMemberships: 0,
  deleteGroupMemberships: 0,
};
