import { Session, SessionList } from "../../schemas/wire";
import { isOktaApiError } from "../errors";
import type { Send } from "../send";
import type { OktaClient } from "../types";
import { deleted, isSessionGone, orUndefined, request, sendAndParse, SOURCE_PATH } from "./common";

/** Import sessions (docs/okta-api.md#session-endpoints). */
export function sessionsEndpoints(send: Send): OktaClient["sessions"] {
  const sessions = `${SOURCE_PATH}/sessions`;
  const session = `${sessions}/{sessionId}`;
  const start = `${session}/start-import`;
  const at = (id: string, sessionId: string) => ({ identitySourceId: id, sessionId });

  const get: OktaClient["sessions"]["get"] = (id, sessionId, opts) =>
    orUndefined(
      sendAndParse(send, Session, opts, "sessions.get", "GET", session, at(id, sessionId)),
      isSessionGone,
    );

  return {
    // No body (Okta: content-length 0). Not idempotent: a second POST after an ambiguous failure could
    // open a second session; the import job reconciles by listing sessions instead.
    create: (id, opts) =>
      sendAndParse(send, Session, opts, "sessions.create", "POST", sessions, { identitySourceId: id }),
    list: (id, opts) =>
      sendAndParse(send, SessionList, opts, "sessions.list", "GET", sessions, { identitySourceId: id }),
    get,
    cancel: async (id, sessionId, opts) => {
      try {
        return await deleted(
          send(request("sessions.cancel", "DELETE", session, at(id, sessionId)), opts),
          isSessionGone,
        );
      } catch (error) {
        // After a retried DELETE, a 400 "cannot be canceled" may mean our first attempt already closed it.
        if (isOktaApiError(error) && error.attempts > 1 && error.status === 400) {
          const current = await get(id, sessionId, opts);
          if (current?.status === "CLOSED") return true;
        }
        throw error;
      }
    },
    startImport: (id, sessionId, opts) =>
      sendAndParse(send, Session, opts, "sessions.startImport", "POST", start, at(id, sessionId)),
  };
}
