import { DIRECT_BODY_SCHEMAS as BODY } from "../../schemas/direct-bodies";
import { MAX_MEMBERSHIP_PAGE_LIMIT } from "../../schemas/limits";
import { MembershipPage } from "../../schemas/wire";
import type { CallOptions } from "../options";
import { paginate } from "../pagination";
import { parseBody } from "../response";
import type { Send } from "../send";
import type { OktaClient } from "../types";
import { fillPath } from "../path";
import { checkBody, deleted, request, SOURCE_PATH } from "./common";

/** Group memberships (docs/okta-api.md#pagination). The listing is the API's only paginated endpoint. */
export function membershipsEndpoints(send: Send, orgUrl: string): OktaClient["memberships"] {
  const membership = `${SOURCE_PATH}/groups/{groupOrExternalId}/membership`;
  const at = (id: string, groupId: string) => ({ identitySourceId: id, groupOrExternalId: groupId });

  async function* pages(
    id: string,
    groupId: string,
    opts: (CallOptions & { pageSize?: number }) | undefined,
  ): AsyncGenerator<string[], void, undefined> {
    const { pageSize = MAX_MEMBERSHIP_PAGE_LIMIT, ...call } = opts ?? {};
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_MEMBERSHIP_PAGE_LIMIT) {
      throw new RangeError(`pageSize must be an integer from 1 to ${MAX_MEMBERSHIP_PAGE_LIMIT}`);
    }
    const operation = "memberships.list";
    // Filled here, not in `send`: later pages follow the links Okta returns.
    const first = `${fillPath(operation, membership, at(id, groupId))}?limit=${pageSize}`;
    const get = (path: string) => send({ operation, method: "GET", path, idempotent: true }, call);
    for await (const res of paginate(first, orgUrl, operation, get)) {
      yield parseBody(res, MembershipPage, { method: "GET", path: res.path, operation }).memberExternalIds;
    }
  }

  return {
    // Not idempotent by our rule for creates, although Okta likely treats a repeat as a no-op.
    add: async (id, groupId, memberExternalId, opts) => {
      const body = checkBody("memberships.add", BODY["memberships.add"], { memberExternalId });
      await send(request("memberships.add", "POST", membership, at(id, groupId), { json: body }), opts);
    },
    remove: (id, groupId, memberExternalId, opts) =>
      deleted(
        send(
          request("memberships.remove", "DELETE", `${membership}/{memberExternalId}`, {
            ...at(id, groupId),
            memberExternalId,
          }),
          opts,
        ),
      ),
    pages,
    listAll: async (id, groupId, opts) => {
      const all: string[] = [];
      for await (const page of pages(id, groupId, opts)) all.push(...page);
      return all;
    },
  };
}
