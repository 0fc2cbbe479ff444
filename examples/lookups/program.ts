/**
 * The seed's "Look up a user and group memberships" example (Okta guide "Manage identity source", example 1),
 * one-to-one: a user by external id, and every member of a group. `index.ts` runs it as a Pulumi program;
 * the end-to-end tests call `lookups()`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ois from "pulumi-okta-identity-source";

export interface LookupsOptions {
  identitySourceId: pulumi.Input<string>;
  /** @default "USEREXT123456EXAMPLE" */
  userExternalId?: pulumi.Input<string>;
  /** @default "GROUPEXT123456EXAMPLE" */
  groupExternalId?: pulumi.Input<string>;
}

export function lookups(options: LookupsOptions) {
  // data "okta_identity_source_users" "user_example"
  const userExample = ois.getIdentitySourceUsersOutput({
    identitySourceId: options.identitySourceId,
    externalId: options.userExternalId ?? "USEREXT123456EXAMPLE",
  });

  // data "okta_identity_source_group_memberships" "group_members"
  const groupMembers = ois.getIdentitySourceGroupMembershipsOutput({
    identitySourceId: options.identitySourceId,
    groupExternalId: options.groupExternalId ?? "GROUPEXT123456EXAMPLE",
  });

  return {
    userId: userExample.id,
    userLastUpdated: userExample.lastUpdated,
    // The profile is personal data: keep it out of plain-text stack outputs.
    userEmail: pulumi.secret(userExample.apply((u) => u.profile.email)),
    memberExternalIds: groupMembers.memberExternalIds,
  };
}
