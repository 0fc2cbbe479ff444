import type * as pulumi from "@pulumi/pulumi";
import { UserLookupArgs } from "../schemas/lookup-args";
import { checkedArgs } from "./checked-args";
import { lookupConnection } from "./client";
import { outputLookup, type InputsOf } from "./output-lookup";
import { profileOf } from "./profile";

export interface GetIdentitySourceUsersArgs {
  /** Id of the Custom Identity Source app (`0oa…`). */
  identitySourceId: string;
  /** External id of the user (the id in the source system). */
  externalId: string;
}

/** `GetIdentitySourceUsersArgs` as `pulumi.Input`s. */
export type GetIdentitySourceUsersOutputArgs = InputsOf<GetIdentitySourceUsersArgs>;

/** Attributes Okta holds for the user; unset attributes are absent (Okta's nulls are dropped). */
export interface IdentitySourceUserProfileResult {
  /** Okta login. */
  userName?: string;
  /** Primary email. */
  email?: string;
  /** Given name. */
  firstName?: string;
  /** Family name. */
  lastName?: string;
  /** Secondary email. */
  secondEmail?: string;
  /** Mobile phone number. */
  mobilePhone?: string;
  /** Home address. */
  homeAddress?: string;
  /** Custom string attributes of the identity source's schema. */
  [attribute: string]: string | undefined;
}

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
  const client = lookupConnection.client();
  const user = await client.users.get(args.identitySourceId, args.externalId);
  if (user === undefined) {
    await lookupConnection.confirmIdentitySource(args.identitySourceId);
    throw new Error(
      `getIdentitySourceUsers: no user with externalId ${JSON.stringify(args.externalId)} in identity source ` +
        `${args.identitySourceId}`,
    );
  }
  const result: GetIdentitySourceUsersResult = {
    id: user.id ?? "",
    identitySourceId: args.identitySourceId,
    externalId: user.externalId,
    profile: profileOf(user.profile),
  };
  if (user.created !== undefined) result.created = user.created;
  if (user.lastUpdated !== undefined) result.lastUpdated = user.lastUpdated;
  return result;
}

/** `getIdentitySourceUsers` taking `pulumi.Input`s. */
export function getIdentitySourceUsersOutput(
  args: GetIdentitySourceUsersOutputArgs,
  opts?: pulumi.InvokeOutputOptions,
): pulumi.Output<GetIdentitySourceUsersResult> {
  return outputLookup(args, opts, (a) => getIdentitySourceUsers(a, opts));
}
