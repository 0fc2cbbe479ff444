/**
 * The provider context keeps one client per process: the host calls `configure()` once per resource kind,
 * and each call must not throw away the client (its cached OAuth token and rate-limit gate) when the
 * configuration is the same; nor may a call for a client resolve the configuration again (read a key file).
 */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OktaClient } from "../../src/client/types";
import { createProviderContext } from "../../src/provider/context";
import { CANARY_TOKEN, ORG } from "./support";

describe("provider context", () => {
  const context = createProviderContext();
  const configure = (config: Record<string, string>) => context.configure({ get: (key) => config[key] });
  const withToken = (token: string) => configure({ "okta:orgUrl": ORG, "okta:apiToken": token });

  beforeEach(() => context.reset());
  after(() => context.reset());

  it("keeps the same client when configure() is called again with the same configuration", () => {
    withToken(CANARY_TOKEN);
    const first = context.client();
    withToken(CANARY_TOKEN);
    assert.equal(context.client(), first);
  });

  it("builds a new client when the configuration changes", () => {
    withToken(CANARY_TOKEN);
    const first = context.client();
    withToken(`${CANARY_TOKEN}-rotated`);
    assert.notEqual(context.client(), first);
  });

  it("reads a private key file once, not on every call for the client", () => {
    const dir = mkdtempSync(join(tmpdir(), "okta-context-"));
    const keyFile = join(dir, "key.pem");
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    try {
      configure({ "okta:orgUrl": ORG, "okta:clientId": "0oaCLIENT", "okta:privateKey": keyFile });
      const first = context.client();
      rmSync(keyFile);
      assert.equal(context.client(), first, "the file is gone: resolving again would fail");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("forgets membership listings when configure() brings another configuration", async () => {
    let listings = 0;
    const listAll = () => Promise.resolve((listings += 1) > 0 ? ["m"] : []);
    const client = { memberships: { listAll } } as unknown as OktaClient;
    withToken(CANARY_TOKEN);
    await context.memberships.members(client, "0oaIS", "g");
    withToken(CANARY_TOKEN);
    await context.memberships.members(client, "0oaIS", "g");
    assert.equal(listings, 1, "same configuration: the listing is kept");
    configure({ "okta:orgUrl": "https://other.okta.com", "okta:apiToken": CANARY_TOKEN });
    await context.memberships.members(client, "0oaIS", "g");
    assert.equal(listings, 2, "another configuration: listed again");
  });
});
