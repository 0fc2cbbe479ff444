import { z } from "zod";
import { malformedBody, validationFailed } from "./errors";
import { FIELD } from "./limits";

/**
 * Request-body schemas as Okta enforces them (docs/okta-api.md#bulk-bodies, docs/okta-api.md#profiles): documented attributes with their
 * lengths, any other profile attribute as a string (identity-source schemas may define custom ones).
 * Violations become 400 E0000001 `Api validation failed: <first field>`, one cause per issue.
 */

const text = (max: number, min = 0) => z.string().min(min).max(max);
const email = z
  .string()
  .min(FIELD.email.min)
  .max(FIELD.email.max)
  .regex(/^[^@\s]+@[^@\s]+$/, "must be an email address");

const userProfileShape = {
  userName: text(FIELD.userName),
  email,
  secondEmail: email.nullable(),
  firstName: text(FIELD.name.max, FIELD.name.min).nullable(),
  lastName: text(FIELD.name.max, FIELD.name.min).nullable(),
  mobilePhone: text(FIELD.mobilePhone).nullable(),
  homeAddress: text(FIELD.homeAddress).nullable(),
};
const customAttribute = z.string("profile attributes must be strings").nullable();

/** Bulk upsert and PATCH: every attribute optional. */
export const UserProfilePartial = z.object(userProfileShape).partial().catchall(customAttribute);
/** Direct create and replace: `email` and `userName` required (`…ForUpsertRequired`). */
export const UserProfileRequired = z
  .object({ ...UserProfilePartial.shape, userName: userProfileShape.userName, email })
  .catchall(customAttribute);

export const GroupProfile = z
  .object({
    displayName: text(FIELD.displayName.max, FIELD.displayName.min),
    description: text(FIELD.description).nullable().optional(),
  })
  .catchall(customAttribute);

const userExternalId = text(FIELD.userExternalId, 1);
const groupExternalId = text(FIELD.groupExternalId, 1);
const memberExternalId = text(FIELD.memberExternalId, 1);

export const BulkUpsertUsers = z.object({
  entityType: z.string(),
  profiles: z.array(z.object({ externalId: userExternalId, profile: UserProfilePartial })).min(1),
});
export const BulkDeleteUsers = z.object({
  entityType: z.string(),
  profiles: z.array(z.object({ externalId: userExternalId })).min(1),
});
export const BulkUpsertGroups = z.object({
  profiles: z.array(z.object({ externalId: groupExternalId, profile: GroupProfile })).min(1),
});
export const BulkDeleteGroups = z.object({ externalIds: z.array(groupExternalId).min(1) });
export const BulkMemberships = z.object({
  memberships: z
    .array(z.object({ groupExternalId, memberExternalIds: z.array(memberExternalId).min(1) }))
    .min(1),
});

export const CreateUserBody = z.object({ externalId: userExternalId, profile: UserProfileRequired });
export const ReplaceUserBody = z.object({
  externalId: userExternalId.optional(),
  profile: UserProfileRequired,
});
export const PatchUserBody = z.object({ profile: UserProfilePartial });
export const CreateGroupBody = z.object({ externalId: groupExternalId, profile: GroupProfile });
export const UpdateGroupBody = z.object({ externalId: groupExternalId.optional(), profile: GroupProfile });
export const MembershipBody = z.object({ memberExternalId });

/** `["profiles", 3, "profile", "email"]` → `profiles[3].profile.email`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "body" : out;
}

const MAX_CAUSES = 20;

/** Validates `value`; throws 400 E0000001 naming each field and rule (never the value: it may be PII). */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const causes = issues.slice(0, MAX_CAUSES).map((issue) => `${fieldPath(issue.path)}: ${issue.message}`);
  throw validationFailed(fieldPath(issues[0]?.path ?? []), causes);
}

/** Parses a JSON body; empty or unparsable → 400 E0000003 (docs/okta-api.md#session-errors). */
export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) throw malformedBody();
  try {
    return JSON.parse(raw.toString("utf8")) as unknown;
  } catch {
    throw malformedBody();
  }
}

/** Profile values as stored: strings or null (zod's output may carry `undefined` for absent optionals). */
export function cleanProfile(
  profile: Record<string, string | null | undefined>,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(profile)) if (value !== undefined) out[key] = value;
  return out;
}
