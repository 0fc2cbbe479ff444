import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { prepareFixtureProject, type FixtureProject } from "../harness/fixture";
import { CONSUMER_PROGRAM } from "./consumer-program";

const run = promisify(execFile);

/** The `tsconfig.json` of `pulumi new typescript` (pulumi/templates `typescript/tsconfig.json`, 2026-03). */
const PULUMI_NEW_TYPESCRIPT = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "nodenext",
    moduleResolution: "nodenext",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};
const withModule = (module: string, moduleResolution: string) => ({
  ...PULUMI_NEW_TYPESCRIPT,
  compilerOptions: { ...PULUMI_NEW_TYPESCRIPT.compilerOptions, module, moduleResolution },
});

/** Neither sets `esModuleInterop` or `skipLibCheck`: declaration files are checked as they are. */
const TSCONFIGS = {
  "pulumi new typescript": PULUMI_NEW_TYPESCRIPT,
  // What the template wrote from 2019 until March 2026: most existing Pulumi projects.
  "pulumi new typescript before 2026-03 (commonjs, node)": withModule("commonjs", "node"),
  "module and moduleResolution node16": withModule("node16", "node16"),
};

describe("the installed package type-checks in a user's program", function () {
  this.timeout(120_000);
  let fixture: FixtureProject;

  before(async () => {
    fixture = await prepareFixtureProject();
  });

  /** Compiles `program` in a directory of the fixture project; resolves to tsc's output and exit code. */
  async function typecheck(name: string, tsconfig: object, program: string) {
    const dir = join(fixture.projectDir, "typecheck", name.replace(/\W+/g, "-"));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    writeFileSync(join(dir, "index.ts"), program);
    const tsc = fixture.require.resolve("typescript/bin/tsc");
    try {
      const { stdout } = await run(process.execPath, [
        tsc,
        "-p",
        dir,
        "--noEmit",
        "--listFiles",
        "--pretty",
        "false",
      ]);
      return { code: 0, output: stdout };
    } catch (error) {
      const { code, stdout = "" } = error as { code?: number; stdout?: string };
      return { code: code ?? 1, output: stdout };
    }
  }
  const errorsIn = (output: string) => output.split("\n").filter((line) => line.includes("error TS"));

  for (const [name, tsconfig] of Object.entries(TSCONFIGS)) {
    it(`compiles a program using every resource and lookup with the tsconfig of ${name}, without loading zod`, async () => {
      const { code, output } = await typecheck(name, tsconfig, CONSUMER_PROGRAM);
      assert.deepEqual(errorsIn(output), []);
      assert.equal(code, 0);
      const files = output.split("\n").filter((line) => line.endsWith(".ts"));
      assert.ok(
        files.some((file) => file.endsWith("/pulumi-okta-identity-source/dist/index.d.ts")),
        "the types come from the installed package",
      );
      const zod = files.filter((file) => file.includes("/node_modules/zod/"));
      assert.deepEqual(zod, [], "no public declaration file may import zod");
    });
  }
});
