import * as pulumi from "@pulumi/pulumi";
import { identitySourceGroupMembershipShim } from "../provider/shims";
import { MODULE, resourceProps } from "./register";

export interface IdentitySourceGroupMembershipArgs {
  /** Id of the Custom Identity Source app (`0oa…`). Changing this forces replacement. */
  identitySourceId: pulumi.Input<string>;
  /** The group's external id or its Okta id (`00g…`). Changing this forces replacement. */
  groupOrExternalId: pulumi.Input<string>;
  /** External id of the user to add to the group. Changing this forces replacement. */
  memberExternalId: pulumi.Input<string>;
}

/**
 * One user in one group of an Okta identity source. The resource id is
 * `<identitySourceId>/<groupOrExternalId>/<memberExternalId>`. A refresh finds the member on any page of the
 * group, and all memberships of one group share one listing per refresh. Type token
 * `pulumi-nodejs:dynamic/okta-identity-source:IdentitySourceGroupMembership`.
 */
export class IdentitySourceGroupMembership extends pulumi.dynamic.Resource {
  /** Id of the Custom Identity Source app (`0oa…`). */
  declare readonly identitySourceId: pulumi.Output<string>;
  /** The group's external id or Okta id (`00g…`), as declared. */
  declare readonly groupOrExternalId: pulumi.Output<string>;
  /** External id of the member user. */
  declare readonly memberExternalId: pulumi.Output<string>;

  constructor(name: string, args: IdentitySourceGroupMembershipArgs, opts?: pulumi.CustomResourceOptions) {
    const { identitySourceId, groupOrExternalId, memberExternalId } = args;
    const props = resourceProps(name, [], { identitySourceId, groupOrExternalId, memberExternalId });
    super(identitySourceGroupMembershipShim, name, props, opts, MODULE, "IdentitySourceGroupMembership");
  }
}
