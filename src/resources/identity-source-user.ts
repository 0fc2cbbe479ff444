import * as pulumi from "@pulumi/pulumi";
import { identitySourceUserShim } from "../provider/shims";
import type { ImportUserProfile } from "../schemas/import-data";
import { MODULE, refuseReservedKeys, resourceProps } from "./register";

/**
 * A user profile as declared: `ImportUserProfile`'s attributes, each a `pulumi.Input`. Okta profile attributes
 * are strings only; `null` and absent both mean "not set".
 */
export type IdentitySourceUserProfileArgs = {
  [K in keyof ImportUserProfile]: pulumi.Input<ImportUserProfile[K]>;
};

/** The profile Okta holds: `ImportUserProfile`'s attributes; those not set are absent. */
export type IdentitySourceUserProfile = {
  [K in keyof ImportUserProfile]: Exclude<ImportUserProfile[K], null>;
};

export interface IdentitySourceUserArgs {
  /** Id of the Custom Identity Source app (`0oa…`). Changing this forces replacement. */
  identitySourceId: pulumi.Input<string>;
  /**
   * The user's id in the source system (`identitySourceUserId` in `@pulumi/okta`); at most 512 characters.
   * Changing this forces replacement.
   */
  externalId: pulumi.Input<string>;
  /**
   * The user's profile. It is the whole truth: an attribute removed here is cleared in Okta on the next update.
   * Stored as a secret unless `secretProfile` is false.
   */
  profile: pulumi.Input<IdentitySourceUserProfileArgs>;
  /**
   * When the user already exists in the identity source, take it over (and apply the declared profile)
   * instead of failing. `pulumi import` does not work for dynamic resources; this is the way to adopt.
   * Only consulted on create.
   * @default false
   */
  adoptExisting?: pulumi.Input<boolean> | undefined;
  /**
   * Profiles are personal data, so `profile` is stored as a secret in state (encrypted, shown as `[secret]`).
   * Set to false to keep it in plain text, e.g. for test data. Not a `pulumi.Input`: it decides how the
   * resource is registered.
   * @default true
   */
  secretProfile?: boolean | undefined;
}

/**
 * One user of an Okta identity source, managed record by record (create = POST then read back, update = PUT,
 * delete = DELETE). Type token `pulumi-nodejs:dynamic/okta-identity-source:IdentitySourceUser`; the resource
 * id is `<identitySourceId>/<externalId>`.
 */
export class IdentitySourceUser extends pulumi.dynamic.Resource {
  /** Id of the Custom Identity Source app (`0oa…`). */
  declare readonly identitySourceId: pulumi.Output<string>;
  /** The record's id in the source system. */
  declare readonly externalId: pulumi.Output<string>;
  /** The profile Okta holds (secret unless `secretProfile: false`). */
  declare readonly profile: pulumi.Output<IdentitySourceUserProfile>;
  /** The `id` Okta assigns to the user record. */
  declare readonly oktaUserId: pulumi.Output<string>;
  /** RFC 3339 time. */
  declare readonly created: pulumi.Output<string>;
  /** RFC 3339 time. */
  declare readonly lastUpdated: pulumi.Output<string>;
  /** As declared: whether create may take over an existing record. */
  declare readonly adoptExisting: pulumi.Output<boolean | undefined>;
  /** Whether `profile` is stored as a secret (as declared; unset means true). */
  declare readonly secretProfile: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: IdentitySourceUserArgs, opts?: pulumi.CustomResourceOptions) {
    refuseReservedKeys("IdentitySourceUser", name, args);
    const secret = args.secretProfile !== false;
    const props = resourceProps(name, ["oktaUserId", "created", "lastUpdated"], {
      identitySourceId: args.identitySourceId,
      externalId: args.externalId,
      profile: secret ? pulumi.secret(args.profile) : args.profile,
      adoptExisting: args.adoptExisting,
      secretProfile: args.secretProfile,
    });
    // The engine copies secretness from inputs to same-named outputs; this also covers a refresh that rewrote it.
    const secretOpts = secret ? pulumi.mergeOptions(opts, { additionalSecretOutputs: ["profile"] }) : opts;
    super(identitySourceUserShim, name, props, secretOpts, MODULE, "IdentitySourceUser");
  }
}
