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

// Bulk import: the resource, and the pure planner behind it (to size a job before running it).
export {
  IdentitySourceImport,
  type IdentitySourceImportArgs,
  type IdentitySourceImportCounts,
  type IdentitySourceImportDeleteGroupsArgs,
  type IdentitySourceImportDeleteUsersArgs,
  type IdentitySourceImportGroupArgs,
  type IdentitySourceImportMembershipArgs,
  type IdentitySourceImportMembershipsArgs,
  type IdentitySourceImportSession,
  type IdentitySourceImportUpsertGroupsArgs,
  type IdentitySourceImportUpsertUsersArgs,
  type IdentitySourceImportUserArgs,
} from "./resources/identity-source-import";
export {
  planImport,
  type ImportPlan,
  type PlannedSession,
  type PlannedUpload,
  type PlanLimits,
  type PlanTotals,
} from "./import/plan";
export { describePlan } from "./import/describe-plan";
export type {
  ImportData,
  MembershipPacking,
  UploadMode,
  ImportDeleteGroups,
  ImportDeleteUsers,
  ImportGroup,
  ImportGroupProfile,
  ImportMembership,
  ImportMemberships,
  ImportUpsertGroups,
  ImportUpsertUsers,
  ImportUser,
  ImportUserProfile,
} from "./schemas/import-data";
export type {
  BulkDeleteGroupsBody,
  BulkDeleteUsersBody,
  BulkGroupProfile,
  BulkMembershipsBody,
  BulkUpsertGroupsBody,
  BulkUpsertUsersBody,
  BulkUserProfile,
  UploadBodies,
  UploadKind,
} from "./schemas/bulk-bodies";
