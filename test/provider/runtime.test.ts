/**
 * The provider runtime keeps one client per process: the host calls `configure()` once per resource kind,
 * and each call must not throw away the client (its cached OAuth token and rate-limit gate) when the
 * configuration is the same.
 */
import assert from "node:assert/strict";
import { configureFromPulumi, getClient, resetRuntimeForTests } from "../../src/provider/runtime";
import { CANARY_TOKEN, ORG } from "./support";

const configure = (token: string) => {
  const config: Record<string, string> = { "okta:orgUrl": ORG, "okta:apiToken": token };
  configureFromPulumi({ get: (key) => config[key] });
};

describe("provider runtime", () => {
  beforeEach(() => resetRuntimeForTests());
  after(() => resetRuntimeForTests());

  it("keeps the same client when configure() is called again with the same configuration", () => {
    configure(CANARY_TOKEN);
    const first = getClient();
    configure(CANARY_TOKEN);
    assert.equal(getClient(), first);
  });

  it("builds a new client when the configuration changes", () => {
    configure(CANARY_TOKEN);
    const first = getClient();
    configure(`${CANARY_TOKEN}-rotated`);
    assert.notEqual(getClient(), first);
  });
});
