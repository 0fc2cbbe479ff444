/**
 * Shared set-up for provider tests: configure a provider context the way the host's `configure()` would,
 * with a canary token, and capture what the provider prints.
 */
import assert from "node:assert/strict";
import nock from "nock";
import { createProviderContext } from "../../src/provider/context";
import { createGroupKind } from "../../src/provider/group";
import { createGroupMembershipKind } from "../../src/provider/group-membership";
import { createUserKind } from "../../src/provider/user";

/** A distinctive fake token: it must never show up in an error, a log line or an output. */
export const CANARY_TOKEN = "CANARY-provider-token-5b9e1d7c";
export const ORG = "https://ois-provider-test.okta.com";
export const ISID = "0oaPROVIDERTEST0001";
export const CANARY_EMAIL = "canary.person.5b9e@example.com";

/** The context of the record kinds below, as `src/provider/index.ts` builds one per process. */
export const providerContext = createProviderContext();
export const userKind = createUserKind(providerContext);
export const groupKind = createGroupKind(providerContext);
export const membershipKind = createGroupMembershipKind(providerContext);

/** Points the provider at `orgUrl` through stack config (`okta:*`), as `configure(req)` does. */
export function configureProvider(
  orgUrl: string,
  token = CANARY_TOKEN,
  extra: Record<string, string> = {},
): void {
  providerContext.reset();
  const config: Record<string, string> = {
    "okta:orgUrl": orgUrl,
    "okta:apiToken": token,
    "okta:maxRetries": "0",
    ...extra,
  };
  providerContext.configure({ get: (key) => config[key] });
}

/** nock with the network closed (loopback open for emulators); every scope must be used. */
export function useNockProvider(): void {
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  beforeEach(() => configureProvider(ORG));
  afterEach(function () {
    const done = nock.isDone();
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (this.currentTest?.state === "passed") assert.ok(done, `unused nock scopes: ${pending.join(", ")}`);
  });
  after(() => {
    nock.enableNetConnect();
    providerContext.reset();
  });
}

/** Records console.log / console.error lines while `fn` runs. */
export async function captureConsole<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  console.error = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  try {
    return { result: await fn(), lines };
  } finally {
    console.log = log;
    console.error = error;
  }
}

/** Resolves to the rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  assert.fail("expected a rejection");
}

export const oktaError = (errorCode: string, errorSummary: string, causes: string[] = []) => ({
  errorCode,
  errorSummary,
  errorLink: errorCode,
  errorId: "oaeTESTERROR0000000000001",
  errorCauses: causes.map((c) => ({ errorSummary: c })),
});

/**
 * A create as the provider makes it: the POST gets `post`, and the next GET of the record (read-back or a
 * look after a refused or unclear POST) gets `then`. Returns the scope so a test can chain what follows.
 */
export function createExchange(
  collection: string,
  key: string,
  post: [number, nock.Body],
  then: [number, nock.Body],
): nock.Scope {
  return nock(ORG)
    .post(collection)
    .reply(post[0], post[1])
    .get(`${collection}/${key}`)
    .reply(then[0], then[1]);
}

/** The record already exists: the POST is refused as a duplicate, then the record is found by looking. */
export function refusedAsExisting(collection: string, key: string, found: object): nock.Scope {
  const duplicate = oktaError("E0000001", "Api validation failed: externalId", ["already exists"]);
  return createExchange(collection, key, [400, duplicate], [200, found]);
}

/** Okta confirms the identity source exists (its session list), as a record's 404 is only "gone" then. */
export function identitySourceExists(): nock.Scope {
  return nock(ORG).get(`/api/v1/identity-sources/${ISID}/sessions`).reply(200, []);
}
