/**
 * The whole Okta guide "Manage identity source" as one Pulumi program (the root `Pulumi.yaml` runs it): the
 * seed's three examples from `examples/`, in the guide's order of concepts, wired so that they work against an
 * empty identity source (the emulator or a fresh org):
 * 1. single records: a user, a group, and the user's membership in it;
 * 2. lookups of that user and that group's members (they wait for the records to exist);
 * 3. the bulk import job.
 * Each example also runs on its own from its folder.
 */
import * as pulumi from "@pulumi/pulumi";
import { bulkImport } from "./bulk-import/program";
import { identitySourceIdFromConfig } from "./identity-source-id";
import { lookups } from "./lookups/program";
import { singleRecords } from "./single-records/program";

const identitySourceId = identitySourceIdFromConfig();

const records = singleRecords({ identitySourceId });

// The guide looks up "USEREXT123456EXAMPLE" and the members of a group; here the group is the one example 2
// manages, and deriving the ids from the records' outputs makes the lookups run after the records (and the
// membership) exist.
const found = lookups({
  identitySourceId,
  userExternalId: records.userId.apply(() => "USEREXT123456EXAMPLE"),
  groupExternalId: pulumi.all([records.groupId, records.membershipId]).apply(() => "GRPEXT123456EXAMPLE"),
});

const job = bulkImport({ identitySourceId });

export const userId = records.userId;
export const groupId = records.groupId;
export const membershipId = records.membershipId;
export const lookedUpUserId = found.userId;
export const memberExternalIds = found.memberExternalIds;
export const sessionId = job.sessionId;
export const sessionStatus = job.sessionStatus; // the guide: "check session_status"
