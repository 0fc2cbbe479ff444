import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { createOktaClient } from "../../src/client";
import { VERSION } from "../../src/client/version";
import { ISID, makeClient, useNock } from "./support";

const auth = { kind: "apiToken" as const, token: "00token-for-index-tests" };

describe("createOktaClient", () => {
  useNock();

  it("accepts https org URLs and plain http only on loopback", () => {
    for (const orgUrl of [
      "https://dev-1.okta.com",
      "https://dev-1.okta.com/",
      "http://127.0.0.1:8080",
      "http://127.0.0.2:8080",
      "http://localhost:1",
      "http://[::1]:9",
    ]) {
      assert.doesNotThrow(() => createOktaClient({ orgUrl, auth }), orgUrl);
    }
  });

  it("rejects plain http elsewhere, paths, and non-URLs", () => {
    assert.throws(() => createOktaClient({ orgUrl: "http://dev-1.okta.com", auth }), /must use https/);
    assert.throws(() => createOktaClient({ orgUrl: "http://128.0.0.1", auth }), /must use https/);
    assert.throws(() => createOktaClient({ orgUrl: "https://dev-1.okta.com/api/v1", auth }), /origin only/);
    assert.throws(() => createOktaClient({ orgUrl: "dev-1.okta.com", auth }), /absolute URL/);
  });

  it("rejects out-of-range knobs with the option's name", () => {
    assert.throws(
      () => createOktaClient({ orgUrl: "https://dev-1.okta.com", auth, maxApiCapacityPercent: 0 }),
      /maxApiCapacityPercent/,
    );
    assert.throws(
      () => createOktaClient({ orgUrl: "https://dev-1.okta.com", auth, maxRetries: -1 }),
      /maxRetries/,
    );
  });

  it("talks to a loopback emulator over http with the suffixed User-Agent", async () => {
    nock("http://127.0.0.1:8080", {
      reqheaders: { "user-agent": `pulumi-okta-identity-source/${VERSION} my-tool/1.0` },
    })
      .get(`/api/v1/identity-sources/${ISID}/sessions`)
      .reply(200, []);
    const { client } = makeClient({ orgUrl: "http://127.0.0.1:8080", userAgentSuffix: "my-tool/1.0" });
    assert.deepEqual(await client.sessions.list(ISID), []);
  });

  it("keeps VERSION equal to package.json", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as {
      version: string;
    };
    assert.equal(VERSION, pkg.version);
  });
});
