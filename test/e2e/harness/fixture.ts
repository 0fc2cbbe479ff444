/**
 * The fixture project end-to-end tests run in: `test/e2e/.fixture/project/` (gitignored), laid out the way a
 * user's Pulumi project is after `npm install pulumi-okta-identity-source`.
 *
 * How it is built, and why this way:
 * - Our package comes from its own `npm pack` tarball, extracted into `node_modules/pulumi-okta-identity-source`
 *   (what npm does for a tarball; we ship no install scripts). So the files, the `exports` map and, above all,
 *   the closure serialization of providers are exactly what users get: the package sits under `node_modules`
 *   as a real directory, not a symlink into the repo (a symlink would make Pulumi serialize it by value).
 * - Everything else (`@pulumi/pulumi@3.248.0`, axios, zod, jose, …) is a symlink to the repo's own
 *   `node_modules` entries. That needs no network and takes milliseconds, works from a clean clone after
 *   `npm ci`, and resolves the exact versions of our lockfile. `npm install` in the fixture would need the
 *   registry for package metadata (an `npm ci` cache holds tarballs only) and takes tens of seconds.
 *   Node caches modules by real path, so the program side and our package share one `@pulumi/pulumi` instance;
 *   the provider host resolves the provider's `require`s from its cwd, the project directory.
 * - `npm run test:compat` runs this suite with another `@pulumi/pulumi` (the newest): `OIS_E2E_PULUMI_SDK` names
 *   the `node_modules` directory it was installed into, and the fixture's `@pulumi/pulumi` links there instead.
 *   Its own dependencies resolve beside it (Node follows the link to the real path), so the program, our
 *   package and the provider host all load that SDK.
 * - The result is cached: `.fixture.json` records a hash of what goes into the tarball (package.json,
 *   README.md, LICENSE, CHANGELOG.md, dist/); a fixture with the same hash is reused without packing again.
 */
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const PACKAGE_NAME = "pulumi-okta-identity-source";
/** Value of `PULUMI_NODEJS_PROJECT` for the host; `config.get("x")` in a provider reads `<project>:x`. */
export const FIXTURE_PROJECT_NAME = "ois-e2e";
/** Bump when the layout below changes, so old fixtures are rebuilt. */
const LAYOUT_VERSION = 2;
/** Names a `node_modules` directory holding the `@pulumi/pulumi` to test with, instead of the repo's. */
export const SDK_OVERRIDE_ENV = "OIS_E2E_PULUMI_SDK";

export interface FixtureProject {
  /** Absolute path of the project directory (cwd of programs and of the provider host). */
  projectDir: string;
  projectName: string;
  /** Where our package was extracted. */
  packageDir: string;
  /** The packed tarball, as `npm pack` reported it. */
  tarball: { path: string; integrity: string; size: number; unpackedSize: number; entryCount: number };
  /** True when an existing fixture with the same content hash was reused. */
  reused: boolean;
  /** `require` resolving from the project directory, the way the user's program would. */
  require: NodeJS.Require;
}

const REPO_DIR = resolve(__dirname, "..", "..", "..");
const FIXTURE_ROOT = join(REPO_DIR, "test", "e2e", ".fixture");
let memo: Promise<FixtureProject> | undefined;

/** Builds (or reuses) the fixture project. Safe to call from every e2e test file; runs once per process. */
export function prepareFixtureProject(): Promise<FixtureProject> {
  memo ??= build().catch((error: unknown) => {
    memo = undefined;
    throw error;
  });
  return memo;
}

async function build(): Promise<FixtureProject> {
  await ensureFreshDist();
  const projectDir = join(FIXTURE_ROOT, "project");
  const markerPath = join(projectDir, ".fixture.json");
  const key = contentKey();
  if (existsSync(markerPath)) {
    const marker = JSON.parse(readFileSync(markerPath, "utf8")) as {
      key: string;
      tarball: FixtureProject["tarball"];
    };
    if (marker.key === key && existsSync(join(projectDir, "node_modules", PACKAGE_NAME, "package.json"))) {
      return project(projectDir, marker.tarball, true);
    }
  }

  rmSync(projectDir, { recursive: true, force: true });
  const packDir = join(FIXTURE_ROOT, "pack");
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  // --ignore-scripts: the build already ran (`prepack` would clean and build again).
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", packDir], {
    cwd: REPO_DIR,
  });
  const [info] = JSON.parse(stdout) as {
    filename: string;
    integrity: string;
    size: number;
    unpackedSize: number;
    entryCount: number;
  }[];
  if (info === undefined) throw new Error(`npm pack reported nothing: ${stdout}`);
  const tarball = {
    path: join(packDir, info.filename),
    integrity: info.integrity,
    size: info.size,
    unpackedSize: info.unpackedSize,
    entryCount: info.entryCount,
  };

  const packageDir = join(projectDir, "node_modules", PACKAGE_NAME);
  mkdirSync(packageDir, { recursive: true });
  // npm tarballs hold everything under `package/`.
  await run("tar", ["-xzf", tarball.path, "-C", packageDir, "--strip-components=1"]);

  const repoModules = join(REPO_DIR, "node_modules");
  const link = (target: string, name: string) =>
    symlinkSync(target, join(projectDir, "node_modules", name), "junction");
  for (const entry of readdirSync(repoModules)) {
    if (entry.startsWith(".") || entry === PACKAGE_NAME || entry === "@pulumi") continue;
    link(join(repoModules, entry), entry);
  }
  mkdirSync(join(projectDir, "node_modules", "@pulumi"));
  for (const entry of readdirSync(join(repoModules, "@pulumi"))) {
    if (entry !== "pulumi") link(join(repoModules, "@pulumi", entry), join("@pulumi", entry));
  }
  link(pulumiSdkDir(), join("@pulumi", "pulumi"));
  const pulumiVersion = readJson(join(pulumiSdkDir(), "package.json")).version;
  writeFileSync(
    join(projectDir, "package.json"),
    JSON.stringify(
      {
        name: FIXTURE_PROJECT_NAME,
        private: true,
        description: "Generated by test/e2e/harness/fixture.ts. Do not edit.",
        dependencies: {
          [PACKAGE_NAME]: `file:${relative(projectDir, tarball.path)}`,
          "@pulumi/pulumi": pulumiVersion,
        },
      },
      null,
      2,
    ),
  );
  writeFileSync(join(projectDir, "Pulumi.yaml"), `name: ${FIXTURE_PROJECT_NAME}\nruntime: nodejs\n`);
  writeFileSync(markerPath, JSON.stringify({ key, tarball }, null, 2));
  return project(projectDir, tarball, false);
}

function project(projectDir: string, tarball: FixtureProject["tarball"], reused: boolean): FixtureProject {
  return {
    projectDir,
    projectName: FIXTURE_PROJECT_NAME,
    packageDir: join(projectDir, "node_modules", PACKAGE_NAME),
    tarball,
    reused,
    require: createRequire(join(projectDir, "package.json")),
  };
}

/**
 * `npm run test:e2e` builds first. When a test file is run on its own, rebuild only if a source is newer
 * than `dist/index.js`. Type errors do not stop the emit (`noEmitOnError` is off): others may be mid-edit,
 * and CI's `npm run build` is the strict gate. They are reported on stderr.
 */
export async function ensureFreshDist(): Promise<void> {
  const built = join(REPO_DIR, "dist", "index.js");
  const inputs = [...walk(join(REPO_DIR, "src")), "package.json", "tsconfig.json", "tsconfig.build.json"];
  const newest = Math.max(...inputs.map((file) => statSync(resolve(REPO_DIR, file)).mtimeMs));
  if (existsSync(built) && statSync(built).mtimeMs >= newest) return;
  try {
    // `npm run build`, not bare tsc: its postbuild step gives the emulator bin its run bit.
    await run("npm", ["run", "build", "--silent"], { cwd: REPO_DIR });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    const out = `${stdout}${stderr}`.trim() || String(error);
    process.stderr.write(`[e2e fixture] tsc reported errors (dist emitted anyway):\n${out.slice(0, 2000)}\n`);
    if (!existsSync(built)) throw error;
  }
}

/** Hash of everything `npm pack` puts into the tarball (package.json `files`: dist, README, LICENSE, CHANGELOG). */
function contentKey(): string {
  const hash = createHash("sha256").update(`layout ${LAYOUT_VERSION}\n`);
  for (const file of [
    "package.json",
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
    ...walk(join(REPO_DIR, "dist")),
  ].sort()) {
    const path = resolve(REPO_DIR, file);
    if (!existsSync(path)) continue;
    hash.update(`${relative(REPO_DIR, path)}\n`).update(readFileSync(path));
  }
  hash.update(`${pulumiSdkDir()}@${readJson(join(pulumiSdkDir(), "package.json")).version}`);
  return hash.digest("hex");
}

/** The `@pulumi/pulumi` the fixture links to: the repo's, or the one `OIS_E2E_PULUMI_SDK` names. */
export function pulumiSdkDir(): string {
  const override = process.env[SDK_OVERRIDE_ENV];
  return join(override ? resolve(override) : join(REPO_DIR, "node_modules"), "@pulumi", "pulumi");
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function readJson(path: string): { version: string } {
  return JSON.parse(readFileSync(path, "utf8")) as { version: string };
}
