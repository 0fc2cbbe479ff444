/**
 * Shared by the import e2e tests: running the examples (which import the package by its published name)
 * against the copy installed in the fixture project.
 */
import Module from "node:module";
import { join } from "node:path";
import { PACKAGE_NAME, type FixtureProject } from "./harness/fixture";

/**
 * The examples import the package by its published name. Resolve that name, and `@pulumi/pulumi`, to the
 * copies installed in the fixture project, so the program runs exactly what a user's `npm install` gives them,
 * with the one SDK instance the package and the mocks use (another version under `npm run test:compat`).
 */
export function resolvePackageFromFixture(fixture: FixtureProject): () => void {
  const moduleApi = Module as unknown as {
    _resolveFilename: (request: string, parent: unknown, ...rest: unknown[]) => string;
    _nodeModulePaths: (dir: string) => string[];
  };
  const original = moduleApi._resolveFilename;
  // A stand-in parent module living in the fixture project: resolution then walks its node_modules.
  const fixtureParent = {
    id: join(fixture.projectDir, "index.js"),
    filename: join(fixture.projectDir, "index.js"),
    paths: moduleApi._nodeModulePaths(fixture.projectDir),
  };
  moduleApi._resolveFilename = function (request, parent, ...rest) {
    const ours = [PACKAGE_NAME, "@pulumi/pulumi"].some(
      (name) => request === name || request.startsWith(`${name}/`),
    );
    return original.call(this, request, ours ? fixtureParent : parent, ...rest);
  };
  return () => {
    moduleApi._resolveFilename = original;
  };
}
