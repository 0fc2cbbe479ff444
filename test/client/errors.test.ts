import assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  InvalidResponseError,
  isInvalidResponseError,
  isNotFoundError,
  isOktaApiError,
  OktaApiError,
} from "../../src/client/errors";
import { nameSetting } from "../../src/config";

const base = { method: "POST", path: "/api/v1/identity-sources/0oa1/sessions", attempts: 1 };

describe("errors", () => {
  describe("OktaApiError", () => {
    it("builds one message from method, path, status, code, summary, causes and request id", () => {
      const e = new OktaApiError({
        ...base,
        status: 400,
        errorCode: "E0000001",
        errorSummary: "Api validation failed: importSessionId",
        errorCauses: ["Only a session that is in CREATED or IN_PROGRESS status can be canceled."],
        requestId: "7359fab5c73716e7f0615ba74efd1347",
      });
      assert.equal(
        e.message,
        "POST /api/v1/identity-sources/0oa1/sessions failed: 400 E0000001 Api validation failed: importSessionId " +
          "(Only a session that is in CREATED or IN_PROGRESS status can be canceled.) [request 7359fab5c73716e7f0615ba74efd1347]",
      );
      assert.equal(e.name, "OktaApiError");
      assert.equal(e.kind, "http");
    });

    it("strips the query string from the path", () => {
      const e = new OktaApiError({ ...base, path: "/x/membership?after=secretcursor&limit=2", status: 500 });
      assert.equal(e.path, "/x/membership");
      assert.doesNotMatch(e.message, /secretcursor/);
    });

    it("uses status 0 and says what happened when there was no response", () => {
      const e = new OktaApiError({ ...base, status: 0, kind: "timeout", attempts: 3 });
      assert.match(e.message, /failed: no response before the per-attempt timeout after 3 attempts/);
    });

    it("adds the create-session hint only for sessions.create", () => {
      const d = { ...base, status: 400, errorCode: "E0000001" };
      assert.match(new OktaApiError({ ...d, operation: "sessions.create" }).message, /five minutes/);
      assert.doesNotMatch(new OktaApiError({ ...d, operation: "bulk.upsertUsers" }).message, /five minutes/);
    });

    it("names the okta: config key and environment variable to change in rate-limit and timeout hints, in the config layer's words", () => {
      const internal =
        /\b(perAttemptTimeoutMs|operationTimeoutMs|maxRateLimitWaitMs|maxApiCapacityPercent)\b/;
      const cases: [OktaApiError, RegExp[]][] = [
        [
          new OktaApiError({ ...base, status: 429, errorCode: "E0000047", attempts: 6 }, [], [], nameSetting),
          [
            /okta:maxApiCapacity \/ OKTA_MAX_API_CAPACITY/,
            /okta:maxRateLimitWaitSeconds \/ OKTA_MAX_RATE_LIMIT_WAIT/,
          ],
        ],
        [
          new OktaApiError({ ...base, status: 0, kind: "timeout" }, [], [], nameSetting),
          [/raise okta:requestTimeoutSeconds \/ OKTA_REQUEST_TIMEOUT/],
        ],
        [
          new OktaApiError({ ...base, status: 0, kind: "deadline" }, [], [], nameSetting),
          [/raise okta:operationTimeoutSeconds \/ OKTA_OPERATION_TIMEOUT/],
        ],
      ];
      for (const [error, names] of cases) {
        for (const name of names) assert.match(error.message, name);
        assert.doesNotMatch(error.message, internal);
      }
    });

    it("names the client options in those hints when no config layer names them, and never a Pulumi name", () => {
      const hints = [
        new OktaApiError({ ...base, status: 429, errorCode: "E0000047", attempts: 6 }),
        new OktaApiError({ ...base, status: 0, kind: "timeout" }),
        new OktaApiError({ ...base, status: 0, kind: "deadline" }),
        new OktaApiError({ ...base, status: 401, errorCode: "E0000011", authKind: "apiToken" }),
        new OktaApiError({ ...base, status: 0, networkCode: "ECONNREFUSED", origin: "https://a.okta.com" }),
      ].map((e) => e.message);
      assert.match(hints[0]!, /lower parallelism or maxApiCapacityPercent, or raise maxRateLimitWaitMs$/);
      assert.match(hints[1]!, /raise perAttemptTimeoutMs, or check connectivity/);
      assert.match(hints[2]!, /raise operationTimeoutMs or the call's deadline/);
      assert.match(hints[3]!, /check the API token \(auth\.token\)/);
      assert.match(hints[4]!, /check the org URL \(orgUrl\)$/);
      for (const hint of hints) assert.doesNotMatch(hint, /okta:|OKTA_|stack config/);
    });

    it("keeps cause non-enumerable so JSON.stringify does not walk it", () => {
      const cause = new Error("inner");
      const e = new OktaApiError({ ...base, status: 0, cause });
      assert.equal(e.cause, cause);
      assert.equal(Object.keys(e).includes("cause"), false);
      assert.doesNotMatch(JSON.stringify(e), /inner/);
    });

    it("serialises its fields (and nothing from a request) to JSON", () => {
      const e = new OktaApiError({
        ...base,
        status: 403,
        errorCode: "E0000006",
        rateLimit: { remaining: 3 },
      });
      const json = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
      assert.equal(json["status"], 403);
      assert.equal(json["errorCode"], "E0000006");
      assert.deepEqual(json["rateLimit"], { remaining: 3 });
      assert.equal(json["config"], undefined);
      assert.equal(json["request"], undefined);
    });

    it("redacts credentials in Okta's texts", () => {
      const e = new OktaApiError({
        ...base,
        status: 400,
        errorSummary: "bad Authorization: Bearer abc.def.ghi",
      });
      assert.match(e.message, /Bearer \[REDACTED\]/);
      assert.doesNotMatch(inspect(e, { showHidden: true }), /abc\.def\.ghi/);
    });
  });

  describe("guards", () => {
    it("recognise errors by brand, also when instanceof would fail (a second copy of the class)", () => {
      const e = new OktaApiError({ ...base, status: 404 });
      const foreign: unknown = Object.assign(Object.create(null) as object, { ...e, name: "OktaApiError" });
      assert.equal(isOktaApiError(e), true);
      assert.equal(isOktaApiError(foreign), true);
      assert.equal(isOktaApiError(new Error("x")), false);
      assert.equal(isOktaApiError(undefined), false);
      assert.equal(isOktaApiError({ name: "OktaApiError" }), false);
    });

    it("tell the two error types apart", () => {
      const invalid = new InvalidResponseError({
        ...base,
        status: 200,
        issues: [{ path: "id", code: "invalid_type" }],
      });
      assert.equal(isInvalidResponseError(invalid), true);
      assert.equal(isOktaApiError(invalid), false);
      assert.equal(isInvalidResponseError(new OktaApiError({ ...base, status: 500 })), false);
      assert.match(invalid.message, /returned 200 with a body we cannot use \(id: invalid_type\)/);
    });

    it("isNotFoundError matches 404 and E0000007 only", () => {
      assert.equal(isNotFoundError(new OktaApiError({ ...base, status: 404 })), true);
      assert.equal(isNotFoundError(new OktaApiError({ ...base, status: 400, errorCode: "E0000007" })), true);
      assert.equal(isNotFoundError(new OktaApiError({ ...base, status: 400, errorCode: "E0000001" })), false);
      assert.equal(isNotFoundError(new Error("404")), false);
    });
  });
});
