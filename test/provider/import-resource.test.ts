import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { IdentitySourceImport } from "../../src/resources/identity-source-import";

const SECRET_KEY = "4dabf18193072939515e22adb298388d";
const isSecret = (value: unknown): boolean =>
  typeof value === "object" && value !== null && SECRET_KEY in (value as Record<string, unknown>);

describe("IdentitySourceImport resource class", () => {
  it("registers the data blocks as secrets, the knobs and triggers in plain text, and the resource name", async () => {
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
    const job = new IdentitySourceImport("hr-sync", {
      identitySourceId: "0oa3l6l6WK6h0R0QW0g4",
      upsertUsers: {
        profiles: [{ externalId: "U1", profile: { userName: "u1@example.com", email: "u1@example.com" } }],
      },
      deleteGroups: { externalIds: ["G_OLD"] },
      pollIntervalSeconds: 30,
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
    assert.deepEqual(inputs["triggers"], { rerun: "1" });
    assert.equal(inputs["resourceName"], "hr-sync");
    assert.equal(typeof inputs["__provider"], "string");
    assert.match(String(inputs["__provider"]), /pulumi-okta-identity-source\/provider/);
    assert.doesNotMatch(String(inputs["__provider"]), /u1@example\.com/);
  });
});
