// A job's known data, what `planImport` takes. Public, so free of zod (see `bulk-bodies.ts`);
// `test/schemas/public-types-match-schemas.ts` keeps them equal to `import-args.ts`.

/**
 * A user profile as written. `userName` and `email` are required; other attributes may be `null` or absent
 * (both mean "not set"). Custom string attributes of the identity source's schema are allowed.
 */
export interface ImportUserProfile {
  /** Okta login; 1–100 characters. */
  userName: string;
  /** Primary email; 5–100 characters. */
  email: string;
  /** 5–100 characters. */
  secondEmail?: string | null | undefined;
  /** 1–50 characters. */
  firstName?: string | null | undefined;
  /** 1–50 characters. */
  lastName?: string | null | undefined;
  /** At most 100 characters. */
  mobilePhone?: string | null | undefined;
  /** At most 4,096 characters. */
  homeAddress?: string | null | undefined;
  /** A custom attribute: the name starts with a letter, then letters, digits or `_`. */
  [attribute: string]: string | null | undefined;
}

/** A group profile as written: the documented attributes only. */
export interface ImportGroupProfile {
  /** 1–255 characters. */
  displayName: string;
  /** At most 1,024 characters; `null` or absent means "not set". */
  description?: string | null | undefined;
}

/** One user to create or update. */
export interface ImportUser {
  /** The user's id in the source system; at most 512 characters. */
  externalId: string;
  profile: ImportUserProfile;
}

/** Users to create or update. */
export interface ImportUpsertUsers {
  /** Okta accepts only `USERS`. @default "USERS" */
  entityType?: "USERS" | undefined;
  profiles: ImportUser[];
}

/** Users to deactivate. */
export interface ImportDeleteUsers {
  /** Okta accepts only `USERS`. @default "USERS" */
  entityType?: "USERS" | undefined;
  profiles: { externalId: string }[];
}

/** One group to create or update. */
export interface ImportGroup {
  /** The group's id in the source system; at most 255 characters. */
  externalId: string;
  groupProfile: ImportGroupProfile;
}

/** Groups to create or update. */
export interface ImportUpsertGroups {
  profiles: ImportGroup[];
}

/** External ids of groups to delete. */
export interface ImportDeleteGroups {
  externalIds: string[];
}

/** One group and some of its members. */
export interface ImportMembership {
  groupExternalId: string;
  memberExternalIds: string[];
}

/** Memberships to add or remove. */
export interface ImportMemberships {
  memberships: ImportMembership[];
}

/** Just the data of a job (the six data blocks of `IdentitySourceImportArgs`, resolved): what the planner needs. */
export interface ImportData {
  upsertUsers?: ImportUpsertUsers | undefined;
  deleteUsers?: ImportDeleteUsers | undefined;
  upsertGroups?: ImportUpsertGroups | undefined;
  deleteGroups?: ImportDeleteGroups | undefined;
  upsertGroupMemberships?: ImportMemberships | undefined;
  deleteGroupMemberships?: ImportMemberships | undefined;
  /** How membership uploads are counted (see `MembershipPacking`). @default "members" */
  membershipPacking?: MembershipPacking | undefined;
}

export const MEMBERSHIP_PACKINGS = ["members", "groups"] as const;
/**
 * How membership uploads count toward Okta's 200 entities per upload: every member id (`"members"`, the safe
 * reading) or each group entry (`"groups"`, as Okta's API spec caps only the groups); docs/import-packing.md.
 */
export type MembershipPacking = (typeof MEMBERSHIP_PACKINGS)[number];

export const UPLOAD_MODES = ["changes", "all"] as const;
/** What an update sends: only what differs from the last confirmed run, or all (docs/import.md#updates). */
export type UploadMode = (typeof UPLOAD_MODES)[number];
