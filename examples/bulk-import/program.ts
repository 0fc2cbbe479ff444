/**
 * The seed's "Bulk user adjustments and group management inside a single job" example (Okta guide "Manage
 * identity source", example 3), one-to-one: one import job that upserts a user and a group, adds the user to
 * the group, deactivates an old user and deletes a deprecated group. The job creates the import session,
 * uploads the data, starts the import and waits for its final status inside `pulumi up`. `index.ts` runs it
 * as a Pulumi program; the end-to-end tests call `bulkImport()` with variations.
 */
import type * as pulumi from "@pulumi/pulumi";
import * as ois from "pulumi-okta-identity-source";

export interface BulkImportOptions {
  identitySourceId: pulumi.Input<string>;
  /** @default "New" (change it to see an update send that one user alone) */
  newUserFirstName?: string;
  /** Changing any value sends every declared record again (the guide's troubleshooting advice). */
  triggers?: Record<string, string>;
  /** Seconds between status polls. @default 10 */
  pollIntervalSeconds?: number;
}

export function bulkImport(options: BulkImportOptions) {
  // resource "okta_identity_source_import" "example"
  const example = new ois.IdentitySourceImport("example", {
    identitySourceId: options.identitySourceId,
    upsertUsers: {
      entityType: "USERS",
      profiles: [
        {
          externalId: "USEREXT_NEW",
          profile: {
            userName: "new.user@example.com",
            email: "new.user@example.com",
            firstName: options.newUserFirstName ?? "New",
            lastName: "User",
          },
        },
      ],
    },
    upsertGroupMemberships: {
      memberships: [{ groupExternalId: "GROUPEXT001", memberExternalIds: ["USEREXT_NEW"] }],
    },
    deleteUsers: {
      entityType: "USERS",
      profiles: [{ externalId: "USEREXT_OLD" }],
    },
    upsertGroups: {
      profiles: [
        {
          externalId: "GROUPEXT001",
          groupProfile: { displayName: "Engineering", description: "Engineering team" },
        },
      ],
    },
    deleteGroups: {
      externalIds: ["GROUPEXT_DEPRECATED"],
    },
    ...(options.triggers ? { triggers: options.triggers } : {}),
    ...(options.pollIntervalSeconds !== undefined
      ? { pollIntervalSeconds: options.pollIntervalSeconds }
      : {}),
  });

  return {
    // The guide: "check session_status"; here it is COMPLETED once `pulumi up` returns.
    sessionId: example.sessionId,
    sessionStatus: example.sessionStatus,
    sessions: example.sessions,
    uploadCount: example.uploadCount,
    counts: example.counts,
    lastRun: example.lastRun,
  };
}
