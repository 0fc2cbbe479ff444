/**
 * A 404 for a record means "gone" only if its identity source exists. With a wrong org URL (a stray
 * `OKTA_ORG_URL` in CI), a mistyped or a deleted identity source, every record answers 404 as well; taking that
 * as "gone" would make a refresh drop every live record from state (and the next `up` refuse them all as
 * "already exists"), and a destroy forget them. So before reporting a record gone, the identity source is
 * confirmed by listing its sessions: once per identity source per client, i.e. once per provider process.
 */
import { isNotFoundError } from "../client/errors";
import type { OktaClient } from "../client/types";

const confirmed = new WeakMap<OktaClient, Map<string, Promise<void>>>();

/** Resolves when the identity source exists; rejects, naming what to check, when Okta answers 404 for it. */
export function confirmIdentitySource(client: OktaClient, identitySourceId: string): Promise<void> {
  let perClient = confirmed.get(client);
  if (perClient === undefined) {
    perClient = new Map();
    confirmed.set(client, perClient);
  }
  const known = perClient.get(identitySourceId);
  if (known !== undefined) return known;
  const cache = perClient;
  const check = client.sessions.list(identitySourceId).then(
    () => undefined,
    (error: unknown) => {
      // Only a confirmation is kept: a failure is looked at again by the next record.
      cache.delete(identitySourceId);
      if (!isNotFoundError(error)) {
        throw new Error(
          `could not confirm that identity source ${identitySourceId} exists, which is needed before a record ` +
            `of it is reported gone: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      throw new Error(
        `identity source ${identitySourceId} was not found in Okta (404 for the identity source itself, not ` +
          "only for the record), so nothing is reported gone. Check the org (okta:orgUrl / OKTA_ORG_URL, or " +
          "okta:orgName + okta:baseUrl) and the identitySourceId. If the identity source was deleted on " +
          "purpose, its records went with it: remove their resources from the stack with `pulumi state delete " +
          "<urn>`.",
        { cause: error },
      );
    },
  );
  perClient.set(identitySourceId, check);
  return check;
}
