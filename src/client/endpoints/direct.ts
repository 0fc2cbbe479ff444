import type { z } from "zod";
import { DIRECT_BODY_SCHEMAS as BODY } from "../../schemas/direct-bodies";
import { Group, User } from "../../schemas/wire";
import type { CallOptions } from "../options";
import type { PathParams } from "../path";
import { tryJson } from "../response";
import type { HttpMethod, Send, SendRequest } from "../send";
import type { OktaClient } from "../types";
import { checkBody, deleted, orUndefined, profileValues, request, sendAndParse, SOURCE_PATH } from "./common";

// The direct users and groups endpoints (docs/okta-api.md#direct-endpoints).

type Profiled = { readonly profile: Readonly<Record<string, unknown>> };

/** `personal`: the profiles are personal data, kept out of errors (`SendRequest.personalValues`). */
function recordEndpoints<T extends { externalId: string }>(
  send: Send,
  family: "users" | "groups",
  schema: z.ZodType<T>,
  key: string,
  personal: boolean,
) {
  const many = `${SOURCE_PATH}/${family}`;
  const one = `${many}/{${key}}`;
  const at = (id: string, recordId: string): PathParams => ({ identitySourceId: id, [key]: recordId });
  const withBody = (operation: keyof typeof BODY, body: Profiled): Partial<SendRequest> => ({
    json: checkBody<unknown>(operation, BODY[operation], body),
    ...(personal && { personalValues: profileValues(body.profile) }),
  });
  return {
    create: async (id: string, body: Profiled & { externalId: string }, opts?: CallOptions) => {
      const operation = `${family}.create` as const;
      const more = withBody(operation, body);
      const res = await send(request(operation, "POST", many, { identitySourceId: id }, more), opts);
      // The 2xx answer's record, or `undefined` when it is not clearly it (no body, not JSON, another shape or
      // record): the caller reads it back. A create Okta accepted must not fail on an odd answer.
      const json = tryJson(res.body);
      const parsed = json.ok ? schema.safeParse(json.value) : undefined;
      return parsed?.success && parsed.data.externalId === body.externalId ? parsed.data : undefined;
    },
    get: (id: string, recordId: string, opts?: CallOptions): Promise<T | undefined> =>
      orUndefined(sendAndParse(send, schema, opts, `${family}.get`, "GET", one, at(id, recordId))),
    delete: (id: string, recordId: string, opts?: CallOptions): Promise<boolean> =>
      deleted(send(request(`${family}.delete`, "DELETE", one, at(id, recordId)), opts)),
    /** A PUT, PATCH or POST of the record; each replaces or merges what it is given, so it may be re-sent. */
    write:
      (operation: keyof typeof BODY, method: HttpMethod) =>
      async (id: string, recordId: string, body: Profiled, opts?: CallOptions): Promise<T> =>
        sendAndParse(send, schema, opts, operation, method, one, at(id, recordId), {
          ...withBody(operation, body),
          idempotent: true,
        }),
  };
}

export function usersEndpoints(send: Send): OktaClient["users"] {
  const { write, ...rest } = recordEndpoints(send, "users", User, "externalId", true);
  // PUT replaces the profile; PATCH merges the same attributes twice into the same profile: both safe to resend.
  return {
    ...rest,
    replace: write("users.replace", "PUT"),
    patch: write("users.patch", "PATCH"),
  };
}

/** Paths take the Okta group id or the external id. */
export function groupsEndpoints(send: Send): OktaClient["groups"] {
  const { write, ...rest } = recordEndpoints(send, "groups", Group, "groupOrExternalId", false);
  // Okta updates groups with POST, but the body replaces the profile: sending it twice is harmless.
  return { ...rest, update: write("groups.update", "POST") };
}
