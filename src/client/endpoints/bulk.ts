import { BULK_BODY_SCHEMAS, UPLOAD_PATHS } from "../../schemas/bulk";
import type { UploadBodies, UploadKind } from "../../schemas/bulk-bodies";
import type { CallOptions } from "../options";
import type { Send } from "../send";
import type { OktaClient } from "../types";
import { checkBody, profileValues, SOURCE_PATH } from "./common";

/**
 * Bulk uploads into a session (docs/okta-api.md#session-endpoints): POST the body, 202 with no body. The client never re-sends
 * one after an ambiguous failure: a copy spends one of the session's 50 uploads, so the import job decides
 * (`src/import/resend-budget.ts`).
 */
export function bulkEndpoints(send: Send): OktaClient["bulk"] {
  const upload =
    <K extends UploadKind>(kind: K, personal?: (body: UploadBodies[K]) => string[]) =>
    async (id: string, sessionId: string, body: UploadBodies[K], opts?: CallOptions): Promise<void> => {
      // Checked here, not only at plan time: a body Okta will refuse still spends one of the session's
      // 50 uploads (and a TypeScript type does not stop a caller passing `any`).
      checkBody(`bulk.${kind}`, BULK_BODY_SCHEMAS[kind], body);
      await send(
        {
          operation: `bulk.${kind}`,
          method: "POST",
          path: `${SOURCE_PATH}/sessions/{sessionId}/${UPLOAD_PATHS[kind]}`,
          params: { identitySourceId: id, sessionId },
          json: body,
          idempotent: false,
          ...(personal && { personalValues: personal(body) }),
        },
        opts,
      );
    };
  return {
    // User profiles are personal data Okta may echo in its errors. Group names and descriptions are not
    // (and are what tells a reader which group failed), so group uploads keep them.
    upsertUsers: upload("upsertUsers", (body) => profileValues(...body.profiles.map((p) => p.profile))),
    deleteUsers: upload("deleteUsers"),
    upsertGroups: upload("upsertGroups"),
    deleteGroups: upload("deleteGroups"),
    upsertMemberships: upload("upsertMemberships"),
    deleteMemberships: upload("deleteMemberships"),
  };
}
