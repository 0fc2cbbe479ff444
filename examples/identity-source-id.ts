/**
 * Shared by every example's `index.ts` (and the root program): the identity source the examples manage.
 */
import * as pulumi from "@pulumi/pulumi";

/** Reads the identity source id from `okta-identity-source-examples:identitySourceId` or OKTA_IDENTITY_SOURCE_ID. */
export function identitySourceIdFromConfig(): string {
  const id =
    new pulumi.Config("okta-identity-source-examples").get("identitySourceId") ??
    process.env["OKTA_IDENTITY_SOURCE_ID"];
  if (id === undefined || id === "") {
    throw new Error(
      "Set the identity source id: `pulumi config set okta-identity-source-examples:identitySourceId 0oa…` " +
        "or OKTA_IDENTITY_SOURCE_ID",
    );
  }
  return id;
}
