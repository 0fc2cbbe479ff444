import { aUser, type UserRecord } from "../helpers/builders";

/** Bytes of `{"entityType":"USERS","profiles":[]}`: what a user upload costs besides its entries. */
export const USERS_ENVELOPE = Buffer.byteLength(JSON.stringify({ entityType: "USERS", profiles: [] }));

export const entryBytes = (record: unknown): number => Buffer.byteLength(JSON.stringify(record));

/**
 * A valid user whose entry (`{"externalId":…,"profile":{…}}`) serializes to exactly `bytes` bytes, padded with
 * custom attributes of at most 4,000 characters (the schema allows 4,096).
 */
export function userOfSize(i: number, bytes: number): UserRecord {
  const user = aUser(i);
  const profile = user.profile as Record<string, string>;
  for (let n = 0; ; n++) {
    const gap = bytes - entryBytes(user);
    if (gap === 0) return user;
    if (gap < 0) throw new Error(`user ${i} is already over ${bytes} bytes`);
    const key = `pad${n}`;
    const overhead = Buffer.byteLength(`,"${key}":""`);
    if (gap <= overhead) {
      // Too small for a new attribute: lengthen the previous one (each leaves 96 characters of room).
      if (n === 0) throw new Error(`cannot pad user ${i} by only ${gap} bytes`);
      profile[`pad${n - 1}`] += "x".repeat(gap);
      return user;
    }
    profile[key] = "x".repeat(Math.min(4_000, gap - overhead));
  }
}
