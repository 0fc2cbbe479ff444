import { DIRECT_BODY_SCHEMAS as BODY } from "../../schemas/direct-bodies";
import { Group } from "../../schemas/wire";
import type { Send } from "../send";
import type { OktaClient } from "../types";
import { checkBody, createdRecord, deleted, orUndefined, sendAndParse, SOURCE_PATH } from "./common";

/** Direct group endpoints (docs/okta-api.md#direct-endpoints). Paths take the Okta group id or the external id. */
export function groupsEndpoints(send: Send): OktaClient["groups"] {
  const groups = `${SOURCE_PATH}/groups`;
  const group = `${groups}/{groupOrExternalId}`;
  return {
    // Not idempotent (a create); the group is returned only when the answer is clearly it.
    create: async (id, body, opts) => {
      const res = await send(
        {
          operation: "groups.create",
          method: "POST",
          path: groups,
          params: { identitySourceId: id },
          json: checkBody("groups.create", BODY["groups.create"], body),
          idempotent: false,
        },
        opts,
      );
      return createdRecord(res.body, Group, (group) => group.externalId === body.externalId);
    },
    get: (id, groupId, opts) =>
      orUndefined(
        sendAndParse(
          send,
          {
            operation: "groups.get",
            method: "GET",
            path: group,
            params: { identitySourceId: id, groupOrExternalId: groupId },
            idempotent: true,
          },
          Group,
          opts,
        ),
      ),
    // Okta updates groups with POST, but the body replaces the profile: sending it twice is harmless.
    update: async (id, groupId, body, opts) =>
      sendAndParse(
        send,
        {
          operation: "groups.update",
          method: "POST",
          path: group,
          params: { identitySourceId: id, groupOrExternalId: groupId },
          json: checkBody("groups.update", BODY["groups.update"], body),
          idempotent: true,
        },
        Group,
        opts,
      ),
    delete: (id, groupId, opts) =>
      deleted(
        send(
          {
            operation: "groups.delete",
            method: "DELETE",
            path: group,
            params: { identitySourceId: id, groupOrExternalId: groupId },
            idempotent: true,
          },
          opts,
        ),
      ),
  };
}
