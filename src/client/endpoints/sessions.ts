import { Session, SessionList } from "../../schemas/wire";
import { isOktaApiError } from "../errors";
import type { Send } from "../send";
import type { OktaClient } from "../types";
import { deleted, enc, isSessionGone, orUndefined, sendAndParse, sourcePath } from "./common";

/** Import sessions (API note §1.1 #1–4, #11). */
export function sessionsEndpoints(send: Send): OktaClient["sessions"] {
  const sessions = (id: string) => `${sourcePath(id)}/sessions`;
  const session = (id: string, sessionId: string) => `${sessions(id)}/${enc(sessionId)}`;

  const get: OktaClient["sessions"]["get"] = (id, sessionId, opts) =>
    orUndefined(
      sendAndParse(
        send,
        { operation: "sessions.get", method: "GET", path: session(id, sessionId), idempotent: true },
        Session,
        opts,
      ),
      isSessionGone,
    );

  return {
    // No body (Okta: content-length 0). Not idempotent: a second POST after an ambiguous failure could
    // open a second session; the import job reconciles by listing sessions instead.
    create: (id, opts) =>
      sendAndParse(
        send,
        { operation: "sessions.create", method: "POST", path: sessions(id), idempotent: false },
        Session,
        opts,
      ),
    list: (id, opts) =>
      sendAndParse(
        send,
        { operation: "sessions.list", method: "GET", path: sessions(id), idempotent: true },
        SessionList,
        opts,
      ),
    get,
    cancel: async (id, sessionId, opts) => {
      try {
        return await deleted(
          send(
            {
              operation: "sessions.cancel",
              method: "DELETE",
              path: session(id, sessionId),
              idempotent: true,
            },
            opts,
          ),
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
      sendAndParse(
        send,
        {
          operation: "sessions.startImport",
          method: "POST",
          path: `${session(id, sessionId)}/start-import`,
          idempotent: false,
        },
        Session,
        opts,
      ),
  };
}
