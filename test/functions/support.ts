/**
 * Lookups run in the program process and read `okta:*` stack config or `OKTA_*` variables. These tests use
 * the environment (no Pulumi engine is running, so stack config is empty) and restore it afterwards.
 */
import { lookupConnection } from "../../src/functions/lookup";

export const CANARY_TOKEN = "CANARY-lookup-token-2c8f4e61";

const KEYS = ["OKTA_ORG_URL", "OKTA_API_TOKEN", "OKTA_MAX_RETRIES"] as const;

/** Points the lookups at `orgUrl` for the tests of the enclosing `describe`. */
export function useLookupEnv(orgUrl: () => string, token: () => string = () => CANARY_TOKEN): void {
  const saved = new Map<string, string | undefined>();
  beforeEach(() => {
    for (const key of Object.keys(process.env)) if (key.startsWith("OKTA_")) saved.set(key, process.env[key]);
    for (const key of saved.keys()) delete process.env[key];
    process.env["OKTA_ORG_URL"] = orgUrl();
    process.env["OKTA_API_TOKEN"] = token();
    process.env["OKTA_MAX_RETRIES"] = "0";
    lookupConnection.reset();
  });
  afterEach(() => {
    for (const key of KEYS) delete process.env[key];
    for (const [key, value] of saved) if (value !== undefined) process.env[key] = value;
    saved.clear();
    lookupConnection.reset();
  });
}
