/**
 * Per Okta configuration: one client (with its token cache) and the identity sources confirmed to exist.
 * Resolved again only when config values or `OKTA_*` variables change (resolving may read a key file).
 */
import { createHash } from "node:crypto";
import { createOktaClient } from "./client";
import { isNotFoundError } from "./client/errors";
import { normalizeOrgUrl } from "./client/org-url";
import type { OktaClient } from "./client/types";
import { CONFIG_KEYS, nameSetting, resolveOktaConfig, type ConfigSource } from "./config";

interface Resolved {
  fingerprint: string;
  client: OktaClient;
  orgUrl: string; // an origin: `https://dev-123.okta.com`
  confirmed: Map<string, Promise<void>>;
}

export class OktaConnection {
  private current: Resolved | undefined;

  constructor(private readonly source: () => ConfigSource | undefined) {}

  resolve(): Resolved {
    const source = this.source();
    const raw = CONFIG_KEYS.map(({ key, env }) => [source?.get(key), process.env[env]]);
    // A digest, so that no credential is kept in a second, longer-lived string.
    const fingerprint = createHash("sha256").update(JSON.stringify(raw)).digest("hex");
    if (this.current?.fingerprint !== fingerprint) {
      const resolved = resolveOktaConfig(source, process.env);
      const client = createOktaClient({ ...resolved, nameSetting });
      this.current = { fingerprint, client, orgUrl: normalizeOrgUrl(resolved.orgUrl), confirmed: new Map() };
    }
    return this.current;
  }

  client(): OktaClient {
    return this.resolve().client;
  }

  /** @internal Tests. */
  reset(): void {
    this.current = undefined;
  }

  /**
   * A record's 404 means "gone" only if its identity source exists: with a wrong org URL or identity source every
   * record answers 404, and a refresh would drop them all from state (and the next `up` refuse them as "already
   * exists"). Confirmed by listing its sessions, once per identity source.
   */
  confirmIdentitySource(identitySourceId: string): Promise<void> {
    const { client, confirmed } = this.resolve();
    const known = confirmed.get(identitySourceId);
    if (known !== undefined) return known;
    const check = client.sessions.list(identitySourceId).then(
      () => undefined,
      (error: unknown) => {
        // Only a confirmation is kept: a failure is looked at again by the next record.
        confirmed.delete(identitySourceId);
        throw new Error(
          isNotFoundError(error)
            ? `identity source ${identitySourceId} was not found in Okta (404 for the identity source itself, not ` +
                "only for the record), so nothing is reported gone. Check the org (okta:orgUrl / OKTA_ORG_URL, or " +
                "okta:orgName + okta:baseUrl) and the identitySourceId. If the identity source was deleted on " +
                "purpose, its records went with it: remove their resources from the stack with `pulumi state delete " +
                "<urn>`."
            : `could not confirm that identity source ${identitySourceId} exists, which is needed before a record ` +
                `of it is reported gone: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      },
    );
    confirmed.set(identitySourceId, check);
    return check;
  }
}
