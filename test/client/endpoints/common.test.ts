import assert from "node:assert/strict";
import { isInvalidSessionIdError } from "../../../src/client/endpoints/common";
import { OktaApiError } from "../../../src/client/errors";

const e = (status: number, errorCode: string, errorSummary: string, errorCauses: string[] = []) =>
  new OktaApiError({ status, errorCode, errorSummary, errorCauses, method: "GET", path: "/s", attempts: 1 });

describe("isInvalidSessionIdError", () => {
  it("matches the legacy 400 E0000001 about an invalid or unknown session id", () => {
    assert.equal(
      isInvalidSessionIdError(e(400, "E0000001", "The Identity Source Session ID is invalid")),
      true,
    );
    assert.equal(
      isInvalidSessionIdError(
        e(400, "E0000001", "Api validation failed: importSessionId", [
          "The Identity Source Session ID is unknown",
        ]),
      ),
      true,
    );
  });

  it("does not match the 400 for cancelling a TRIGGERED session", () => {
    const triggered = e(400, "E0000001", "Api validation failed: importSessionId", [
      "Only a session that is in CREATED or IN_PROGRESS status can be canceled.",
    ]);
    assert.equal(isInvalidSessionIdError(triggered), false);
  });

  it("requires status 400 and E0000001", () => {
    assert.equal(
      isInvalidSessionIdError(e(400, "E0000003", "The Identity Source Session ID is invalid")),
      false,
    );
    assert.equal(
      isInvalidSessionIdError(e(403, "E0000001", "The Identity Source Session ID is invalid")),
      false,
    );
  });
});
