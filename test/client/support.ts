import assert from "node:assert/strict";
import nock from "nock";
import { createOktaClient, type ClientEvent, type OktaClientOptions } from "../../src/client";
import { clearRateLimitState } from "../../src/client/rate-limit";
import type { AttemptTimer } from "../../src/client/transport";
import { VERSION } from "../../src/client/version";
import { createFakeClock, type FakeClock } from "../helpers/fake-clock";

/** Shared set-up for the client's wire tests. */

export const ORG = "https://acme.okta.com";
export const ISID = "0oaxc95befZNgrJl71d7";
export const SESSION_ID = "apsyofrdjpnHboweG1d7";
/** A distinctive fake API token: it must never appear in errors, logs or events. */
export const CANARY_TOKEN = "00CANARY-ssws-7f3e9b1c5d2a4e6f8091a2b3c4d5e6f7";
export const START = Date.UTC(2026, 4, 13, 5, 52, 24);

export const SESSION = {
  id: SESSION_ID,
  identitySourceId: ISID,
  status: "CREATED",
  importType: "INCREMENTAL",
  created: "2026-05-13T05:52:24.000Z",
  lastUpdated: "2026-05-13T05:52:24.000Z",
};

/** Installs nock guards for a describe block: no real network, every scripted call consumed. */
export function useNock(): void {
  before(() => {
    nock.disableNetConnect();
  });
  beforeEach(() => {
    clearRateLimitState();
  });
  afterEach(function () {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (this.currentTest?.state === "passed")
      assert.deepEqual(pending, [], "every scripted request was made");
  });
  after(() => {
    nock.enableNetConnect();
  });
}

export interface TestClient {
  client: ReturnType<typeof createOktaClient>;
  clock: FakeClock;
  events: ClientEvent[];
}

/** A client on the fake org with an auto-advancing fake clock and recorded events. */
export function makeClient(
  overrides: Partial<OktaClientOptions> = {},
  clock = createFakeClock(START, { autoAdvance: true }),
): TestClient {
  const events: ClientEvent[] = [];
  const client = createOktaClient({
    orgUrl: ORG,
    auth: { kind: "apiToken", token: CANARY_TOKEN },
    clock: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...overrides,
  });
  return { client, clock, events };
}

/** The HTTP `Date` header for an epoch-ms time. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Okta's error body. */
export function oktaError(errorCode: string, errorSummary: string, causes: string[] = []) {
  return {
    errorCode,
    errorSummary,
    errorLink: errorCode,
    errorId: "oaeCvJxtXDbTBCgsdhf12mhvQ",
    errorCauses: causes.map((c) => ({ errorSummary: c })),
  };
}

export const JSON_HEADERS = { "Content-Type": "application/json" };

/** The User-Agent of a client made by `makeClient` (no suffix). */
export const USER_AGENT = `pulumi-okta-identity-source/${VERSION}`;

/**
 * nock scope options that match only a request carrying the headers every API call must carry:
 * `Authorization: SSWS <canary>`, `Accept: application/json` and our User-Agent; with `body`,
 * `Content-Type: application/json`, and without, no Content-Type at all. A request that misses one is not
 * intercepted, so the call fails (nock refuses unmatched requests; `useNock` disables the network).
 * Use: `nock(ORG, apiHeaders()).get(…)`, `nock(ORG, apiHeaders({ body: true })).post(…)`.
 */
export function apiHeaders(options: { body?: boolean; authorization?: string } = {}): nock.Options {
  return {
    reqheaders: {
      authorization: options.authorization ?? `SSWS ${CANARY_TOKEN}`,
      accept: "application/json",
      "user-agent": USER_AGENT,
      ...(options.body === true && { "content-type": "application/json" }),
    },
    ...(options.body !== true && { badheaders: ["content-type"] }),
  };
}

/** Awaits a rejection and returns the error for further assertions. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("expected the promise to reject");
}

export interface ManualAttemptTimers {
  /** Pass as the client's (or transport's) `attemptTimer`: timeouts fire only through `timeOutLatest`. */
  attemptTimer: AttemptTimer;
  /** The timeout (ms) of every attempt armed so far. */
  armed: number[];
  /** Times out the most recent attempt still in flight (a property: it can be passed unbound). */
  readonly timeOutLatest: () => void;
}

/**
 * Attempt timeouts that never race the answer: a test times an attempt out when it chooses (usually once the
 * server has the request: `timeOutOnArrival`).
 */
export function manualAttemptTimers(): ManualAttemptTimers {
  const armed: number[] = [];
  const inFlight: (() => void)[] = [];
  return {
    armed,
    attemptTimer: (onTimeout, ms) => {
      armed.push(ms);
      inFlight.push(onTimeout);
      return () => {
        const index = inFlight.indexOf(onTimeout);
        if (index >= 0) inFlight.splice(index, 1);
      };
    },
    timeOutLatest: () => inFlight.pop()?.(),
  };
}

/**
 * Scripts a request the server receives but does not answer before `timers` times the attempt out (on the
 * next turn after its arrival), so the timeout never races an answer.
 */
export function timeOutOnArrival(interceptor: nock.Interceptor, timers: ManualAttemptTimers): nock.Scope {
  return interceptor
    .delay(300)
    .reply(200)
    .on("request", () => setImmediate(timers.timeOutLatest));
}
