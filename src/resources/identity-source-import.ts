import * as pulumi from "@pulumi/pulumi";
import { identitySourceImportShim } from "../provider/shims";
import { IMPORT_BLOCKS, IMPORT_DEFAULTS, type ImportBlock } from "../schemas/import-args-rules";
import type { MembershipPacking, UploadMode } from "../schemas/import-data";
import type { IdentitySourceGroupProfileArgs } from "./identity-source-group";
import type { IdentitySourceUserProfileArgs } from "./identity-source-user";
import { MODULE, refuseReservedKeys, resourceProps } from "./register";

/** One user to create or update: its id in the source system and its profile. */
export interface IdentitySourceImportUserArgs {
  /** The user's id in the source system; at most 512 characters; unique within the block. */
  externalId: pulumi.Input<string>;
  /** Profile attributes (strings only; custom attributes of the identity source's schema allowed). */
  profile: pulumi.Input<IdentitySourceUserProfileArgs>;
}

export interface IdentitySourceImportUpsertUsersArgs {
  /** Okta accepts only `USERS`. @default "USERS" */
  entityType?: pulumi.Input<"USERS"> | undefined;
  /** At least one user. Any number: the job splits them into uploads of ≤200 and sessions of ≤10,000. */
  profiles: pulumi.Input<pulumi.Input<IdentitySourceImportUserArgs>[]>;
}

export interface IdentitySourceImportDeleteUsersArgs {
  /** Okta accepts only `USERS`. @default "USERS" */
  entityType?: pulumi.Input<"USERS"> | undefined;
  /** Users to deactivate (Okta's bulk delete deactivates; unknown ids are ignored by Okta). */
  profiles: pulumi.Input<pulumi.Input<{ externalId: pulumi.Input<string> }>[]>;
}

export interface IdentitySourceImportGroupArgs {
  /** The group's id in the source system; at most 255 characters; unique within the block. */
  externalId: pulumi.Input<string>;
  /** The group's profile. */
  groupProfile: pulumi.Input<IdentitySourceGroupProfileArgs>;
}

export interface IdentitySourceImportUpsertGroupsArgs {
  /** At least one group; any number (the job splits them into uploads of ≤200). */
  profiles: pulumi.Input<pulumi.Input<IdentitySourceImportGroupArgs>[]>;
}

export interface IdentitySourceImportDeleteGroupsArgs {
  /** External ids of the groups to delete. */
  externalIds: pulumi.Input<pulumi.Input<string>[]>;
}

export interface IdentitySourceImportMembershipArgs {
  /** The group's external id; at most 255 characters. */
  groupExternalId: pulumi.Input<string>;
  /** External ids of member users; each counts as one entity of an upload. */
  memberExternalIds: pulumi.Input<pulumi.Input<string>[]>;
}

export interface IdentitySourceImportMembershipsArgs {
  /** The same group may appear in several entries; a (group, member) pair must not repeat. */
  memberships: pulumi.Input<pulumi.Input<IdentitySourceImportMembershipArgs>[]>;
}

/**
 * Arguments of {@link IdentitySourceImport}, shaped as `@pulumi/okta`'s `IdentitySourceImport`. Set at least
 * one data block. Only `identitySourceId` forces replacement; a change of the data or `triggers` is an update
 * that sends what it calls for (see `uploadMode`, `prune`, `triggers`; docs/import.md#updates).
 * The data blocks are stored as secrets in state; outputs hold only counts, digests and session statuses.
 */
export interface IdentitySourceImportArgs {
  /** Id of the Custom Identity Source app (`0oa…`). Changing this forces replacement (a new import). */
  identitySourceId: pulumi.Input<string>;
  /** Users to create or update. A change is an update (see `uploadMode`). */
  upsertUsers?: pulumi.Input<IdentitySourceImportUpsertUsersArgs> | undefined;
  /** Users to deactivate. A change is an update (see `uploadMode`). */
  deleteUsers?: pulumi.Input<IdentitySourceImportDeleteUsersArgs> | undefined;
  /** Groups to create or update. A change is an update (see `uploadMode`). */
  upsertGroups?: pulumi.Input<IdentitySourceImportUpsertGroupsArgs> | undefined;
  /** Groups to delete. A change is an update (see `uploadMode`). */
  deleteGroups?: pulumi.Input<IdentitySourceImportDeleteGroupsArgs> | undefined;
  /** Memberships to add. A change is an update (see `uploadMode`). */
  upsertGroupMemberships?: pulumi.Input<IdentitySourceImportMembershipsArgs> | undefined;
  /** Memberships to remove. A change is an update (see `uploadMode`). */
  deleteGroupMemberships?: pulumi.Input<IdentitySourceImportMembershipsArgs> | undefined;
  /**
   * Follow every session to a final status (COMPLETED, ERROR, EXPIRED, CLOSED) and fail unless it is COMPLETED.
   * When false, the job stops once the last session is TRIGGERED (`sessionStatus` is then TRIGGERED; a
   * `pulumi refresh` updates it). With several sessions the earlier ones are still followed: the next session
   * must not start before the previous one's data is in, and a failed session must stop the chain.
   * Changing it only updates state. @default true
   */
  waitForCompletion?: pulumi.Input<boolean> | undefined;
  /** Per session: seconds to wait for a final status after start-import (1–86,400). Update only. @default 1800 */
  completionTimeoutSeconds?: pulumi.Input<number> | undefined;
  /**
   * Per session: seconds to wait while another session keeps the identity source busy (another party's
   * CREATED/IN_PROGRESS session, or Okta's five-minute rule) before failing with a message naming it
   * (0–86,400). Update only. @default 900
   */
  activeSessionWaitSeconds?: pulumi.Input<number> | undefined;
  /**
   * Longest wait between status polls, in seconds (1–300). Polling starts under a second after the import
   * is triggered and slows down to this interval (at once while the rate-limit window is half spent), so a
   * finished import is seen within about 10 % + 1 s. Update only. @default 10
   */
  pollIntervalSeconds?: pulumi.Input<number> | undefined;
  /**
   * A CREATED/IN_PROGRESS session with no change for this many seconds is taken as abandoned (a crashed run:
   * Okta sessions carry no owner, so this applies to anyone's) and cancelled, instead of blocking the identity
   * source until Okta expires it after 24 hours (60–86,400; greater than `activeSessionWaitSeconds`, so a
   * session busy when the wait begins is waited for, never cancelled). Update only. @default 3600
   */
  staleSessionSeconds?: pulumi.Input<number> | undefined;
  /** Refuse (at preview) a job that deletes more records than this (users + groups + memberships). No default. */
  maxDeletes?: pulumi.Input<number> | undefined;
  /**
   * How membership uploads count toward Okta's 200 entities per upload: every member id (`"members"`, the safe
   * reading, since Okta does not document it) or each group entry (`"groups"`, as Okta's API spec caps the
   * list at 200 groups and sets no cap on their members; uploads stay within 200 KB). If Okta refuses an upload
   * packed by group, the job fails before start-import and cancels its session. Changing it runs the import
   * again. @default "members"
   */
  membershipPacking?: pulumi.Input<MembershipPacking> | undefined;
  /**
   * What an update sends: `"changes"`, only the users and groups new or changed, the membership pairs and
   * delete entries new since the last run Okta confirmed (every session COMPLETED); `"all"`, every declared
   * record. A first run, or one after a run that did not complete, sends everything. @default "changes"
   */
  uploadMode?: pulumi.Input<UploadMode> | undefined;
  /**
   * Delete what the last confirmed run upserted and the data no longer declares: users (Okta deactivates
   * them), groups and membership pairs. Counted against `maxDeletes`. @default false
   */
  prune?: pulumi.Input<boolean> | undefined;
  /**
   * Arbitrary strings; changing any of them sends every declared record again (an update, not a replacement):
   * the remedy when records were changed in Okta behind the program's back, e.g. `{ rerun: "2026-05-01" }`.
   */
  triggers?: pulumi.Input<Record<string, pulumi.Input<string>>> | undefined;
}

/** The arguments besides `identitySourceId` and the data blocks, passed on as written. */
const KNOBS: readonly (keyof IdentitySourceImportArgs)[] = [
  ...(Object.keys(IMPORT_DEFAULTS) as (keyof typeof IMPORT_DEFAULTS)[]),
  ...(["maxDeletes", "membershipPacking", "triggers"] as const),
];

/** The outputs the provider sets. */
const OUTPUTS =
  "sessionId sessionStatus sessions counts uploadCount sessionCount payloadDigest blockDigests planDigest sent lastRun";

export interface IdentitySourceImportSession {
  /** The session's id (`aps…`). */
  id: string;
  /** CREATED, IN_PROGRESS, TRIGGERED, COMPLETED, ERROR, EXPIRED or CLOSED. */
  status: string;
}

/** Records per data block; memberships count (group, member) pairs. */
export type IdentitySourceImportCounts = Record<ImportBlock, number>;

/**
 * A bulk import job: creates import sessions, uploads the data in chunks within Okta's limits, starts each
 * import and waits for its final status, all inside `create`. Type token
 * `pulumi-nodejs:dynamic/okta-identity-source:IdentitySourceImport`; the id is the first session's id.
 * Removing the resource undoes nothing in Okta. The arguments besides the data blocks are outputs too, as
 * declared with defaults applied.
 */
export class IdentitySourceImport extends pulumi.dynamic.Resource {
  /** Id of the Custom Identity Source app (`0oa…`). */
  declare readonly identitySourceId: pulumi.Output<string>;
  /** The last session's id (as `@pulumi/okta` names it). */
  declare readonly sessionId: pulumi.Output<string>;
  /** COMPLETED only if every session completed; otherwise the most telling other status. */
  declare readonly sessionStatus: pulumi.Output<string>;
  /** Every session of the latest run, in order. */
  declare readonly sessions: pulumi.Output<IdentitySourceImportSession[]>;
  /** Records declared per data block. */
  declare readonly counts: pulumi.Output<IdentitySourceImportCounts>;
  /** Bulk requests the last run sent (its plan's count). */
  declare readonly uploadCount: pulumi.Output<number>;
  /** Sessions the last run's plan needs. */
  declare readonly sessionCount: pulumi.Output<number>;
  /** sha256 of the canonical JSON of the data blocks: changes exactly when the data does. Secret. */
  declare readonly payloadDigest: pulumi.Output<string>;
  /** The same per data block. Secret. */
  declare readonly blockDigests: pulumi.Output<Record<string, string>>;
  /** sha256 of how the data was split into sessions and uploads (a re-run keeps done sessions only if equal). */
  declare readonly planDigest: pulumi.Output<string>;
  // The arguments besides the data blocks, as declared with defaults applied.
  declare readonly triggers: pulumi.Output<Record<string, string> | undefined>;
  declare readonly waitForCompletion: pulumi.Output<boolean>;
  declare readonly completionTimeoutSeconds: pulumi.Output<number>;
  declare readonly activeSessionWaitSeconds: pulumi.Output<number>;
  declare readonly pollIntervalSeconds: pulumi.Output<number>;
  declare readonly staleSessionSeconds: pulumi.Output<number>;
  declare readonly maxDeletes: pulumi.Output<number | undefined>;
  declare readonly membershipPacking: pulumi.Output<MembershipPacking>;
  declare readonly uploadMode: pulumi.Output<UploadMode>;
  declare readonly prune: pulumi.Output<boolean>;
  /** Records the last run sent, per data block (pruned deletes included). */
  declare readonly sent: pulumi.Output<IdentitySourceImportCounts>;
  /** What the last run sent: `"changes"`, `"all"` (every declared record) or `"none"` (nothing to send). */
  declare readonly lastRun: pulumi.Output<"changes" | "all" | "none">;

  constructor(name: string, args: IdentitySourceImportArgs, opts?: pulumi.CustomResourceOptions) {
    refuseReservedKeys("IdentitySourceImport", name, args);
    const inputs: Record<string, unknown> = { identitySourceId: args.identitySourceId };
    // Profiles and ids are personal data: secret in state. They are never copied to outputs.
    for (const block of IMPORT_BLOCKS)
      if (args[block] !== undefined) inputs[block] = pulumi.secret(args[block]);
    for (const knob of KNOBS) inputs[knob] = args[knob];
    const props = resourceProps(name, OUTPUTS.split(" "), inputs);
    // Digests of a small, guessable payload can be reversed by hashing candidates: as secret as their data, as
    // are unconfirmed prune deletes' ids. The provider reads them plain (the dynamic host gets unwrapped values).
    const secretOpts = pulumi.mergeOptions(opts, {
      additionalSecretOutputs: ["payloadDigest", "blockDigests", "planDigest", "unconfirmedPrunes"],
    });
    super(identitySourceImportShim, name, props, secretOpts, MODULE, "IdentitySourceImport");
  }
}
