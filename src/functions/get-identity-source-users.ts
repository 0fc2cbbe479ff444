import type * as pulumi from "@pulumi/pulumi";
import { UserLookupArgs } from "../schemas/resource-args";
import type { IdentitySourceUserProfile } from "../resources/identity-source-user";
import { checkedArgs, definedOnly, lookupConnection, notFound, profileOf } from "./lookup";
import { outputForm, type InputsOf } from "./output-lookup";

export interface GetIdentitySourceUsersArgs {
  /** Id of the Custom Identity Source app (`0oa…`). */
  identitySourceId: string;
  /** External id of the user (the id in the source system). */
  externalId: string;
}

/** `GetIdentitySourceUsersArgs` as `pulumi.Input`s. */
export type GetIdentitySourceUsersOutputArgs = InputsOf<GetIdentitySourceUsersArgs>;

/** Attributes Okta holds for the user; unset attributes are absent (Okta's nulls are dropped). */
export type IdentitySourceUserProfileResult = Partial<IdentitySourceUserProfile>;

export interface GetIdentitySourceUsersResult {
  /** Okta's id of the identity-source user record. */
  id: string;
  /** Id of the Custom Identity Source app (`0oa…`). */
  identitySourceId: string;
  /** The record's id in the source system. */
  externalId: string;
  /** RFC 3339 time. */
  created?: string;
  /** RFC 3339 time. */
  lastUpdated?: string;
  /** The profile Okta holds. */
  profile: IdentitySourceUserProfileResult;
}

/**
 * Looks up one user of an identity source by external id (`data "okta_identity_source_users"`). Runs in the
 * program with the `okta:*` stack config / `OKTA_*` environment; fails when the user does not exist.
 * Note: the profile is personal data; wrap what you export with `pulumi.secret`.
 */
export async function getIdentitySourceUsers(
  given: GetIdentitySourceUsersArgs,
  _opts?: pulumi.InvokeOptions,
): Promise<GetIdentitySourceUsersResult> {
  const args = checkedArgs("getIdentitySourceUsers", UserLookupArgs, given);
  const user = await lookupConnection.client().users.get(args.identitySourceId, args.externalId);
  const what = `user with externalId ${JSON.stringify(args.externalId)}`;
  if (user === undefined) return notFound("getIdentitySourceUsers", args.identitySourceId, what);
  return {
    id: user.id ?? "",
    identitySourceId: args.identitySourceId,
    externalId: user.externalId,
    ...definedOnly({ created: user.created, lastUpdated: user.lastUpdated }),
    profile: profileOf(user.profile),
  };
}

/** `getIdentitySourceUsers` taking `pulumi.Input`s. */
export const getIdentitySourceUsersOutput = outputForm(getIdentitySourceUsers);
