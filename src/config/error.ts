// Apart from fields.ts, whose declarations name zod types: src/index.ts exports this, and a user's program
// must type-check without loading zod.

const BRAND = Symbol.for("pulumi-okta-identity-source.OktaConfigError");

/** Missing, conflicting or malformed configuration. `keys` are the `okta:` keys involved. */
export class OktaConfigError extends Error {
  override readonly name = "OktaConfigError";
  readonly [BRAND] = true;
  constructor(
    message: string,
    readonly keys: readonly string[] = [],
  ) {
    super(`${message} See the "Configuration" section of the pulumi-okta-identity-source README.`);
  }
}

/** True for an `OktaConfigError`, also when it comes from another copy of this package. */
export function isOktaConfigError(error: unknown): error is OktaConfigError {
  return error instanceof Error && (error.name === "OktaConfigError" || BRAND in error);
}
