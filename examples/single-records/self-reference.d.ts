/**
 * For the repository's own type check only (users install the package and never need this): the examples
 * import the package by its published name. At run time the examples workspace links that name to this
 * repository's `dist/`; `npm test` type-checks before anything is built, so the type check reads the sources.
 * Serves every example.
 */
declare module "pulumi-okta-identity-source" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- an ambient module cannot import a relative path
  const ois: typeof import("../../src/index");
  export = ois;
}
