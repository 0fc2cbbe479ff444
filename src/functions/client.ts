/**
 * The Okta connection of the program process (lookups run there, not in the provider host). Configuration is
 * the same as the provider's: stack config under `okta:` (`new pulumi.Config("okta")`), then `OKTA_*`
 * environment variables.
 */
import * as pulumi from "@pulumi/pulumi";
import { OktaConnection } from "../okta-connection";

export const lookupConnection = new OktaConnection(() => {
  const config = new pulumi.Config("okta");
  return { get: (key) => config.get(key) };
});
