import { UPLOAD_KINDS, type UploadBodies, type UploadKind } from "../../schemas/bulk-bodies";
import { UPLOAD_KIND_SPECS } from "../../schemas/upload-kinds";
import type { CallOptions } from "../options";
import type { Send } from "../send";
import type { OktaClient } from "../types";
import { checkBody, profileValues, request, SOURCE_PATH } from "./common";

// Bulk uploads into a session (docs/okta-api.md#session-endpoints), one method per upload kind. Never re-sent
// after an ambiguous failure: a copy spends one of the session's 50 uploads (`src/import/resend-budget.ts`).
export function bulkEndpoints(send: Send): OktaClient["bulk"] {
  const upload =
    <K extends UploadKind>(uploadKind: K) =>
    async (id: string, sessionId: string, body: UploadBodies[K], opts?: CallOptions): Promise<void> => {
      const operation = `bulk.${uploadKind}`;
      const spec = UPLOAD_KIND_SPECS[uploadKind];
      const path = `${SOURCE_PATH}/sessions/{sessionId}/${spec.path}`;
      // Checked here, not only at plan time: a body Okta will refuse still spends one of the session's
      // 50 uploads (and a TypeScript type does not stop a caller passing `any`).
      const more = {
        json: checkBody(operation, spec.body, body),
        ...(spec.personal && { personalValues: profileValues(...spec.personal(body)) }),
      };
      await send(request(operation, "POST", path, { identitySourceId: id, sessionId }, more), opts);
    };
  return Object.fromEntries(
    UPLOAD_KINDS.map((uploadKind) => [uploadKind, upload(uploadKind)]),
  ) as OktaClient["bulk"];
}
