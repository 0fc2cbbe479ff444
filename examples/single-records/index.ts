import { identitySourceIdFromConfig } from "../identity-source-id";
import { singleRecords } from "./program";

const outputs = singleRecords({ identitySourceId: identitySourceIdFromConfig() });

export const userId = outputs.userId;
export const oktaUserId = outputs.oktaUserId;
export const groupId = outputs.groupId;
export const membershipId = outputs.membershipId;
