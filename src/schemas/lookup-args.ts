import { z } from "zod";
import { hasPathSeparator, isDotSegment, DOT_SEGMENT_REASON, PATH_SEPARATOR_REASON } from "./path-ids";
import { GroupExternalIdInPath, IdentitySourceId, UserExternalIdInPath } from "./profiles";

/**
 * The arguments of the lookups (`src/functions/`), checked before any request with the resources' id rules:
 * every id goes into a URL path.
 */

export const UserLookupArgs = z.object({
  identitySourceId: IdentitySourceId,
  externalId: UserExternalIdInPath,
});
export const GroupLookupArgs = z.object({
  identitySourceId: IdentitySourceId,
  externalId: GroupExternalIdInPath,
});
export const MembershipsLookupArgs = z.object({
  identitySourceId: IdentitySourceId,
  groupExternalId: GroupExternalIdInPath,
});

/** A session id (`aps…`); empty means "no session id", as `@pulumi/okta` treats it. */
const SessionId = z
  .string()
  .refine((value) => !isDotSegment(value), DOT_SEGMENT_REASON)
  .refine((value) => !hasPathSeparator(value), PATH_SEPARATOR_REASON);

export const SessionsLookupArgs = z.object({
  identitySourceId: IdentitySourceId,
  sessionId: SessionId.optional(),
});
