import type * as pulumi from "@pulumi/pulumi";
import { isNotFoundError } from "../client/errors";
import { MAX_MEMBERSHIP_PAGE_LIMIT } from "../schemas/limits";
import { MembershipsLookupArgs } from "../schemas/resource-args";
import { checkedArgs, lookupConnection, notFound } from "./lookup";
import { outputForm, type InputsOf } from "./output-lookup";

export interface GetIdentitySourceGroupMembershipsArgs {
  /** Id of the Custom Identity Source app (`0oa…`). */
  identitySourceId: string;
  /** External id of the group; Okta's group id (`00g…`) works too. */
  groupExternalId: string;
}

/** `GetIdentitySourceGroupMembershipsArgs` as `pulumi.Input`s. */
export type GetIdentitySourceGroupMembershipsOutputArgs = InputsOf<GetIdentitySourceGroupMembershipsArgs>;

export interface GetIdentitySourceGroupMembershipsResult {
  /** `${identitySourceId}/${groupExternalId}`, as in `@pulumi/okta`. */
  id: string;
  /** Id of the Custom Identity Source app (`0oa…`). */
  identitySourceId: string;
  /** The group's external id. */
  groupExternalId: string;
  /** Every member's external id, from every page of the listing, in Okta's order. */
  memberExternalIds: string[];
}

/**
 * Lists every member of a group (`data "okta_identity_source_group_memberships"`), following all pages.
 * Runs in the program with the `okta:*` stack config / `OKTA_*` environment; fails when the group does not
 * exist.
 */
export async function getIdentitySourceGroupMemberships(
  given: GetIdentitySourceGroupMembershipsArgs,
  _opts?: pulumi.InvokeOptions,
): Promise<GetIdentitySourceGroupMembershipsResult> {
  const args = checkedArgs("getIdentitySourceGroupMemberships", MembershipsLookupArgs, given);
  const memberExternalIds = await lookupConnection
    .client()
    .memberships.listAll(args.identitySourceId, args.groupExternalId, { pageSize: MAX_MEMBERSHIP_PAGE_LIMIT })
    .catch((error: unknown) => {
      if (!isNotFoundError(error)) throw error;
      const what = `group with external id or Okta id ${JSON.stringify(args.groupExternalId)}`;
      return notFound("getIdentitySourceGroupMemberships", args.identitySourceId, what, error);
    });
  return {
    id: `${args.identitySourceId}/${args.groupExternalId}`,
    identitySourceId: args.identitySourceId,
    groupExternalId: args.groupExternalId,
    memberExternalIds,
  };
}

/** `getIdentitySourceGroupMemberships` taking `pulumi.Input`s. */
export const getIdentitySourceGroupMembershipsOutput = outputForm(getIdentitySourceGroupMemberships);
