import { DIRECT_BODY_SCHEMAS as BODY } from "../../schemas/direct-bodies";
import { User } from "../../schemas/wire";
import type { Send } from "../send";
import type { OktaClient } from "../types";
import {
  checkBody,
  createdRecord,
  deleted,
  orUndefined,
  profileValues,
  sendAndParse,
  SOURCE_PATH,
} from "./common";

/** Direct user endpoints (docs/okta-api.md#direct-endpoints). */
export function usersEndpoints(send: Send): OktaClient["users"] {
  const users = `${SOURCE_PATH}/users`;
  const user = `${users}/{externalId}`;
  return {
    // SPEC documents no response body; Okta's recorded traffic answers 200 with the new user. Any 2xx is
    // success; the user is returned only when the answer is clearly it. Not idempotent (a create).
    create: async (id, body, opts) => {
      checkBody("users.create", BODY["users.create"], body);
      const res = await send(
        {
          operation: "users.create",
          method: "POST",
          path: users,
          params: { identitySourceId: id },
          json: body,
          idempotent: false,
          personalValues: profileValues(body.profile),
        },
        opts,
      );
      return createdRecord(res.body, User, (user) => user.externalId === body.externalId);
    },
    get: (id, externalId, opts) =>
      orUndefined(
        sendAndParse(
          send,
          {
            operation: "users.get",
            method: "GET",
            path: user,
            params: { identitySourceId: id, externalId },
            idempotent: true,
          },
          User,
          opts,
        ),
      ),
    replace: async (id, externalId, body, opts) =>
      sendAndParse(
        send,
        {
          operation: "users.replace",
          method: "PUT",
          path: user,
          params: { identitySourceId: id, externalId },
          json: checkBody("users.replace", BODY["users.replace"], body),
          idempotent: true,
          personalValues: profileValues(body.profile),
        },
        User,
        opts,
      ),
    // Merging the same attributes twice leaves the same profile: safe to resend.
    patch: async (id, externalId, body, opts) =>
      sendAndParse(
        send,
        {
          operation: "users.patch",
          method: "PATCH",
          path: user,
          params: { identitySourceId: id, externalId },
          json: checkBody("users.patch", BODY["users.patch"], body),
          idempotent: true,
          personalValues: profileValues(body.profile),
        },
        User,
        opts,
      ),
    delete: (id, externalId, opts) =>
      deleted(
        send(
          {
            operation: "users.delete",
            method: "DELETE",
            path: user,
            params: { identitySourceId: id, externalId },
            idempotent: true,
          },
          opts,
        ),
      ),
  };
}
