import type * as pulumi from "@pulumi/pulumi";
import type { Session } from "../schemas/wire";
import { SessionsLookupArgs } from "../schemas/resource-args";
import { checkedArgs, definedOnly, lookupConnection } from "./lookup";
import { outputForm, type InputsOf } from "./output-lookup";

export interface GetIdentitySourceSessionsArgs {
  /** Id of the Custom Identity Source app (`0oa…`). */
  identitySourceId: string;
  /** The session to read (`aps…`). Without it, every session Okta lists is returned and the latest is described. */
  sessionId?: string;
}

/** `GetIdentitySourceSessionsArgs` as `pulumi.Input`s. */
export type GetIdentitySourceSessionsOutputArgs = InputsOf<GetIdentitySourceSessionsArgs>;

export interface IdentitySourceSessionResult {
  /** The session's id (`aps…`). */
  id: string;
  /** `CREATED`, `IN_PROGRESS`, `TRIGGERED`, `COMPLETED`, `CLOSED`, `EXPIRED` or `ERROR`. */
  status: string;
  /** How Okta imports the session (`INCREMENTAL`). */
  importType?: string;
  /** RFC 3339 time. */
  created?: string;
  /** RFC 3339 time. */
  lastUpdated?: string;
}

/**
 * The described session's fields (`id`, `status`, …) are absent, not undefined, when the identity source lists
 * no session.
 */
export interface GetIdentitySourceSessionsResult extends Partial<IdentitySourceSessionResult> {
  /** Id of the Custom Identity Source app (`0oa…`). */
  identitySourceId: string;
  /** The described session's id (the same as `id`; `@pulumi/okta` has both). Absent when no session is listed. */
  sessionId?: string;
  /**
   * With `sessionId`: that session only. Without: every session Okta lists, oldest first (Okta may list only
   * active sessions; see the README).
   */
  sessions: IdentitySourceSessionResult[];
}

const describe = ({ id, status, importType, created, lastUpdated }: Session): IdentitySourceSessionResult =>
  definedOnly({ id, status, importType, created, lastUpdated });

const time = (value: string | undefined): number => {
  const ms = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(ms) ? -Infinity : ms;
};

/** Oldest first by `created`, then `lastUpdated`; ties keep Okta's order (stable sort): the last is the latest. */
const oldestFirst = (a: Session, b: Session): number =>
  time(a.created) - time(b.created) || time(a.lastUpdated) - time(b.lastUpdated);

/**
 * Reads import sessions (`data "okta_identity_source_sessions"`): the session with `sessionId`, or, without
 * it, every session Okta lists plus the latest one in the top-level fields (the behaviour `@pulumi/okta`
 * documents but does not implement). Fails when the session with `sessionId` does not exist. An identity
 * source that lists no session (none yet, or only finished ones, which Okta may leave out) gives
 * `sessions: []` and none of the described session's keys, so the result can be exported as is.
 */
export async function getIdentitySourceSessions(
  given: GetIdentitySourceSessionsArgs,
  _opts?: pulumi.InvokeOptions,
): Promise<GetIdentitySourceSessionsResult> {
  const args = checkedArgs("getIdentitySourceSessions", SessionsLookupArgs, given);
  let listed: Session[];
  if (args.sessionId !== undefined && args.sessionId !== "") {
    const session = await lookupConnection.client().sessions.get(args.identitySourceId, args.sessionId);
    if (session === undefined)
      throw new Error(
        `getIdentitySourceSessions: no session ${args.sessionId} in identity source ${args.identitySourceId}`,
      );
    listed = [session];
  } else listed = (await lookupConnection.client().sessions.list(args.identitySourceId)).sort(oldestFirst);
  const chosen = listed.at(-1);
  return {
    ...(chosen !== undefined && { ...describe(chosen), sessionId: chosen.id }),
    identitySourceId: args.identitySourceId,
    sessions: listed.map(describe),
  };
}

/** `getIdentitySourceSessions` taking `pulumi.Input`s. */
export const getIdentitySourceSessionsOutput = outputForm(getIdentitySourceSessions);
