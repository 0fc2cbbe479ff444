import { identitySourceIdFromConfig } from "../identity-source-id";
import { bulkImport } from "./program";

const outputs = bulkImport({ identitySourceId: identitySourceIdFromConfig() });

export const sessionId = outputs.sessionId;
export const sessionStatus = outputs.sessionStatus;
export const sessions = outputs.sessions;
export const uploadCount = outputs.uploadCount;
