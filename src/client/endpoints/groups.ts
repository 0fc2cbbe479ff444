import { DIRECT_BODY_SCHEMAS as BODY } from "../../schemas/direct-bodies";
import { Group } from "../../schemas/wire";
import type { Send } from "../send";
import type { OktaClient } from "../types";
import { checkBody, recordEndpoints, sendAndParse } from "./common";

/** Direct group endpoints (docs/okta-api.md#direct-endpoints). Paths take the Okta group id or the external id. */
export function groupsEndpoints(send: Send): OktaClient["groups"] {
  const { one, at, ...rest } = recordEndpoints(send, "groups", Group, "groupOrExternalId");
  return {
    ...rest,
    // Okta updates groups with POST, but the body replaces the profile: sending it twice is harmless.
    update: async (id, groupId, body, opts) =>
      sendAndParse(send, Group, opts, "groups.update", "POST", one, at(id, groupId), {
        json: checkBody("groups.update", BODY["groups.update"], body),
        idempotent: true,
      }),
  };
}
