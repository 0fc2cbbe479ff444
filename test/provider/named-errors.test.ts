/**
 * Errors leaving the provider entry point name their resource, once, and keep what the host needs to record
 * a partially created resource.
 */
import assert from "node:assert/strict";
import type * as pulumi from "@pulumi/pulumi";
import nock from "nock";
import { isOktaApiError } from "../../src/client/errors";
import { configure, kinds } from "../../src/provider";
import type { ResourceKindProvider } from "../../src/provider/kind";
import { withNamedErrors } from "../../src/provider/named-errors";
import { CANARY_TOKEN, ISID, ORG, oktaError, rejectionOf, useNockProvider } from "./support";

const failing = (error: unknown): ResourceKindProvider => {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- non-Errors are part of the test
  const fail = () => Promise.reject(error);
  return { check: fail, diff: fail, create: fail, read: fail, update: fail, delete: fail };
};

describe("provider errors name their resource", () => {
  useNockProvider();

  it("prefixes an Okta failure on delete, through the entry point the shims call", async () => {
    const config: Record<string, string> = {
      "okta:orgUrl": ORG,
      "okta:apiToken": CANARY_TOKEN,
      "okta:maxRetries": "0",
    };
    await configure({ config: { get: (key: string) => config[key] } } as pulumi.dynamic.ConfigureRequest);
    nock(ORG)
      .delete(`/api/v1/identity-sources/${ISID}/users/U1`)
      .reply(500, oktaError("E0000009", "Internal Server Error"));
    const error = await rejectionOf(
      kinds.IdentitySourceUser.delete(`${ISID}/U1`, {
        identitySourceId: ISID,
        externalId: "U1",
        resourceName: "jdoe",
      }),
    );
    assert.match(error.message, /^jdoe: DELETE .* failed: 500/);
    assert.match(String(error.stack), /jdoe: DELETE/, "the host prints the stack of read/delete failures");
    assert.ok(isOktaApiError(error) && error.status === 500, "the copy keeps the class and its fields");
  });

  it("does not prefix a message that already names the resource", async () => {
    const kind = withNamedErrors(failing(new Error("jdoe: already said")));
    const error = await rejectionOf(kind.create({ resourceName: "jdoe" }));
    assert.equal(error.message, "jdoe: already said");
  });

  it("keeps the id, properties and reasons of a partially created resource, with the reason named too", async () => {
    const partial = Object.assign(new Error("read-back found nothing"), {
      id: "X",
      properties: { a: 1 },
      reasons: ["read-back found nothing"],
    });
    const error = await rejectionOf(withNamedErrors(failing(partial)).update("X", {}, { resourceName: "g" }));
    assert.equal(error.message, "g: read-back found nothing");
    assert.equal(error.cause, partial);
    assert.equal(error["id"], "X");
    assert.deepEqual(error["properties"], { a: 1 });
    assert.deepEqual(error["reasons"], ["g: read-back found nothing"]);
    assert.deepEqual(partial.reasons, ["read-back found nothing"], "the original is left alone");
  });

  it("names each resource once when several calls reject with the same error object", async () => {
    // The membership listing cache hands one rejected listing (one error object) to every read of a group.
    const shared = new Error("GET /groups/G1/membership failed: 403");
    const kind = withNamedErrors(failing(shared));
    const messages = await Promise.all(
      ["m-a", "m-b", "m-c"].map((name) => rejectionOf(kind.read("X", { resourceName: name }))),
    ).then((errors) => errors.map((e) => e.message));
    assert.deepEqual(messages, [
      "m-a: GET /groups/G1/membership failed: 403",
      "m-b: GET /groups/G1/membership failed: 403",
      "m-c: GET /groups/G1/membership failed: 403",
    ]);
    assert.equal(shared.message, "GET /groups/G1/membership failed: 403", "the shared error is left alone");
  });

  it("keeps `$` sequences of a message literal in the stack it prints", async () => {
    const error = await rejectionOf(
      withNamedErrors(failing(new Error("costs $& and $' here"))).read("X", { resourceName: "r" }),
    );
    assert.match(String(error.stack), /^Error: r: costs \$& and \$' here\n/);
  });

  it("passes non-Error rejections through untouched", async () => {
    const kind = withNamedErrors(failing("boom"));
    await assert.rejects(kind.read("X", { resourceName: "g" }), (e) => e === "boom");
  });
});
