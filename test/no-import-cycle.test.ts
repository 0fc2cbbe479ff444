import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";

/**
 * No import cycle anywhere in `src/`, type-only imports and re-exports included: a cycle makes the load order
 * decide what a module sees, and the layers of docs/architecture.md#layers only hold if files form a tree.
 */

const REPO = resolve(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(`${dir}/${entry.name}`)
      : entry.name.endsWith(".ts")
        ? [`${dir}/${entry.name}`]
        : [],
  );
}

/** Each file of `src/` and the files of `src/` it imports or re-exports from, paths relative to the repository. */
function importGraph(): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
  };
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles("src")) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(REPO, file), "utf8"), true, true);
    const targets = importedFiles.flatMap(({ fileName }) => {
      const resolved = ts.resolveModuleName(fileName, join(REPO, file), options, ts.sys).resolvedModule;
      const path = resolved && relative(REPO, resolved.resolvedFileName).split("\\").join("/");
      return path?.startsWith("src/") ? [path] : [];
    });
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The strongly connected components with more than one file, or a file that imports itself (Tarjan). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe("import cycles in src/", () => {
  it("finds a cycle, a type-only one and a self-import in a made-up graph", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a", "d"]],
      ["d", []],
      ["e", ["e"]],
    ]);
    assert.deepEqual(cycles(graph), [["a", "b", "c"], ["e"]]);
    const text = 'import type { X } from "./x";\nexport { Y } from "./y";\nimport "./z";';
    const names = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
    assert.deepEqual(names, ["./x", "./y", "./z"]);
  });

  it("has none", () => {
    const graph = importGraph();
    assert.ok(graph.size > 100 && [...graph.values()].some((targets) => targets.length > 0));
    const unexpected = cycles(graph);
    const shown = unexpected.map((component) =>
      component.map(
        (file) =>
          `${file} → ${graph
            .get(file)!
            .filter((t) => component.includes(t))
            .join(", ")}`,
      ),
    );
    assert.deepEqual(
      shown,
      [],
      "files that import each other, directly or through others (file → its imports in the cycle)",
    );
  });
});
