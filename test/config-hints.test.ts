/**
 * The client names no setting the way users set it (`src/client` knows nothing of Pulumi); the clients the
 * provider and the lookups build must therefore get the configuration layer's words for their hints.
 */
import assert from "node:assert/strict";
import nock from "nock";
import { isOktaApiError } from "../src/client";
import { lookupConnection } from "../src/functions/lookup";
import { createProviderContext } from "../src/provider/context";
import { ISID, oktaError, ORG, rejection, useNock } from "./client/support";

const TOKEN = "CANARY-hints-token-5d1e";
const SESSIONS = `/api/v1/identity-sources/${ISID}/sessions`;

describe("hints of the provider's and the lookups' clients", () => {
  useNock();
  const saved = { url: process.env["OKTA_ORG_URL"], token: process.env["OKTA_API_TOKEN"] };
  const restore = (key: string, value: string | undefined) => {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  };
  const provider = createProviderContext();
  afterEach(() => {
    provider.reset();
    lookupConnection.reset();
    restore("OKTA_ORG_URL", saved.url);
    restore("OKTA_API_TOKEN", saved.token);
  });

  it("name the okta: key and OKTA_ variable, not the client option", async () => {
    const config: Record<string, string> = { "okta:orgUrl": ORG, "okta:apiToken": TOKEN };
    provider.configure({ get: (key) => config[key] });
    process.env["OKTA_ORG_URL"] = ORG;
    process.env["OKTA_API_TOKEN"] = TOKEN;
    for (const client of [provider.client(), lookupConnection.client()]) {
      nock(ORG).get(SESSIONS).reply(401, oktaError("E0000011", "Invalid token provided"));
      const error = await rejection(client.sessions.list(ISID));
      assert.ok(isOktaApiError(error));
      assert.match(error.message, /check the API token \(stack config okta:apiToken or env OKTA_API_TOKEN\)/);
      assert.doesNotMatch(error.message, /auth\.token/);
    }
  });
});
