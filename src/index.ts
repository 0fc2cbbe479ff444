// The public surface: resources, lookups, the error and configuration types (not provider, client, import job).
// Resources and lookups: every export of these files is public.
export * from "./resources/identity-source-user";
export * from "./resources/identity-source-group";
export * from "./resources/identity-source-group-membership";
export * from "./functions/get-identity-source-users";
export * from "./functions/get-identity-source-groups";
export * from "./functions/get-identity-source-group-memberships";
export * from "./functions/get-identity-source-sessions";

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
export * from "./resources/identity-source-import";
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
