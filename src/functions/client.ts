/**
 * The Okta client of the program process (lookups run there, not in the provider host). Configuration is the
 * same as the provider's: stack config under `okta:` (`new pulumi.Config("okta")`), then `OKTA_*` environment
 * variables. One client per process, rebuilt only when the resolved configuration changes.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { createOktaClient } from "../client";
import type { OktaClient } from "../client/types";
import { nameSetting, resolveOktaConfig } from "../config";

let cached: { fingerprint: string; client: OktaClient } | undefined;

export function lookupClient(): OktaClient {
  const config = new pulumi.Config("okta");
  const resolved = resolveOktaConfig({ get: (key) => config.get(key) }, process.env);
  // A digest, so that no credential is kept in a second, longer-lived string.
  const fingerprint = createHash("sha256").update(JSON.stringify(resolved)).digest("hex");
  if (cached?.fingerprint !== fingerprint)
    cached = { fingerprint, client: createOktaClient({ ...resolved, nameSetting }) };
  return cached.client;
}

/** @internal For tests: forget the cached client. */
export function resetLookupClientForTests(): void {
  cached = undefined;
}
