/**
 * What a process keeps per Okta configuration: one client (with its OAuth token cache) and the identity
 * sources confirmed to exist. The provider context (`provider/context.ts`) and the program's lookups
 * (`functions/lookup.ts`) each hold one. The configuration is resolved again only when what it is read from
 * (stack config values, `OKTA_*` variables) changes: resolving may read a key file.
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
  /** The org as an origin (`https://dev-123.okta.com`). */
  orgUrl: string;
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

  /** @internal Tests: forget the client and what it confirmed. */
  reset(): void {
    this.current = undefined;
  }

  /**
   * A 404 for a record means "gone" only if its identity source exists. With a wrong org URL (a stray
   * `OKTA_ORG_URL` in CI), a mistyped or a deleted identity source, every record answers 404 as well; taking
   * that as "gone" would make a refresh drop every live record from state (and the next `up` refuse them all
   * as "already exists"), and a destroy forget them. So before reporting a record gone, the identity source is
   * confirmed by listing its sessions, once per identity source per client. Rejects, naming what to check,
   * when Okta answers 404 for it.
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
    confirmed.set(identitySourceId, check);
    return check;
  }
}
