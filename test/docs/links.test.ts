import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** README and docs/ cite only files that are in the repository, by links that resolve. */

const REPO = resolve(__dirname, "..", "..");
const DOCS = [
  "README.md",
  ...readdirSync(join(REPO, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

describe("README and docs/", () => {
  for (const doc of DOCS) {
    it(`${doc}: every relative link names a file or folder of the repository`, () => {
      const text = readFileSync(join(REPO, doc), "utf8");
      const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1]!.split("#")[0]!)
        .filter((target) => target !== "" && !/^[a-z]+:/.test(target));
      for (const target of targets) {
        assert.ok(existsSync(resolve(dirname(join(REPO, doc)), target)), `${doc} links to ${target}`);
      }
    });

    it(`${doc}: cites no notes from outside the repository`, () => {
      assert.doesNotMatch(readFileSync(join(REPO, doc), "utf8"), /shared\/|API note §/);
    });
  }
});
