/**
 * For the repository's own type check only (users install the package and never need this): the examples
 * import the package by its published name, which resolves to the sources here. Serves every example.
 */
declare module "pulumi-okta-identity-source" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- an ambient module cannot import a relative path
  const ois: typeof import("../../src/index");
  export = ois;
}
