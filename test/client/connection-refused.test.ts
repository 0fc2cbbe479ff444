import assert from "node:assert/strict";
import { createServer } from "node:net";
import nock from "nock";
import { isOktaApiError, type OktaApiError } from "../../src/client";
import { nameSetting } from "../../src/config";
import { ISID, makeClient, ORG, useNock } from "./support";

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address !== null && typeof address === "object");
  return address.port;
}

async function failureOf(orgUrl: string): Promise<OktaApiError> {
  const { client } = makeClient({ orgUrl, maxRetries: 1, nameSetting });
  try {
    await client.sessions.list(ISID);
  } catch (error) {
    assert.ok(isOktaApiError(error), String(error));
    return error;
  }
  assert.fail("expected a failure");
}

describe("connection refused", () => {
  describe("on a loopback org URL", () => {
    before(() => nock.enableNetConnect("127.0.0.1"));

    it("names the URL it tried and says the emulator may not be running", async () => {
      const orgUrl = `http://127.0.0.1:${await closedPort()}`;
      const error = await failureOf(orgUrl);
      assert.equal(error.networkCode, "ECONNREFUSED");
      assert.equal(error.origin, orgUrl);
      assert.match(error.message, new RegExp(`failed: network error reaching ${orgUrl} \\(ECONNREFUSED`));
      assert.match(error.message, /after 2 attempts; not retried: .*no retries left/);
      assert.match(
        error.message,
        /Hint: http:\/\/127\.0\.0\.1:\d+ is this machine: if it is the emulator, it is not running \(start it with `npm run emulator`/,
      );
      assert.match(error.message, /check the org URL \(okta:orgUrl \/ OKTA_ORG_URL/);
    });
  });

  describe("on a remote org URL", () => {
    useNock();

    it("names the org and the settings to check, without mentioning the emulator", async () => {
      nock(ORG)
        .get(`/api/v1/identity-sources/${ISID}/sessions`)
        .times(2)
        .replyWithError(
          Object.assign(new Error("connect ECONNREFUSED 203.0.113.9:443"), { code: "ECONNREFUSED" }),
        );
      const error = await failureOf(ORG);
      assert.match(error.message, /network error reaching https:\/\/acme\.okta\.com \(ECONNREFUSED/);
      assert.match(
        error.message,
        /Hint: check the org URL \(okta:orgUrl \/ OKTA_ORG_URL, or okta:orgName \+ okta:baseUrl\)$/,
      );
      assert.doesNotMatch(error.message, /emulator/);
    });
  });
});
