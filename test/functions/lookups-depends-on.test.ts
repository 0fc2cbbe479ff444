/**
 * The `…Output` lookups honour `dependsOn`: they read Okta only after every dependency is created, and stay
 * unknown in a preview where a dependency is not created yet (a lookup of a membership the same program
 * manages must not run before the membership exists).
 */
import assert from "node:assert/strict";
import nock from "nock";
import * as pulumi from "@pulumi/pulumi";
import { getIdentitySourceGroupMembershipsOutput } from "../../src/functions/get-identity-source-group-memberships";
import { getIdentitySourceUsersOutput } from "../../src/functions/get-identity-source-users";
import { useLookupEnv } from "./support";

const ORG = "https://ois-lookup-depends.okta.com";
const ISID = "0oaLOOKUPDEPENDS01";
const BASE = `/api/v1/identity-sources/${ISID}`;

/** A resource the program under test manages (CustomResource is abstract). */
class Managed extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:Managed", name, {});
  }
}

/** A component whose only child is a managed record, as a program's "team" abstraction would be. */
class Team extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:index:Team", name);
    new ManagedChild(`${name}-membership`, this);
    this.registerOutputs({});
  }
}
class ManagedChild extends pulumi.CustomResource {
  constructor(name: string, parent: pulumi.Resource) {
    super("test:index:Managed", name, {}, { parent });
  }
}

/** Resolves after every callback already queued has run (no timer involved). */
const drain = () => new Promise((resolve) => setImmediate(resolve));

/** Whether `output` is known, and its value when it is. */
async function settle<T>(output: pulumi.Output<T>): Promise<{ known: boolean; value?: T }> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- internal Output promises, as the SDK's own tests read them
  const internal = output as any;
  const known = (await internal.isKnown) as boolean;
  return known ? { known, value: (await internal.promise()) as T } : { known };
}

describe("lookups with dependsOn", () => {
  before(() => nock.disableNetConnect());
  after(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());
  // Later test files expect an ordinary (non-preview) run.
  after(() => pulumi.runtime.setMocks({ newResource: () => ({ id: "x", state: {} }), call: () => ({}) }));
  useLookupEnv(() => ORG);

  /**
   * Registers what `dependency()` makes while custom resources cannot finish being created, runs a lookup
   * that depends on it, and checks that Okta is read only once they are created, and then once.
   */
  async function assertLookupWaitsFor(dependency: () => pulumi.Resource): Promise<void> {
    let release!: () => void;
    const created = new Promise<void>((resolve) => (release = resolve));
    await pulumi.runtime.setMocks(
      {
        newResource: async (args) => {
          if (args.custom) await created;
          return { id: `${args.name}-id`, state: {} };
        },
        call: () => ({}),
      },
      "project",
      "stack",
      false,
    );
    let reads = 0;
    nock(ORG)
      .get(`${BASE}/groups/G1/membership`)
      .query(true)
      .reply(() => (reads++, [200, { memberExternalIds: ["u1"] }]));
    const out = getIdentitySourceGroupMembershipsOutput(
      { identitySourceId: ISID, groupExternalId: "G1" },
      { dependsOn: [dependency()] },
    );
    for (let i = 0; i < 20; i++) await drain();
    assert.equal(reads, 0, "no read before the dependency exists");
    release();
    const { value } = await settle(out);
    assert.deepEqual(value?.memberExternalIds, ["u1"]);
    assert.equal(reads, 1);
  }

  it("waits until the dependency is created before reading Okta", () =>
    assertLookupWaitsFor(() => new Managed("m")));

  it("waits for the children of a component it depends on, as an invoke with dependsOn does", () =>
    assertLookupWaitsFor(() => new Team("eng")));

  it("stays unknown, without reading Okta, in a preview where the dependency is not created yet", async () => {
    await pulumi.runtime.setMocks(
      { newResource: () => ({ id: undefined, state: {} }), call: () => ({}) },
      "p",
      "s",
      true,
    );
    const user = new Managed("u");
    // nock is closed and has no scope: a read of Okta would fail the lookup instead of leaving it unknown.
    const out = getIdentitySourceUsersOutput(
      { identitySourceId: ISID, externalId: "U1" },
      { dependsOn: user },
    );
    assert.equal((await settle(out)).known, false);
  });
});
