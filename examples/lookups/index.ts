import { identitySourceIdFromConfig } from "../identity-source-id";
import { lookups } from "./program";

const outputs = lookups({ identitySourceId: identitySourceIdFromConfig() });

export const userId = outputs.userId;
export const userLastUpdated = outputs.userLastUpdated;
export const userEmail = outputs.userEmail;
export const memberExternalIds = outputs.memberExternalIds;
