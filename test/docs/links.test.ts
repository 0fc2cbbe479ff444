import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/**
 * The repository stands alone: README, docs/ and every comment cite only files that are in it, by links and
 * `docs/<file>.md#<anchor>` references that resolve to a heading.
 */

const REPO = resolve(__dirname, "..", "..");
const DOCS = [
  "README.md",
  ...readdirSync(join(REPO, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
const SOURCE_ROOTS = ["src", "test", "bench", "tools", "examples", "docs"];

// Built from parts so that this file does not match itself.
// The notes kept beside the repository by its authors (none of them is in it): cited by name, they are a dead end.
const OUTSIDE_NOTE_NAMES = [
  "DESIGN",
  "STYLE-ANCHORS",
  "COMPETITORS",
  "okta-identity-sources-api",
  "pulumi-dynamic-providers",
];
const OUTSIDE_NOTES = new RegExp(
  [
    ["API", "note"].join(" "),
    "(^|[^\\w-])" + "shared" + "/",
    ...OUTSIDE_NOTE_NAMES.map((n) => `\\b${n}\\.md`),
  ].join("|"),
  "i",
);
/** Files at the top of the repository that carry comments (configuration). */
const ROOT_FILES = readdirSync(REPO).filter((f) => /\.(m?js|json|ts)$/.test(f) && f !== "package-lock.json");
const DOC_ANCHOR_REFERENCE = /\bdocs\/([\w.-]+\.md)#([\w-]+)/g;

function filesUnder(dir: string): string[] {
  return readdirSync(join(REPO, dir)).flatMap((name) => {
    if (name === "node_modules" || name.startsWith(".")) return [];
    const path = `${dir}/${name}`;
    return statSync(join(REPO, path)).isDirectory() ? filesUnder(path) : [path];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const slug = heading[1]!
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-");
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      anchors.add(n === 0 ? slug : `${slug}-${n}`);
    }
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]!);
  }
  return anchors;
}

const anchorCache = new Map<string, Set<string>>();
function anchorsOfFile(path: string): Set<string> {
  let anchors = anchorCache.get(path);
  if (!anchors) {
    anchors = anchorsOf(readFileSync(path, "utf8"));
    anchorCache.set(path, anchors);
  }
  return anchors;
}

describe("README and docs/", () => {
  for (const doc of DOCS) {
    it(`${doc}: every relative link names a file or folder of the repository, and an anchor of it`, () => {
      const text = readFileSync(join(REPO, doc), "utf8");
      const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1]!)
        .filter((target) => !/^[a-z]+:/.test(target));
      for (const target of targets) {
        const [file, anchor] = target.split("#") as [string, string | undefined];
        const path = file === "" ? join(REPO, doc) : resolve(dirname(join(REPO, doc)), file);
        assert.ok(existsSync(path), `${doc} links to ${file}`);
        if (anchor !== undefined && path.endsWith(".md")) {
          assert.ok(anchorsOfFile(path).has(anchor), `${doc} links to ${target}: no such heading`);
        }
      }
    });
  }
});

describe("citations in the repository", () => {
  const files = ["README.md", ...ROOT_FILES, ...SOURCE_ROOTS.flatMap(filesUnder)];

  it("finds the files it checks", () => {
    assert.ok(files.includes("src/schemas/limits.ts") && files.includes("docs/okta-api.md"));
    assert.ok(files.includes("eslint.config.mjs"));
  });

  it("no file cites notes from outside the repository", () => {
    const offenders = files.filter((file) => OUTSIDE_NOTES.test(readFileSync(join(REPO, file), "utf8")));
    assert.deepEqual(offenders, []);
  });

  it("every docs/<file>.md#<anchor> reference names a heading of that doc", () => {
    const broken: string[] = [];
    let references = 0;
    for (const file of files) {
      for (const [reference, doc, anchor] of readFileSync(join(REPO, file), "utf8").matchAll(
        DOC_ANCHOR_REFERENCE,
      )) {
        references++;
        const path = join(REPO, "docs", doc!);
        if (!existsSync(path) || !anchorsOfFile(path).has(anchor!)) {
          broken.push(`${relative(REPO, join(REPO, file))}: ${reference}`);
        }
      }
    }
    assert.deepEqual(broken, []);
    assert.ok(references > 50, `only ${references} references found: is the pattern still right?`);
  });
});

describe("anchorsOf", () => {
  it("derives GitHub's anchors and skips code fences", () => {
    const anchors = anchorsOf(
      '# Okta\'s API: the facts\n## Rate limits\n```\n# not a heading\n```\n## Rate limits\n<a id="x"></a>\n',
    );
    assert.deepEqual([...anchors].sort(), ["oktas-api-the-facts", "rate-limits", "rate-limits-1", "x"]);
  });
});
