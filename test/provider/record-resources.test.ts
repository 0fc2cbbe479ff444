import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { IdentitySourceGroupMembership } from "../../src/resources/identity-source-group-membership";
import { IdentitySourceGroup } from "../../src/resources/identity-source-group";
import { IdentitySourceUser } from "../../src/resources/identity-source-user";

const SECRET_KEY = "4dabf18193072939515e22adb298388d";
const isSecret = (value: unknown): boolean =>
  typeof value === "object" && value !== null && SECRET_KEY in (value as Record<string, unknown>);
const ISID = "0oa3l6l6WK6h0R0QW0g4";
const profile = { userName: "jdoe@example.com", email: "jdoe@example.com", firstName: "Jane" };

/** The parts of the SDK's RegisterResourceRequest this test reads. */
interface RegisterRequest {
  getName(): string;
  getAdditionalsecretoutputsList(): string[];
}

describe("record resource classes", () => {
  let registered: Map<string, { type: string; inputs: Record<string, unknown> }>;
  let secretOutputs: Map<string, string[]>;

  beforeEach(async () => {
    registered = new Map();
    secretOutputs = new Map();
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.set(args.name, { type: args.type, inputs: args.inputs as Record<string, unknown> });
          return { id: `${args.name}-id`, state: { ...(args.inputs as object), oktaUserId: "0ua1" } };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
    // Mocks do not see resource options; the monitor's request does (internal API, as the e2e mini engine uses).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const monitor = require("@pulumi/pulumi/runtime/settings").getMonitor();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request: RegisterRequest, callback: unknown) => {
      secretOutputs.set(request.getName(), request.getAdditionalsecretoutputsList());
      register(request, callback);
    };
  });

  const settle = (r: pulumi.CustomResource) => new Promise((resolve) => r.id.apply(resolve));

  it("registers a user's profile as a secret input and secret output, with the type token and resource name", async () => {
    const user = new IdentitySourceUser("jdoe", { identitySourceId: ISID, externalId: "U1", profile });
    await settle(user);
    const { type, inputs } = registered.get("jdoe")!;
    assert.equal(type, "pulumi-nodejs:dynamic/okta-identity-source:IdentitySourceUser");
    assert.ok(isSecret(inputs["profile"]));
    assert.deepEqual(secretOutputs.get("jdoe"), ["profile"]);
    assert.equal(inputs["resourceName"], "jdoe");
    assert.match(String(inputs["__provider"]), /require\("pulumi-okta-identity-source\/provider"\)/);
    assert.doesNotMatch(String(inputs["__provider"]), /jdoe@example\.com/);
    assert.equal(await new Promise((resolve) => user.oktaUserId.apply(resolve)), "0ua1");
  });

  it("keeps a user's profile in plain text with secretProfile: false", async () => {
    await settle(
      new IdentitySourceUser("plain", {
        identitySourceId: ISID,
        externalId: "U2",
        profile,
        secretProfile: false,
      }),
    );
    const { inputs } = registered.get("plain")!;
    assert.deepEqual(inputs["profile"], profile);
    assert.equal(inputs["secretProfile"], false);
    assert.deepEqual(secretOutputs.get("plain"), []);
  });

  it("registers groups and memberships in plain text under their type tokens", async () => {
    const group = new IdentitySourceGroup("eng", {
      identitySourceId: ISID,
      externalId: "G1",
      profile: { displayName: "Engineering" },
    });
    const membership = new IdentitySourceGroupMembership("jdoe-eng", {
      identitySourceId: ISID,
      groupOrExternalId: group.externalId,
      memberExternalId: "U1",
    });
    await settle(membership);
    assert.equal(
      registered.get("eng")?.type,
      "pulumi-nodejs:dynamic/okta-identity-source:IdentitySourceGroup",
    );
    assert.deepEqual(registered.get("eng")?.inputs["profile"], { displayName: "Engineering" });
    const m = registered.get("jdoe-eng")!;
    assert.equal(m.type, "pulumi-nodejs:dynamic/okta-identity-source:IdentitySourceGroupMembership");
    assert.deepEqual(Object.keys(m.inputs).sort(), [
      "__provider",
      "groupOrExternalId",
      "identitySourceId",
      "memberExternalId",
      "resourceName",
    ]);
  });
});
