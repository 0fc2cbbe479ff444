import type * as pulumi from "@pulumi/pulumi";
import { GroupLookupArgs } from "../schemas/resource-args";
import type { IdentitySourceGroupProfile } from "../resources/identity-source-group";
import { checkedArgs, lookupConnection, notFound, profileOf } from "./lookup";
import { outputForm, type InputsOf } from "./output-lookup";

export interface GetIdentitySourceGroupsArgs {
  /** Id of the Custom Identity Source app (`0oa…`). */
  identitySourceId: string;
  /** External id of the group; Okta's group id (`00g…`) works too. */
  externalId: string;
}

/** `GetIdentitySourceGroupsArgs` as `pulumi.Input`s. */
export type GetIdentitySourceGroupsOutputArgs = InputsOf<GetIdentitySourceGroupsArgs>;

/** The profile Okta holds; custom attributes of the identity source's schema included. */
export interface IdentitySourceGroupProfileResult extends Partial<IdentitySourceGroupProfile> {
  [attribute: string]: string | undefined;
}

export interface GetIdentitySourceGroupsResult {
  /** Okta's group id (`00g…`). */
  id: string;
  /** Id of the Custom Identity Source app (`0oa…`). */
  identitySourceId: string;
  /** The record's id in the source system. */
  externalId: string;
  /** The profile Okta holds. */
  profile: IdentitySourceGroupProfileResult;
}

/**
 * Looks up one group of an identity source (`data "okta_identity_source_groups"`). Runs in the program with
 * the `okta:*` stack config / `OKTA_*` environment; fails when the group does not exist.
 */
export async function getIdentitySourceGroups(
  given: GetIdentitySourceGroupsArgs,
  _opts?: pulumi.InvokeOptions,
): Promise<GetIdentitySourceGroupsResult> {
  const args = checkedArgs("getIdentitySourceGroups", GroupLookupArgs, given);
  const group = await lookupConnection.client().groups.get(args.identitySourceId, args.externalId);
  const what = `group with external id or Okta id ${JSON.stringify(args.externalId)}`;
  if (group === undefined) return notFound("getIdentitySourceGroups", args.identitySourceId, what);
  return {
    id: group.id,
    identitySourceId: args.identitySourceId,
    externalId: group.externalId,
    profile: profileOf(group.profile),
  };
}

/** `getIdentitySourceGroups` taking `pulumi.Input`s. */
export const getIdentitySourceGroupsOutput = outputForm(getIdentitySourceGroups);
