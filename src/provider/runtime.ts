/**
 * Per-process state of the provider: the configuration received in `configure()`, and one Okta client
 * (with its rate-limit gate and token cache) shared by every resource the host runs. This module is only
 * ever reached through `require("pulumi-okta-identity-source/provider")` at call time, so nothing here is
 * serialized into state.
 */
import { createHash } from "node:crypto";
import { createOktaClient } from "../client";
import { normalizeOrgUrl } from "../client/org-url";
import type { OktaClient } from "../client/types";
import { CONFIG_KEYS, nameSetting, resolveOktaConfig, type ConfigSource } from "../config";

/** Pulumi's `ConfigureRequest.config`: keys are looked up as given (we always pass `okta:<key>`). */
export interface PulumiConfigBag {
  get(key: string): string | undefined;
}

let configSource: ConfigSource | undefined;
let cached: { fingerprint: string; client: OktaClient } | undefined;

/**
 * Called by every shim's `configure` (the host calls it once per distinct provider text, so up to once per
 * resource kind). The config is kept by reference; the client is built on first use.
 */
export function configureFromPulumi(config: PulumiConfigBag): void {
  const values = new Map<string, string>();
  // Copy eagerly: the host's config object is only guaranteed during the call.
  for (const { key } of CONFIG_KEYS) {
    const value = config.get(`okta:${key}`);
    if (value !== undefined && value !== "") values.set(key, value);
  }
  configSource = { get: (key) => values.get(key) };
  // The cached client is kept: the host calls this once per resource kind, and `getClient` compares
  // fingerprints, so only a real change of configuration drops its token cache and rate-limit gate.
}

/**
 * The shared client. Resolves configuration (stack config from `configure`, then `OKTA_*` environment
 * variables read now, inside the provider process) on first use and whenever the environment changes.
 */
export function getClient(): OktaClient {
  const resolved = resolveOktaConfig(configSource, process.env);
  // A digest, so that no credential is kept in a second, longer-lived string.
  const fingerprint = createHash("sha256").update(JSON.stringify(resolved)).digest("hex");
  if (cached?.fingerprint !== fingerprint) {
    cached = { fingerprint, client: createOktaClient({ ...resolved, nameSetting }) };
  }
  return cached.client;
}

/** The org the shared client talks to, as an origin (`https://dev-123.okta.com`). */
export function getOrgUrl(): string {
  return normalizeOrgUrl(resolveOktaConfig(configSource, process.env).orgUrl);
}

/** @internal For tests: forget configuration and the cached client. */
export function resetRuntimeForTests(): void {
  configSource = undefined;
  cached = undefined;
}
