/** The process's provider state, handed to every resource kind: configuration, connection, shared listings. */
import { CONFIG_KEYS, type ConfigSource } from "../config";
import { OktaConnection } from "../okta-connection";
import { realSleep } from "../client/sleep";
import type { ImportKindDeps } from "./import";
import { logInfo, resourceNameOf } from "./log";
import { MembershipListingCache } from "./membership-listing-cache";
import { journalForJob } from "./session-journal";
import { jsonEqual } from "./values";

export interface ProviderContext extends ImportKindDeps {
  confirmIdentitySource(identitySourceId: string): Promise<void>;
  memberships: MembershipListingCache;
}

export function createProviderContext(): ProviderContext & {
  /**
   * Pulumi's `ConfigureRequest.config` (keys `okta:<key>`). The host calls it once per distinct provider text,
   * so up to once per resource kind: the client, with its token cache, is kept while the configuration is the same.
   */
  configure(config: ConfigSource): void;
  /** @internal Tests. */
  reset(): void;
} {
  let stack: { values: Record<string, string | undefined>; source: ConfigSource } | undefined;
  const connection = new OktaConnection(() => stack?.source);
  const memberships = new MembershipListingCache();
  return {
    client: () => connection.client(),
    confirmIdentitySource: (identitySourceId) => connection.confirmIdentitySource(identitySourceId),
    memberships,
    clock: Date.now,
    sleep: realSleep,
    log: logInfo,
    journal: (identitySourceId, warn) => journalForJob(connection.resolve().orgUrl, identitySourceId, warn),
    configure(config) {
      // Copied now: the host's config object is only guaranteed during the call. "" is not set.
      const values = Object.fromEntries(
        CONFIG_KEYS.map(({ key }) => [key, config.get(`okta:${key}`) || undefined]),
      );
      // Listings read through another configuration (another org) are not this one's.
      if (!jsonEqual(values, stack?.values)) memberships.clear();
      stack = { values, source: { get: (key) => values[key] } };
    },
    reset() {
      stack = undefined;
      connection.reset();
      memberships.clear();
    },
  };
}

/** No such record: gone only once its identity source is confirmed (see `OktaConnection.confirmIdentitySource`). */
export async function confirmGone(
  context: ProviderContext,
  identitySourceId: string,
  deleted?: { props: Record<string, unknown>; what: string },
): Promise<Record<string, never>> {
  await context.confirmIdentitySource(identitySourceId);
  if (deleted) context.log(resourceNameOf(deleted.props), `the ${deleted.what} was already gone from Okta`);
  return {};
}
