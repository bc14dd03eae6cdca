// What each bundle entry loads, read from esbuild's metafile (scripts/bundle.mjs --metafile):
// the chunks it imports at start-up, the chunks it may import() later, and the source files
// inside them. Tests use it to hold the shared bundle to its promises.
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";

interface MetaOutput {
  imports: { path: string; kind: string; external?: boolean }[];
  inputs: Record<string, unknown>;
}

export interface BundleGraph {
  /** dist-relative output files: `build/index.js`, `chunks/chunk-XYZ.js`, … */
  outputs: string[];
  /** Source files (repository-relative) that went into one output. */
  inputsOf(output: string): string[];
  /** The outputs an entry loads before it runs: itself and its static imports, transitively. */
  atStart(entry: string): string[];
  /** Everything an entry can ever load, import() included. */
  reachable(entry: string): string[];
}

export function readBundleGraph(metafile: string, root: string, out: string): BundleGraph {
  const meta = JSON.parse(readFileSync(metafile, "utf8")) as {
    outputs: Record<string, MetaOutput>;
  };
  const name = (path: string) => relative(out, resolve(root, path)).split("\\").join("/");
  const outputs = new Map(Object.entries(meta.outputs).map(([path, o]) => [name(path), o]));
  const walk = (entry: string, kinds: string[]) => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      const output = outputs.get(file);
      if (!output) throw new Error(`${file} is not an output of the bundle`);
      seen.add(file);
      for (const i of output.imports) {
        if (!i.external && kinds.includes(i.kind)) visit(name(i.path));
      }
    };
    visit(entry);
    return [...seen].sort();
  };
  return {
    outputs: [...outputs.keys()].sort(),
    inputsOf: (output) => Object.keys(outputs.get(output)?.inputs ?? {}),
    atStart: (entry) => walk(entry, ["import-statement"]),
    reachable: (entry) => walk(entry, ["import-statement", "dynamic-import"]),
  };
}
