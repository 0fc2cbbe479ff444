import {
  DIRECT_BODY_SCHEMAS as BODY,
  type CreateUserBody,
  type PatchUserBody,
  type ReplaceUserBody,
} from "../../schemas/direct-bodies";
import { User } from "../../schemas/wire";
import type { CallOptions } from "../options";
import type { Send } from "../send";
import type { OktaClient } from "../types";
import { checkBody, profileValues, recordEndpoints, sendAndParse } from "./common";

/** Direct user endpoints (docs/okta-api.md#direct-endpoints). */
export function usersEndpoints(send: Send): OktaClient["users"] {
  const { one, at, ...rest } = recordEndpoints(send, "users", User, "externalId", (body: CreateUserBody) =>
    profileValues(body.profile),
  );
  // PUT replaces the profile; PATCH merges the same attributes twice into the same profile: both safe to resend.
  const write =
    (operation: "users.replace" | "users.patch", method: "PUT" | "PATCH") =>
    async (id: string, externalId: string, body: ReplaceUserBody | PatchUserBody, opts?: CallOptions) =>
      sendAndParse(send, User, opts, operation, method, one, at(id, externalId), {
        json: checkBody(operation, BODY[operation], body),
        personalValues: profileValues(body.profile),
      });
  return { ...rest, replace: write("users.replace", "PUT"), patch: write("users.patch", "PATCH") };
}
