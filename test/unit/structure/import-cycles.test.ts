/**
 * `functions/` has no import cycle (issue 13): a module graph a reader can follow from the
 * routes down to the core. Reads every `import … from "./…"` / `export … from "./…"`
 * (type-only ones too: a cycle of types is still a knot for the reader).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../../functions");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.{1,2}\/[^"]+)"/g;

function importsOf(file: string, known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const m of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
    const base = resolve(dirname(file), m[1] ?? "");
    const target = [`${base}.ts`, join(base, "index.ts")].find((p) => known.has(p));
    if (target !== undefined) out.push(target);
  }
  return out;
}

/** One cycle of the graph (as a path), or null: depth-first with the usual three colours. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") return [...stack.slice(stack.indexOf(next)), next];
      if (state.get(next) === undefined) {
        const found = visit(next);
        if (found !== null) return found;
      }
    }
    stack.pop();
    state.set(node, "done");
    return null;
  };
  for (const node of graph.keys()) {
    if (state.get(node) === undefined) {
      const found = visit(node);
      if (found !== null) return found;
    }
  }
  return null;
}

it("finds a cycle when there is one (the check itself)", () => {
  const graph = new Map([
    ["a", ["b"]],
    ["b", ["c"]],
    ["c", ["a"]],
  ]);
  expect(findCycle(graph)).toEqual(["a", "b", "c", "a"]);
  expect(
    findCycle(
      new Map([
        ["a", ["b"]],
        ["b", []],
      ]),
    ),
  ).toBeNull();
});

it("functions/ has no import cycle", () => {
  const files = sources(root);
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, importsOf(f, known)] as const));
  expect(graph.size).toBeGreaterThan(100);
  const cycle = findCycle(graph);
  expect(cycle?.map((f) => relative(root, f)) ?? null).toBeNull();
});
