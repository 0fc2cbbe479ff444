import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOktaClient } from "../src/client";
import { KNOBS, type ClientSetting, type OktaClientOptions } from "../src/client/options";
import {
  CONFIG_KEYS,
  isOktaConfigError,
  nameSetting,
  OktaConfigError,
  resolveOktaConfig,
  type ConfigSource,
} from "../src/config";
import { unusablePrivateKeys } from "./helpers/unusable-keys";

const CANARY_TOKEN = "00CANARY-okta-token-7f3a9b1c2d";
const ORG = { orgUrl: "https://dev-123.okta.com" };

function source(values: Record<string, string>): ConfigSource {
  return { get: (key) => values[key] };
}
/** Resolves with no ambient environment, so the machine's OKTA_* never leak into a test. */
function resolve(config: Record<string, string> | undefined, env: Record<string, string> = {}) {
  return resolveOktaConfig(config === undefined ? undefined : source(config), env);
}
/** Asserts a config error and returns it. */
function failureError(
  config: Record<string, string> | undefined,
  env: Record<string, string> = {},
): OktaConfigError {
  let caught: unknown;
  try {
    resolve(config, env);
  } catch (error) {
    caught = error;
  }
  assert.ok(isOktaConfigError(caught), `expected an OktaConfigError, got ${String(caught)}`);
  return caught;
}
/** Asserts a config error and returns its message. */
function failure(config: Record<string, string> | undefined, env: Record<string, string> = {}): string {
  return failureError(config, env).message;
}

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const PKCS1 = rsa.privateKey.export({ type: "pkcs1", format: "pem" }).toString();
const PKCS8 = rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const ENCRYPTED = rsa.privateKey
  .export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" })
  .toString();
/** A PEM-looking secret that does not parse: if it reached a message, the canary scan would see it. */
const CANARY_KEY = "-----BEGIN PRIVATE KEY-----\nCANARYKEYMATERIAL0123456789\n-----END PRIVATE KEY-----\n";

describe("resolveOktaConfig", () => {
  describe("org", () => {
    it("normalises orgUrl to its origin without path or trailing slash", () => {
      const r = resolve({ orgUrl: "https://Dev-123.okta.com/admin/x?y=1", apiToken: "t" });
      assert.equal(r.orgUrl, "https://dev-123.okta.com");
    });

    it("builds the URL from orgName with okta.com as the default baseUrl", () => {
      assert.equal(resolve({ orgName: "dev-123", apiToken: "t" }).orgUrl, "https://dev-123.okta.com");
      const preview = resolve({ orgName: "dev-123", baseUrl: "oktapreview.com", apiToken: "t" });
      assert.equal(preview.orgUrl, "https://dev-123.oktapreview.com");
    });

    it("accepts orgUrl together with an orgName that names the same org", () => {
      const r = resolve({ orgUrl: "https://dev-123.okta.com/", orgName: "dev-123", apiToken: "t" });
      assert.equal(r.orgUrl, "https://dev-123.okta.com");
    });

    it("rejects orgUrl and orgName that name different orgs, naming both keys", () => {
      const message = failure({ orgUrl: "https://dev-1.okta.com", orgName: "dev-2", apiToken: "t" });
      assert.match(message, /okta:orgUrl and okta:orgName name different orgs/);
    });

    it("lets an org in stack config win over OKTA_ORG_NAME in the environment", () => {
      const r = resolve({ orgUrl: "http://127.0.0.1:8080", apiToken: "t" }, { OKTA_ORG_NAME: "dev-9" });
      assert.equal(r.orgUrl, "http://127.0.0.1:8080");
    });

    it("reads the org wholly from stack config when it sets any org key, refusing to guess a domain", () => {
      // Before, okta:orgName took its domain from OKTA_BASE_URL.
      assert.match(
        failure({ orgName: "dev-9", apiToken: "t" }, { OKTA_BASE_URL: "oktapreview.com" }),
        /^okta:orgName is set in stack config but its domain is only in OKTA_BASE_URL \(environment\), which is not used/,
      );
      assert.match(
        failure({ baseUrl: "oktapreview.com", apiToken: "t" }, { OKTA_ORG_NAME: "dev-9" }),
        /^okta:baseUrl is set in stack config but okta:orgName \(or okta:orgUrl\) is not/,
      );
      assert.equal(
        resolve(
          { orgName: "dev-9", baseUrl: "oktapreview.com", apiToken: "t" },
          { OKTA_ORG_URL: "https://x.okta.com" },
        ).orgUrl,
        "https://dev-9.oktapreview.com",
      );
    });

    it("falls back to OKTA_ORG_URL, then OKTA_ORG_NAME with OKTA_BASE_URL", () => {
      assert.equal(
        resolve({ apiToken: "t" }, { OKTA_ORG_URL: "https://a.okta.com" }).orgUrl,
        "https://a.okta.com",
      );
      const env = { OKTA_ORG_NAME: "b", OKTA_BASE_URL: "okta-emea.com", OKTA_API_TOKEN: "t" };
      assert.equal(resolve(undefined, env).orgUrl, "https://b.okta-emea.com");
    });

    it("accepts plain http only for loopback hosts", () => {
      for (const url of ["http://127.0.0.1:8080", "http://localhost:1", "http://127.1.2.3", "http://[::1]:9"])
        assert.equal(resolve({ orgUrl: url, apiToken: "t" }).orgUrl, new URL(url).origin);
      assert.match(failure({ orgUrl: "http://dev-123.okta.com", apiToken: "t" }), /must use https:\/\//);
      assert.match(failure({ orgUrl: "ftp://127.0.0.1", apiToken: "t" }), /must use https:\/\//);
    });

    it("agrees with the client on which http hosts are loopback, both ways", () => {
      const loopback = [
        "http://127.0.0.1:8080",
        "http://127.0.0.2:8080",
        "http://127.255.255.254",
        "http://127.1", // the URL parser expands it to 127.0.0.1
        "http://LocalHost:1",
        "http://[::1]:9",
      ];
      const notLoopback = [
        "http://128.0.0.1",
        "http://0.0.0.0:8080",
        "http://localhost.:8080",
        "http://localhost.example.com",
        "http://127.0.0.1.nip.io",
        "http://[::ffff:127.0.0.1]",
        "http://[::2]",
      ];
      const clientAccepts = (orgUrl: string): boolean => {
        try {
          createOktaClient({ orgUrl, auth: { kind: "apiToken", token: "t" } });
          return true;
        } catch {
          return false;
        }
      };
      const configAccepts = (orgUrl: string): boolean => {
        try {
          resolve({ orgUrl, apiToken: "t" });
          return true;
        } catch {
          return false;
        }
      };
      for (const url of loopback) {
        assert.ok(configAccepts(url), `config should accept ${url}`);
        assert.ok(clientAccepts(url), `client should accept ${url}`);
      }
      for (const url of notLoopback) {
        assert.ok(!configAccepts(url), `config should reject ${url}`);
        assert.ok(!clientAccepts(url), `client should reject ${url}`);
      }
    });

    it("rejects an -admin org URL with a hint naming the API domain", () => {
      const message = failure({ orgUrl: "https://dev-123-admin.okta.com", apiToken: "t" });
      assert.match(message, /okta:orgUrl is the Admin Console domain/);
      assert.match(message, /use dev-123\.okta\.com/);
      assert.match(failure({ orgName: "dev-123-admin", apiToken: "t" }), /okta:orgName is the Admin Console/);
    });

    it("rejects an orgName that carries a domain or scheme", () => {
      assert.match(failure({ orgName: "dev-123.okta.com", apiToken: "t" }), /org subdomain only/);
      assert.match(failure({ orgName: "dev-1", baseUrl: "https://okta.com", apiToken: "t" }), /okta:baseUrl/);
    });

    it("rejects a URL that is not a URL or carries credentials", () => {
      assert.match(failure({ orgUrl: "dev-123.okta.com", apiToken: "t" }), /must be a full URL/);
      assert.match(
        failure({ orgUrl: "https://u:p@dev-1.okta.com", apiToken: "t" }),
        /must not contain credentials/,
      );
    });

    it("never echoes credentials or anything past the host of an org URL, name or domain", () => {
      const secret = "00CANARYurlSecret";
      const cases: [Record<string, string> | undefined, Record<string, string>][] = [
        [{ orgUrl: `https://admin:${secret}@dev-123.okta.com`, apiToken: "t" }, {}],
        [{ orgUrl: `https://${secret}@dev-123.okta.com/x`, apiToken: "t" }, {}],
        [{ orgUrl: `http://u:${secret}@dev-123.okta.com`, apiToken: "t" }, {}],
        [{ orgUrl: `http://dev-123.okta.com/?token=${secret}`, apiToken: "t" }, {}],
        [{ orgUrl: `admin:${secret}@dev-123.okta.com`, apiToken: "t" }, {}],
        [{ orgName: `admin:${secret}@dev-123`, apiToken: "t" }, {}],
        [{ orgName: "dev-1", baseUrl: `u:${secret}@okta.com`, apiToken: "t" }, {}],
        [undefined, { OKTA_ORG_URL: `https://x:${secret}@dev-123.okta.com`, OKTA_API_TOKEN: "t" }],
      ];
      for (const [config, env] of cases) {
        const message = failure(config, env);
        assert.ok(!message.includes("CANARY"), `credential leaked: ${message}`);
      }
      // The host is still shown, so the user can see which value is wrong.
      assert.match(
        failure({ orgUrl: `https://admin:${secret}@dev-123.okta.com`, apiToken: "t" }),
        /must not contain credentials \(got "https:\/\/dev-123\.okta\.com"\)/,
      );
    });

    it("names both the config keys and the environment variables when no org is set", () => {
      const message = failure({ apiToken: "t" });
      for (const name of ["okta:orgUrl", "okta:orgName", "OKTA_ORG_URL", "OKTA_ORG_NAME"])
        assert.ok(message.includes(name), `${name} missing from: ${message}`);
    });
  });

  describe("auth", () => {
    it("uses apiToken from stack config, trimmed", () => {
      assert.deepEqual(resolve({ ...ORG, apiToken: " tok\n" }).auth, { kind: "apiToken", token: "tok" });
    });

    it("uses OKTA_ACCESS_TOKEN from the environment when config has no credential", () => {
      const r = resolve(ORG, { OKTA_ACCESS_TOKEN: "bearer-tok" });
      assert.deepEqual(r.auth, { kind: "accessToken", token: "bearer-tok" });
    });

    it("lets a credential in stack config win over a different one in the environment", () => {
      const r = resolve({ ...ORG, accessToken: "a" }, { OKTA_API_TOKEN: "b" });
      assert.deepEqual(r.auth, { kind: "accessToken", token: "a" });
    });

    it("takes an environment credential with a stack org (typical CI): the two groups are read separately", () => {
      const r = resolve(ORG, { OKTA_API_TOKEN: "env-token", OKTA_ORG_URL: "https://other.okta.com" });
      assert.equal(r.orgUrl, "https://dev-123.okta.com");
      assert.deepEqual(r.auth, { kind: "apiToken", token: "env-token" });
    });

    it("never completes a stack credential with environment parts", () => {
      // Before, okta:clientId in stack config took its private key from OKTA_API_PRIVATE_KEY.
      const message = failure(
        { ...ORG, clientId: "c" },
        { OKTA_API_PRIVATE_KEY: PKCS8, OKTA_API_TOKEN: "t" },
      );
      assert.match(
        message,
        /needs okta:privateKey: .* credentials are never completed from the environment, so OKTA_API_PRIVATE_KEY is not used/,
      );
      // Options of private-key auth count as naming a credential: the environment's token is not used.
      const scopesOnly = failure({ ...ORG, scopes: "okta.identitySources.read" }, { OKTA_API_TOKEN: "t" });
      assert.match(
        scopesOnly,
        /^Stack config sets okta:scopes, options of private-key auth, but not okta:clientId \+ okta:privateKey/,
      );
      const fromStack = resolve(
        { ...ORG, clientId: "c", privateKey: PKCS8 },
        { OKTA_API_PRIVATE_KEY_ID: "env-kid", OKTA_API_SCOPES: "x" },
      );
      assert.deepEqual(
        fromStack.auth.kind === "privateKey" && [fromStack.auth.keyId, fromStack.auth.scopes],
        [undefined, ["okta.identitySources.read", "okta.identitySources.manage"]],
      );
    });

    it("treats empty strings as unset", () => {
      const r = resolve({ ...ORG, apiToken: "", accessToken: "x" }, { OKTA_API_TOKEN: "" });
      assert.equal(r.auth.kind, "accessToken");
    });

    it("names the config key and environment variable to set when there is no credential", () => {
      const message = failure(ORG);
      assert.match(message, /^No Okta credentials: set `pulumi config set --secret okta:apiToken/);
      for (const name of ["OKTA_API_TOKEN", "okta:accessToken", "OKTA_ACCESS_TOKEN", "OKTA_API_PRIVATE_KEY"])
        assert.ok(message.includes(name), `${name} missing from: ${message}`);
    });

    it("rejects two auth methods in the same layer, with the right word for two and for three", () => {
      const message = failure({ ...ORG, apiToken: CANARY_TOKEN, accessToken: CANARY_TOKEN });
      assert.match(
        message,
        /Conflicting Okta credentials in stack config: okta:apiToken .* and okta:accessToken .* are both set;/,
      );
      const envMessage = failure(ORG, { OKTA_API_TOKEN: "a", OKTA_API_CLIENT_ID: "c" });
      assert.match(
        envMessage,
        /in the environment: .*OKTA_API_TOKEN.* and .*OKTA_API_CLIENT_ID.* are both set;/,
      );
      const three = failure(ORG, { OKTA_API_TOKEN: "a", OKTA_ACCESS_TOKEN: "b", OKTA_API_CLIENT_ID: "c" });
      assert.match(three, / are all set;/);
    });

    it("refuses a token pasted with its scheme, naming where it is set and never echoing it", () => {
      const cases: [Record<string, string>, Record<string, string>, RegExp][] = [
        [
          { ...ORG, apiToken: `SSWS ${CANARY_TOKEN}` },
          {},
          /^okta:apiToken starts with "SSWS ": set the token alone/,
        ],
        [
          ORG,
          { OKTA_API_TOKEN: `ssws  ${CANARY_TOKEN}` },
          /^OKTA_API_TOKEN \(environment\) starts with "SSWS "/,
        ],
        [
          ORG,
          { OKTA_ACCESS_TOKEN: `Bearer ${CANARY_TOKEN}` },
          /^OKTA_ACCESS_TOKEN \(environment\) starts with "Bearer "/,
        ],
      ];
      for (const [config, env, expected] of cases) {
        const message = failure(config, env);
        assert.match(message, expected);
        assert.ok(!message.includes(CANARY_TOKEN), message);
      }
    });

    it("builds private-key auth with default scopes, normalising PKCS#1 to PKCS#8", () => {
      const r = resolve({ ...ORG, clientId: "0oaapp", privateKey: PKCS1, privateKeyId: "kid1" });
      assert.deepEqual(r.auth, {
        kind: "privateKey",
        clientId: "0oaapp",
        privateKeyPem: PKCS8,
        keyId: "kid1",
        scopes: ["okta.identitySources.read", "okta.identitySources.manage"],
      });
    });

    it("reads the private key from a file path and from one-line PEM with literal \\n", () => {
      const dir = mkdtempSync(join(tmpdir(), "ois-config-"));
      try {
        const file = join(dir, "key.pem");
        writeFileSync(file, PKCS8);
        const fromFile = resolve({ ...ORG, clientId: "c", privateKey: file });
        assert.equal(fromFile.auth.kind === "privateKey" && fromFile.auth.privateKeyPem, PKCS8);
        const fromEnv = resolve(ORG, { OKTA_API_CLIENT_ID: "c", OKTA_API_PRIVATE_KEY: file });
        assert.equal(fromEnv.auth.kind === "privateKey" && fromEnv.auth.privateKeyPem, PKCS8);
        const oneLine = resolve({ ...ORG, clientId: "c", privateKey: PKCS8.replaceAll("\n", "\\n") });
        assert.equal(oneLine.auth.kind === "privateKey" && oneLine.auth.privateKeyPem, PKCS8);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("asks for the missing half of private-key auth by key and variable", () => {
      assert.match(
        failure({ ...ORG, clientId: "c" }),
        /needs okta:privateKey: set it with `pulumi config set --secret okta:privateKey/,
      );
      assert.match(
        failure({ ...ORG, privateKey: PKCS8 }),
        /needs okta:clientId: set it with `pulumi config set okta:clientId/,
      );
      assert.match(
        failure(ORG, { OKTA_API_CLIENT_ID: "c" }),
        /needs OKTA_API_PRIVATE_KEY: the environment sets OKTA_API_CLIENT_ID/,
      );
    });

    it("rejects a private key that is not PEM, not a file, encrypted or malformed", () => {
      assert.match(failure({ ...ORG, clientId: "c", privateKey: "/no/such/key.pem" }), /nor a readable file/);
      assert.match(failure({ ...ORG, clientId: "c", privateKey: ENCRYPTED }), /encrypted key/);
      assert.match(
        failure({ ...ORG, clientId: "c", privateKey: CANARY_KEY }),
        /not a valid PKCS#1, SEC1 or PKCS#8/,
      );
    });

    it("rejects a private key the client cannot sign with, naming the key, the variable and why", () => {
      const bad = unusablePrivateKeys();
      for (const [name, key, reason] of bad) {
        const fromConfig = failureError({ ...ORG, clientId: "c", privateKey: key });
        assert.match(fromConfig.message, reason, name);
        assert.match(fromConfig.message, /^okta:privateKey .*2048 bits or more.*P-256, P-384 or P-521/, name);
        assert.deepEqual(fromConfig.keys, ["okta:privateKey"], name);
        const fromEnv = failure(ORG, { OKTA_API_CLIENT_ID: "c", OKTA_API_PRIVATE_KEY: key });
        assert.match(fromEnv, /^OKTA_API_PRIVATE_KEY \(environment\) /, name);
      }
      // What the client can sign with passes, including SEC1 EC keys.
      for (const curve of ["P-256", "P-384", "P-521"]) {
        const ec = generateKeyPairSync("ec", { namedCurve: curve }).privateKey;
        const sec1 = ec.export({ type: "sec1", format: "pem" }).toString();
        const r = resolve({ ...ORG, clientId: "c", privateKey: sec1 });
        assert.equal(r.auth.kind, "privateKey", curve);
        assert.doesNotThrow(() => createOktaClient(r), curve);
      }
    });

    it("parses scopes given comma-separated, space-separated or as a JSON array", () => {
      const scopes = (text: string) => {
        const r = resolve({ ...ORG, clientId: "c", privateKey: PKCS8, scopes: text });
        return r.auth.kind === "privateKey" ? r.auth.scopes : [];
      };
      assert.deepEqual(scopes("a.read, b.manage"), ["a.read", "b.manage"]);
      assert.deepEqual(scopes("a.read b.manage"), ["a.read", "b.manage"]);
      assert.deepEqual(scopes('["a.read","b.manage"]'), ["a.read", "b.manage"]);
      assert.match(failure({ ...ORG, clientId: "c", privateKey: PKCS8, scopes: "[a" }), /not a JSON array/);
      assert.match(failure({ ...ORG, clientId: "c", privateKey: PKCS8, scopes: "[]" }), /at least one scope/);
      assert.match(failure({ ...ORG, clientId: "c", privateKey: PKCS8, scopes: "[1]" }), /okta:scopes/);
    });
  });

  describe("knobs", () => {
    it("fills documented defaults", () => {
      const r = resolve({ ...ORG, apiToken: "t" });
      assert.deepEqual(
        { ...r, auth: undefined, orgUrl: undefined },
        {
          auth: undefined,
          orgUrl: undefined,
          maxRetries: 5,
          perAttemptTimeoutMs: 30_000,
          operationTimeoutMs: 300_000,
          maxRateLimitWaitMs: 120_000,
          maxApiCapacityPercent: 90,
        },
      );
    });

    it("parses numbers from config and environment, seconds into milliseconds", () => {
      const r = resolve(
        { ...ORG, apiToken: "t", maxRetries: "0", requestTimeoutSeconds: "2.5" },
        { OKTA_MAX_RETRIES: "9", OKTA_OPERATION_TIMEOUT: "60", OKTA_MAX_RATE_LIMIT_WAIT: "0" },
      );
      assert.equal(r.maxRetries, 0);
      assert.equal(r.perAttemptTimeoutMs, 2500);
      assert.equal(r.operationTimeoutMs, 60_000);
      assert.equal(r.maxRateLimitWaitMs, 0);
      assert.equal(
        resolve({ ...ORG, apiToken: "t" }, { OKTA_MAX_API_CAPACITY: "50" }).maxApiCapacityPercent,
        50,
      );
    });

    it("names the key or variable, the rule and the value when a number is invalid", () => {
      assert.equal(
        failure({ ...ORG, apiToken: "t", maxRetries: "many" }),
        'okta:maxRetries must be a whole number from 0 to 100 (got "many"). ' +
          'See the "Configuration" section of the pulumi-okta-identity-source README.',
      );
      assert.match(
        failure({ ...ORG, apiToken: "t" }, { OKTA_MAX_API_CAPACITY: "0" }),
        /^OKTA_MAX_API_CAPACITY \(environment\) must be a whole number from 1 to 100/,
      );
      assert.match(failure({ ...ORG, apiToken: "t", maxRetries: "1.5" }), /whole number/);
      assert.match(
        failure({ ...ORG, apiToken: "t", requestTimeoutSeconds: "0" }),
        /okta:requestTimeoutSeconds must be a number of seconds from 0\.001 to 300/,
      );
      assert.match(failure({ ...ORG, apiToken: "t", requestTimeoutSeconds: "301" }), /to 300/);
      assert.match(failure({ ...ORG, apiToken: "t", maxRetries: "101" }), /from 0 to 100/);
      assert.match(
        failure({ ...ORG, apiToken: "t", maxRateLimitWaitSeconds: "-1" }),
        /okta:maxRateLimitWaitSeconds/,
      );
    });
  });

  describe("knob ranges agree with the client", () => {
    it("hands the client every boundary value the config accepts", () => {
      const extremes: Record<string, string>[] = [
        { maxRetries: "0", requestTimeoutSeconds: "0.001", operationTimeoutSeconds: "0.001" },
        { maxRetries: "100", requestTimeoutSeconds: "300", operationTimeoutSeconds: "86400" },
        { maxRateLimitWaitSeconds: "0", maxApiCapacity: "1" },
        { maxRateLimitWaitSeconds: "3600", maxApiCapacity: "100" },
      ];
      for (const extra of extremes) {
        const resolved = resolve({ ...ORG, apiToken: "t", ...extra });
        assert.doesNotThrow(() => createOktaClient(resolved), JSON.stringify(extra));
      }
    });

    it("rejects a timeout that rounds to 0 ms in config, naming the key or the variable", () => {
      const fromConfig = failureError({ ...ORG, apiToken: "t", requestTimeoutSeconds: "0.0001" });
      assert.match(
        fromConfig.message,
        /^okta:requestTimeoutSeconds must be a number of seconds from 0\.001 to 300/,
      );
      assert.deepEqual(fromConfig.keys, ["okta:requestTimeoutSeconds"]);
      const fromEnv = failureError({ ...ORG, apiToken: "t" }, { OKTA_OPERATION_TIMEOUT: "0.0004" });
      assert.match(fromEnv.message, /^OKTA_OPERATION_TIMEOUT \(environment\) must be a number of seconds/);
      assert.deepEqual(fromEnv.keys, ["okta:operationTimeoutSeconds"]);
    });
  });

  it("never puts a secret value into an error message", () => {
    const secrets = { apiToken: CANARY_TOKEN, accessToken: CANARY_TOKEN, privateKey: CANARY_KEY };
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ ...ORG, ...secrets }, {}],
      [{ apiToken: CANARY_TOKEN }, {}],
      [{ orgUrl: "http://x.example", apiToken: CANARY_TOKEN }, {}],
      [{ ...ORG, apiToken: CANARY_TOKEN, maxRetries: "x" }, {}],
      [{ ...ORG, clientId: "c", privateKey: CANARY_KEY }, {}],
      [{ ...ORG, clientId: "c", privateKey: CANARY_TOKEN }, {}],
      [ORG, { OKTA_API_TOKEN: CANARY_TOKEN, OKTA_ACCESS_TOKEN: CANARY_TOKEN }],
      [ORG, { OKTA_API_CLIENT_ID: "c", OKTA_API_PRIVATE_KEY: CANARY_KEY }],
    ];
    for (const [config, env] of cases) {
      const message = failure(config, env);
      assert.ok(!message.includes("CANARY"), `canary leaked: ${message}`);
    }
  });
});

describe("OktaConfigError", () => {
  it("is recognised by its guard, also across copies of the package, and lists its keys", () => {
    const error = new OktaConfigError("x", ["okta:apiToken"]);
    assert.equal(error.name, "OktaConfigError");
    assert.deepEqual(error.keys, ["okta:apiToken"]);
    assert.ok(isOktaConfigError(error));
    const fromOtherCopy = Object.assign(new Error("y"), { name: "OktaConfigError" });
    assert.ok(isOktaConfigError(fromOtherCopy));
    assert.ok(!isOktaConfigError(new Error("z")));
    assert.ok(!isOktaConfigError({ name: "OktaConfigError" }));
  });
});

describe("CONFIG_KEYS", () => {
  it("lists every key with its variable, secrecy and the defaults the resolver applies", () => {
    const byKey = new Map(CONFIG_KEYS.map((row) => [row.key, row]));
    assert.equal(byKey.size, 14);
    assert.deepEqual(
      CONFIG_KEYS.filter((row) => row.secret).map((row) => row.key),
      ["apiToken", "accessToken", "privateKey"],
    );
    assert.ok(CONFIG_KEYS.every((row) => row.env.startsWith("OKTA_") && row.description.length > 10));
    const r = resolve({ ...ORG, apiToken: "t" });
    assert.equal(Number(byKey.get("maxRetries")?.default), r.maxRetries);
    assert.equal(Number(byKey.get("requestTimeoutSeconds")?.default) * 1000, r.perAttemptTimeoutMs);
    assert.equal(Number(byKey.get("operationTimeoutSeconds")?.default) * 1000, r.operationTimeoutMs);
    assert.equal(Number(byKey.get("maxRateLimitWaitSeconds")?.default) * 1000, r.maxRateLimitWaitMs);
    assert.equal(Number(byKey.get("maxApiCapacity")?.default), r.maxApiCapacityPercent);
    assert.equal(byKey.get("baseUrl")?.default, "okta.com");
  });

  it("is the configuration table of docs/configuration.md, row for row", () => {
    const readme = readFileSync(join(__dirname, "..", "docs", "configuration.md"), "utf8");
    const tableRows = readme.split("\n").filter((line) => line.startsWith("| `okta:"));
    const expected = CONFIG_KEYS.map(
      (row) =>
        `| \`okta:${row.key}\` | \`${row.env}\` | ${row.secret ? "yes" : "no"} | ${row.default ?? "—"} | ` +
        `${row.description} |`,
    );
    assert.deepEqual(tableRows, expected);
  });

  it("has a row for every setting the client's hints name, and names it by its key and variable", () => {
    const settings: ClientSetting[] = [
      ...(Object.keys(KNOBS) as ClientSetting[]),
      "orgUrl",
      "apiToken",
      "accessToken",
      "clientId",
    ];
    for (const setting of settings) {
      const words = nameSetting(setting);
      const key = /okta:(\w+)/.exec(words)?.[1];
      const row = CONFIG_KEYS.find((r) => r.key === key);
      assert.ok(row, `${setting}: ${words} names no key of the table`);
      assert.ok(words.includes(row.env), `${setting}: ${words} lacks ${row.env}`);
      if (!(setting in KNOBS)) assert.equal(row.key, setting);
    }
    assert.equal(
      nameSetting("maxRateLimitWaitMs"),
      "okta:maxRateLimitWaitSeconds / OKTA_MAX_RATE_LIMIT_WAIT",
    );
    assert.equal(nameSetting("apiToken"), "stack config okta:apiToken or env OKTA_API_TOKEN");
  });

  it("covers exactly the environment variables the resolver reads", () => {
    // Each variable alone must change the result (or fail), proving the table and resolver agree.
    for (const row of CONFIG_KEYS) {
      if (row.key === "orgUrl" || row.key === "orgName" || row.key === "baseUrl") continue;
      const keyAuth = row.key === "privateKeyId" || row.key === "scopes";
      const base = keyAuth
        ? { OKTA_ORG_URL: "https://a.okta.com", OKTA_API_CLIENT_ID: "c", OKTA_API_PRIVATE_KEY: PKCS8 }
        : { OKTA_ORG_URL: "https://a.okta.com", OKTA_API_TOKEN: "t" };
      let changed: boolean;
      try {
        changed =
          JSON.stringify(resolve(undefined, { ...base, [row.env]: "7" })) !==
          JSON.stringify(resolve(undefined, base));
      } catch {
        changed = true;
      }
      assert.ok(changed, `${row.env} had no effect`);
    }
  });
});

// Compile-time proof that the resolved config can be handed to the client as is.
const _proof: (
  c: ReturnType<typeof resolveOktaConfig>,
) => Omit<OktaClientOptions, "clock" | "sleep" | "onEvent"> = (c) => c;
void _proof;
