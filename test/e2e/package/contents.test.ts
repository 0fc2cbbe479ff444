import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { prepareFixtureProject } from "../harness/fixture";

const run = promisify(execFile);
const REPO_DIR = resolve(__dirname, "..", "..", "..");
const BIN = "dist/emulator/cli.js";
const EXECUTABLE = 0o111;

interface PackedFile {
  path: string;
  mode: number;
}

/** `npm pack --dry-run --json` in `dir`: the files the tarball would hold. */
async function packList(dir: string, ...flags: string[]): Promise<PackedFile[]> {
  const { stdout } = await run("npm", ["pack", "--dry-run", "--json", ...flags], { cwd: dir });
  const [info] = JSON.parse(stdout.slice(stdout.indexOf("["))) as { files: PackedFile[] }[];
  assert.ok(info, stdout);
  return info.files;
}

describe("the published package", function () {
  this.timeout(120_000);

  it("ships dist, README, LICENSE and CHANGELOG, and no tests, TypeScript sources or fixtures", async () => {
    // `npm run test:e2e` has just built dist; the prepack build is the next test's subject.
    const files = await packList(REPO_DIR, "--ignore-scripts");
    const paths = files.map((f) => f.path);
    for (const required of [
      "package.json",
      "README.md",
      "LICENSE",
      "CHANGELOG.md",
      "dist/index.js",
      "dist/index.d.ts",
    ])
      assert.ok(paths.includes(required), `${required} is packed`);
    const topLevel = new Set(["package.json", "README.md", "LICENSE", "CHANGELOG.md"]);
    assert.deepEqual(
      paths.filter((p) => !topLevel.has(p) && !p.startsWith("dist/")),
      [],
      "nothing but dist beside the four top-level files",
    );
    const unwanted = paths.filter(
      (p) => /(^|\/)(test|fixtures?|\.fixture)\//.test(p) || /\.test\.|(?<!\.d)\.ts$/.test(p),
    );
    assert.deepEqual(unwanted, []);
  });

  it("builds on `npm pack` (prepack) from a checkout without dist, with the emulator bin executable", async () => {
    const checkout = mkdtempSync(join(tmpdir(), "ois-prepack-"));
    try {
      for (const entry of [
        "src",
        "package.json",
        "tsconfig.json",
        "tsconfig.build.json",
        "README.md",
        "LICENSE",
        "CHANGELOG.md",
      ])
        cpSync(join(REPO_DIR, entry), join(checkout, entry), { recursive: true });
      symlinkSync(join(REPO_DIR, "node_modules"), join(checkout, "node_modules"), "junction");
      const files = await packList(checkout);
      const paths = files.map((f) => f.path);
      assert.ok(paths.includes("dist/index.js") && paths.includes("dist/index.d.ts"), "the build ran");
      const bin = files.find((f) => f.path === BIN);
      assert.ok(bin, `${BIN} is packed`);
      assert.equal(bin.mode & EXECUTABLE, EXECUTABLE, "the bin is packed executable");
    } finally {
      rmSync(checkout, { recursive: true, force: true });
    }
  });

  it("runs the emulator bin as a command from dist and from the installed package", async () => {
    const fixture = await prepareFixtureProject();
    for (const dir of [REPO_DIR, fixture.packageDir]) {
      assert.equal(statSync(join(dir, BIN)).mode & EXECUTABLE, EXECUTABLE, `${dir}/${BIN} is executable`);
      // Executed directly (shebang and run bit), as `npx okta-identity-source-emulator` does.
      const { stdout } = await run(join(dir, BIN), ["--help"]);
      assert.match(stdout, /^Usage: okta-identity-source-emulator/);
    }
  });
});
