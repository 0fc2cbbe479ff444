import { UPLOAD_KINDS, type UploadBodies, type UploadKind } from "../../schemas/bulk-bodies";
import { UPLOAD_KIND_SPECS } from "../../schemas/upload-kinds";
import type { CallOptions } from "../options";
import type { Send } from "../send";
import type { OktaClient } from "../types";
import { checkBody, profileValues, SOURCE_PATH } from "./common";

// Bulk uploads into a session (docs/okta-api.md#session-endpoints), one method per upload kind. Never re-sent
// after an ambiguous failure: a copy spends one of the session's 50 uploads (`src/import/resend-budget.ts`).
export function bulkEndpoints(send: Send): OktaClient["bulk"] {
  const upload =
    <K extends UploadKind>(uploadKind: K) =>
    async (id: string, sessionId: string, body: UploadBodies[K], opts?: CallOptions): Promise<void> => {
      const spec = UPLOAD_KIND_SPECS[uploadKind];
      // Checked here, not only at plan time: a body Okta will refuse still spends one of the session's
      // 50 uploads (and a TypeScript type does not stop a caller passing `any`).
      checkBody(`bulk.${uploadKind}`, spec.body, body);
      await send(
        {
          operation: `bulk.${uploadKind}`,
          method: "POST",
          path: `${SOURCE_PATH}/sessions/{sessionId}/${spec.path}`,
          params: { identitySourceId: id, sessionId },
          json: body,
          idempotent: false,
          ...(spec.personal && { personalValues: profileValues(...spec.personal(body)) }),
        },
        opts,
      );
    };
  return Object.fromEntries(
    UPLOAD_KINDS.map((uploadKind) => [uploadKind, upload(uploadKind)]),
  ) as OktaClient["bulk"];
}
