/**
 * The seed's "Manage a single user and group membership" example (Okta guide "Manage identity source",
 * example 2), one-to-one: one user, one group, the user in the group. `index.ts` runs it as a Pulumi program;
 * the end-to-end tests call `singleRecords()` with variations.
 */
import * as ois from "pulumi-okta-identity-source";

export interface SingleRecordsOptions {
  identitySourceId: string;
  /** @default "USEREXT123456EXAMPLE" */
  userExternalId?: string;
  /** @default "GRPEXT123456EXAMPLE" */
  groupExternalId?: string;
  /** Profile attributes to change or add on top of the seed's. */
  userProfile?: Record<string, string>;
  /** @default "Engineering team group" */
  groupDescription?: string;
  /** Declare the membership. @default true */
  membership?: boolean;
}

export function singleRecords(options: SingleRecordsOptions) {
  const identitySourceId = options.identitySourceId;
  const userExternalId = options.userExternalId ?? "USEREXT123456EXAMPLE";
  const groupExternalId = options.groupExternalId ?? "GRPEXT123456EXAMPLE";

  // resource "okta_identity_source_user" "example"
  const user = new ois.IdentitySourceUser("example", {
    identitySourceId,
    externalId: userExternalId,
    profile: {
      userName: "jdoe@example.com",
      email: "jdoe@example.com",
      firstName: "Jane",
      lastName: "Doe",
      ...options.userProfile,
    },
  });

  // resource "okta_identity_source_group" "example"
  const group = new ois.IdentitySourceGroup("example", {
    identitySourceId,
    externalId: groupExternalId,
    profile: {
      displayName: "Engineering",
      description: options.groupDescription ?? "Engineering team group",
    },
  });

  // resource "okta_identity_source_group_membership" "example". HCL repeats the ids as literals; taking them
  // from the resources' outputs also makes the membership wait for both records.
  const membership =
    options.membership === false
      ? undefined
      : new ois.IdentitySourceGroupMembership("example", {
          identitySourceId,
          groupOrExternalId: group.externalId,
          memberExternalId: user.externalId,
        });

  return {
    userId: user.id,
    oktaUserId: user.oktaUserId,
    groupId: group.id,
    ...(membership === undefined ? {} : { membershipId: membership.id }),
  };
}
