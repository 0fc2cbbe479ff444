/**
 * Shared by the import e2e tests: running the examples (which import the package by its published name)
 * against the copy installed in the fixture project.
 */
import Module from "node:module";
import { join } from "node:path";
import { PACKAGE_NAME, type FixtureProject } from "./harness/fixture";

/**
 * The examples import the package by its published name. Resolve that name to the copy installed in the
 * fixture project, so the program runs exactly what a user's `npm install` gives them.
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
    const ours = request === PACKAGE_NAME || request.startsWith(`${PACKAGE_NAME}/`);
    return original.call(this, request, ours ? fixtureParent : parent, ...rest);
  };
  return () => {
    moduleApi._resolveFilename = original;
  };
}
