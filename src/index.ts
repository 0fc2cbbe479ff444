/**
 * The public surface of pulumi-okta-identity-source: resources, lookups, and the error and configuration types
 * a program may want to branch on. Internals (provider, client, planner) are not exported from here.
 */

// Record-by-record resources.
export {
  IdentitySourceUser,
  type IdentitySourceUserArgs,
  type IdentitySourceUserProfile,
  type IdentitySourceUserProfileArgs,
} from "./resources/identity-source-user";
export {
  IdentitySourceGroup,
  type IdentitySourceGroupArgs,
  type IdentitySourceGroupProfile,
  type IdentitySourceGroupProfileArgs,
} from "./resources/identity-source-group";
export {
  IdentitySourceGroupMembership,
  type IdentitySourceGroupMembershipArgs,
} from "./resources/identity-source-group-membership";

// Lookups.
export {
  getIdentitySourceUsers,
  getIdentitySourceUsersOutput,
  type GetIdentitySourceUsersArgs,
  type GetIdentitySourceUsersOutputArgs,
  type GetIdentitySourceUsersResult,
  type IdentitySourceUserProfileResult,
} from "./functions/get-identity-source-users";
export {
  getIdentitySourceGroups,
  getIdentitySourceGroupsOutput,
  type GetIdentitySourceGroupsArgs,
  type GetIdentitySourceGroupsOutputArgs,
  type GetIdentitySourceGroupsResult,
  type IdentitySourceGroupProfileResult,
} from "./functions/get-identity-source-groups";
export {
  getIdentitySourceGroupMemberships,
  getIdentitySourceGroupMembershipsOutput,
  type GetIdentitySourceGroupMembershipsArgs,
  type GetIdentitySourceGroupMembershipsOutputArgs,
  type GetIdentitySourceGroupMembershipsResult,
} from "./functions/get-identity-source-group-memberships";
export {
  getIdentitySourceSessions,
  getIdentitySourceSessionsOutput,
  type GetIdentitySourceSessionsArgs,
  type GetIdentitySourceSessionsOutputArgs,
  type GetIdentitySourceSessionsResult,
  type IdentitySourceSessionResult,
} from "./functions/get-identity-source-sessions";

// Errors and configuration.
export {
  OktaApiError,
  InvalidResponseError,
  isOktaApiError,
  isInvalidResponseError,
  isNotFoundError,
} from "./client/errors";
export { OktaConfigError, isOktaConfigError, CONFIG_KEYS, type ConfigKey } from "./config";

// Bulk import (IdentitySourceImport): exported below by its own change.
