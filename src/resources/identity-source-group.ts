import * as pulumi from "@pulumi/pulumi";
import { identitySourceGroupShim } from "../provider/shims";
import { MODULE, refuseReservedKeys, resourceProps } from "./register";

export interface IdentitySourceGroupProfileArgs {
  /** Group name. Required; 1–255 characters. */
  displayName: pulumi.Input<string>;
  /** At most 1,024 characters. Removing it (or `null`) clears it in Okta. */
  description?: pulumi.Input<string | null> | undefined;
}

export interface IdentitySourceGroupProfile {
  /** Group name. */
  displayName: string;
  /** Group description. */
  description?: string;
}

export interface IdentitySourceGroupArgs {
  /** Id of the Custom Identity Source app (`0oa…`). Changing this forces replacement. */
  identitySourceId: pulumi.Input<string>;
  /** The group's id in the source system; at most 255 characters. Changing this forces replacement. */
  externalId: pulumi.Input<string>;
  /** The group's profile (required here, optional in `@pulumi/okta`: Okta requires `displayName`). */
  profile: pulumi.Input<IdentitySourceGroupProfileArgs>;
  /**
   * When a group with this external id already exists, take it over (and apply the declared profile) instead
   * of failing. `pulumi import` does not work for dynamic resources; this is the way to adopt. Only consulted
   * on create.
   * @default false
   */
  adoptExisting?: pulumi.Input<boolean> | undefined;
}

/**
 * One group of an Okta identity source (create = POST, update = POST, delete = DELETE). The resource id is
 * Okta's group id (`00g…`). Type token `pulumi-nodejs:dynamic/okta-identity-source:IdentitySourceGroup`.
 * Group profiles are not personal data, so they are stored in plain text; wrap an input with `pulumi.secret`
 * to change that.
 */
export class IdentitySourceGroup extends pulumi.dynamic.Resource {
  /** Id of the Custom Identity Source app (`0oa…`). */
  declare readonly identitySourceId: pulumi.Output<string>;
  /** The record's id in the source system. */
  declare readonly externalId: pulumi.Output<string>;
  /** The profile Okta holds. */
  declare readonly profile: pulumi.Output<IdentitySourceGroupProfile>;
  /** Okta's group id (`00g…`); the same as `id`. */
  declare readonly oktaGroupId: pulumi.Output<string>;
  /** As declared: whether create may take over an existing record. */
  declare readonly adoptExisting: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: IdentitySourceGroupArgs, opts?: pulumi.CustomResourceOptions) {
    refuseReservedKeys("IdentitySourceGroup", name, args);
    const { identitySourceId, externalId, profile, adoptExisting } = args;
    const props = resourceProps(name, ["oktaGroupId"], {
      identitySourceId,
      externalId,
      profile,
      adoptExisting,
    });
    super(identitySourceGroupShim, name, props, opts, MODULE, "IdentitySourceGroup");
  }
}
