import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { IdentitySourceImport } from "../../src/resources/identity-source-import";

const SECRET_KEY = "4dabf18193072939515e22adb298388d";
const isSecret = (value: unknown): boolean =>
  typeof value === "object" && value !== null && SECRET_KEY in (value as Record<string, unknown>);

/** The part of the SDK's RegisterResourceRequest this test reads. */
interface RegisterRequest {
  getAdditionalsecretoutputsList(): string[];
}

describe("IdentitySourceImport resource class", () => {
  it("registers the data blocks and the digests as secrets, the knobs and triggers in plain text, and the resource name", async () => {
    const registered: { type: string; inputs: Record<string, unknown> }[] = [];
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({ type: args.type, inputs: args.inputs as Record<string, unknown> });
          return { id: "aps1", state: { sessionStatus: "COMPLETED" } };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
    // Mocks do not see resource options; the monitor's request does (internal API, as the e2e mini engine uses).
    const secretOutputs: string[][] = [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const monitor = require("@pulumi/pulumi/runtime/settings").getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request: RegisterRequest, callback: unknown) => {
      secretOutputs.push(request.getAdditionalsecretoutputsList());
      register(request, callback);
    };
    const job = new IdentitySourceImport("hr-sync", {
      identitySourceId: "0oa3l6l6WK6h0R0QW0g4",
      upsertUsers: {
        profiles: [{ externalId: "U1", profile: { userName: "u1@example.com", email: "u1@example.com" } }],
      },
      deleteGroups: { externalIds: ["G_OLD"] },
      pollIntervalSeconds: 30,
      membershipPacking: "groups",
      uploadMode: "all",
      prune: true,
      triggers: { rerun: "1" },
    });
    const status = await new Promise((resolve) => job.sessionStatus.apply(resolve));
    assert.equal(status, "COMPLETED");

    assert.equal(registered.length, 1);
    const { type, inputs } = registered[0]!;
    assert.equal(type, "pulumi-nodejs:dynamic/okta-identity-source:IdentitySourceImport");
    assert.ok(isSecret(inputs["upsertUsers"]));
    assert.ok(isSecret(inputs["deleteGroups"]));
    assert.equal("upsertGroups" in inputs, false, "absent blocks stay absent");
    assert.equal(inputs["pollIntervalSeconds"], 30);
    assert.equal(inputs["membershipPacking"], "groups", "the argument reaches the provider");
    assert.equal(inputs["uploadMode"], "all", "the argument reaches the provider");
    assert.equal(inputs["prune"], true, "the argument reaches the provider");
    assert.deepEqual(inputs["triggers"], { rerun: "1" });
    assert.equal(inputs["resourceName"], "hr-sync");
    // A digest of a small, guessable payload can be reversed by trying candidates: secret like the data, and
    // so are the external ids of prune deletes a run did not confirm.
    assert.deepEqual([...secretOutputs[0]!].sort(), [
      "blockDigests",
      "payloadDigest",
      "planDigest",
      "unconfirmedPrunes",
    ]);
    assert.equal(typeof inputs["__provider"], "string");
    assert.match(String(inputs["__provider"]), /pulumi-okta-identity-source\/provider/);
    assert.doesNotMatch(String(inputs["__provider"]), /u1@example\.com/);
  });
});
