import type { UploadBodies, UploadKind } from "../schemas/bulk-bodies";
import type { CreateUserBody, GroupBody, PatchUserBody, ReplaceUserBody } from "../schemas/direct-bodies";
import type { Group, Session, User } from "../schemas/wire";
import type { CallOptions } from "./options";

/** A write to one thing (`id`: a session, a user, a group) of an identity source. */
type Write<Body, Result> = (
  identitySourceId: string,
  id: string,
  body: Body,
  opts?: CallOptions,
) => Promise<Result>;

/**
 * The typed surface of the client: the 23 operations of docs/okta-api.md#endpoints, grouped by family.
 * Conventions:
 * - `get…` resolves `undefined` when Okta says the thing does not exist (404, or 400 E0000001 about an
 *   invalid session id, which older orgs send; docs/okta-api.md#session-errors).
 * - `delete…`/`cancel`/`remove` resolve `true` when something was deleted and `false` when it was already
 *   gone; any other failure rejects with `OktaApiError`.
 * - Bodies are sent exactly as given, after a check against their strict schema (`UPLOAD_KIND_SPECS`,
 *   `DIRECT_BODY_SCHEMAS`): a mismatch rejects with a TypeError before any request.
 */
export interface OktaClient {
  readonly sessions: {
    create(identitySourceId: string, opts?: CallOptions): Promise<Session>;
    list(identitySourceId: string, opts?: CallOptions): Promise<Session[]>;
    get(identitySourceId: string, sessionId: string, opts?: CallOptions): Promise<Session | undefined>;
    /** DELETE the session (cancel): only CREATED/IN_PROGRESS sessions can be cancelled. */
    cancel(identitySourceId: string, sessionId: string, opts?: CallOptions): Promise<boolean>;
    startImport(identitySourceId: string, sessionId: string, opts?: CallOptions): Promise<Session>;
  };
  /** One upload per kind (`UPLOAD_KIND_SPECS`: path, body schema): POST the body, 202 without a body. */
  readonly bulk: { [K in UploadKind]: Write<UploadBodies[K], void> };
  /**
   * The identity-sources rate-limit window as the last answers reported it: the share (0–1) of its budget
   * left (less what was sent since) and the time until it resets; `undefined` while not known. For callers
   * that can choose to send less, like polling.
   */
  rateLimitHeadroom(): { share: number; resetInMs: number } | undefined;
  readonly users: {
    /**
     * POST …/users. Resolves the new user when Okta's answer carries it (as recorded traffic shows), else
     * `undefined` (SPEC documents no body): read the user back with `get` then.
     */
    create(identitySourceId: string, body: CreateUserBody, opts?: CallOptions): Promise<User | undefined>;
    get(identitySourceId: string, externalId: string, opts?: CallOptions): Promise<User | undefined>;
    /** PUT: replaces the profile; attributes not sent become null. */
    replace: Write<ReplaceUserBody, User>;
    /** PATCH: merges the given attributes into the profile. */
    patch: Write<PatchUserBody, User>;
    delete(identitySourceId: string, externalId: string, opts?: CallOptions): Promise<boolean>;
  };
  readonly groups: {
    /**
     * POST …/groups. Resolves the new group from Okta's answer (SPEC and recorded traffic: 200 with the group),
     * or `undefined` when the answer is not clearly it: look it up by external id with `get` then.
     */
    create(identitySourceId: string, body: GroupBody, opts?: CallOptions): Promise<Group | undefined>;
    /** By Okta group id (`00g…`) or external id. */
    get(identitySourceId: string, groupOrExternalId: string, opts?: CallOptions): Promise<Group | undefined>;
    /** Okta updates groups with POST, not PUT/PATCH. By Okta group id or external id. */
    update: Write<GroupBody, Group>;
    delete(identitySourceId: string, groupOrExternalId: string, opts?: CallOptions): Promise<boolean>;
  };
  readonly memberships: {
    add(
      identitySourceId: string,
      groupOrExternalId: string,
      memberExternalId: string,
      opts?: CallOptions,
    ): Promise<void>;
    remove(
      identitySourceId: string,
      groupOrExternalId: string,
      memberExternalId: string,
      opts?: CallOptions,
    ): Promise<boolean>;
    /** Every page of the group's members, following `Link: <…>; rel="next"`. Rejects with a 404 OktaApiError if the group is gone. */
    pages(
      identitySourceId: string,
      groupOrExternalId: string,
      opts?: CallOptions & { pageSize?: number },
    ): AsyncIterable<string[]>;
    /** All member external ids (convenience over `pages`). */
    listAll(
      identitySourceId: string,
      groupOrExternalId: string,
      opts?: CallOptions & { pageSize?: number },
    ): Promise<string[]>;
  };
}
