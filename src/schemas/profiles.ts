import { z } from "zod";
import { FIELD_LIMITS } from "./limits";
import { DOT_SEGMENT_REASON, hasPathSeparator, isDotSegment, PATH_SEPARATOR_REASON } from "./path-ids";

// Okta profile attributes are strings only; custom ones legal if the source's schema has them (docs/okta-api.md#profiles).

const CUSTOM_ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const bounded = (max: number, min = 0) =>
  z
    .string()
    .min(min, min === 1 ? "must not be empty" : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);

const email = bounded(FIELD_LIMITS.email.max, FIELD_LIMITS.email.min).pipe(
  z.email("must be an email address"),
);

/** A string, or null to clear it; `undefined` (absent) so the index type fits the optional attributes too. */
const customAttribute = z
  .string({ error: "custom profile attributes must be strings (Okta supports no other type)" })
  .max(FIELD_LIMITS.customAttribute, `must be at most ${FIELD_LIMITS.customAttribute} characters`)
  .nullish();

/** The documented user attributes; `userName` and `email` are required by the direct user API. */
const userProfileKnown = {
  userName: bounded(FIELD_LIMITS.userName, 1),
  email,
  secondEmail: email.nullish(),
  firstName: bounded(FIELD_LIMITS.name.max, FIELD_LIMITS.name.min).nullish(),
  lastName: bounded(FIELD_LIMITS.name.max, FIELD_LIMITS.name.min).nullish(),
  mobilePhone: bounded(FIELD_LIMITS.mobilePhone).nullish(),
  homeAddress: bounded(FIELD_LIMITS.homeAddress).nullish(),
};

const looseName = (name: string) => name.toLowerCase().replace(/[_-]/g, "");

/**
 * Custom attribute names Okta can have. With `typos` (what users write, not the client's bodies), a key differing
 * from a `known` one only by case, `_` or `-` (`last_name`) is refused: Okta would refuse it or keep it beside it.
 */
function checkAttributeNames(known: readonly string[], typos: boolean) {
  return (profile: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    for (const key of Object.keys(profile)) {
      if (known.includes(key)) continue;
      if (!CUSTOM_ATTRIBUTE_NAME.test(key))
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "custom attribute names start with a letter and contain only letters, digits and '_'",
        });
      const meant = typos ? known.find((k) => looseName(k) === looseName(key)) : undefined;
      if (meant !== undefined)
        ctx.addIssue({ code: "custom", path: [key], message: `unknown attribute; did you mean ${meant}?` });
    }
  };
}

/** A profile of these documented attributes and custom ones (`typos`: see `checkAttributeNames`). */
const withCustomAttributes = <S extends z.ZodRawShape>(known: S, typos = false) =>
  z
    .object(known)
    .catchall(customAttribute)
    .superRefine(checkAttributeNames(Object.keys(known), typos));

export const UserProfileInput = withCustomAttributes(userProfileKnown, true);
export type UserProfileInput = z.infer<typeof UserProfileInput>;

/** Bulk upsert: none required; SPEC requires `userName`/`email` only directly (`…ForUpsertRequired`, docs/okta-api.md#profiles). */
export const BulkUserProfileInput = withCustomAttributes({
  ...userProfileKnown,
  userName: userProfileKnown.userName.optional(),
  email: email.optional(),
});

const groupProfileKnown = {
  displayName: bounded(FIELD_LIMITS.displayName.max, FIELD_LIMITS.displayName.min),
  description: bounded(FIELD_LIMITS.description).nullish(),
};

/** A group profile as the resources declare it: the documented attributes only. */
export const GroupProfileInput = z.strictObject(groupProfileKnown);
export type GroupProfileInput = z.infer<typeof GroupProfileInput>;

/** Bulk upsert: any attribute of the identity source's schema, as Okta accepts (docs/okta-api.md#profiles). */
export const BulkGroupProfileInput = withCustomAttributes(groupProfileKnown);

/** An external id: never a dot segment, which no URL can address (`path-ids.ts`). */
const externalId = (max: number) =>
  bounded(max, 1).refine((value) => !isDotSegment(value), DOT_SEGMENT_REASON);

export const UserExternalId = externalId(FIELD_LIMITS.userExternalId);
export const GroupExternalId = externalId(FIELD_LIMITS.groupExternalId);
export const MemberExternalId = externalId(FIELD_LIMITS.memberExternalId);

/** An id in a direct endpoint's URL path: no `/` or `\` either (bulk bodies carry ids in JSON, Okta's rule). */
const inUrlPath = (schema: z.ZodString) =>
  schema.refine((value) => !hasPathSeparator(value), PATH_SEPARATOR_REASON);

export const UserExternalIdInPath = inUrlPath(UserExternalId);
export const GroupExternalIdInPath = inUrlPath(GroupExternalId);
export const MemberExternalIdInPath = inUrlPath(MemberExternalId);
export const IdentitySourceId = z
  .string()
  .min(1, "must not be empty")
  .regex(/^[A-Za-z0-9]*$/, "must be an Okta app id such as 0oa3l6l6WK6h0R0QW0g4 (letters and digits)");
