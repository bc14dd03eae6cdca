#!/usr/bin/env node
// Vendors the subset of GitHub's OpenAPI description that the sandbox implements.
//
// Reads generated/api.github.com.json straight from disk: the package's index.js would load
// every variant of the description (385 MB). Keeps exactly the operations listed in
// packages/sandbox/openapi/operations.txt and every component they reference, transitively.
// Output is deterministic (sorted paths, methods and component names) so a test can check
// that regenerating yields the committed file.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const sourcePath = join(root, "node_modules/@octokit/openapi/generated/api.github.com.json");
const listPath = join(root, "packages/sandbox/openapi/operations.txt");
const outPath = join(root, "packages/sandbox/openapi/github-subset.json");

/** Parses operations.txt: `METHOD /path` per line, `#` comments. */
export function readOperations(text) {
  return text
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter(Boolean)
    .map((line) => {
      const [method, path, ...rest] = line.split(/\s+/);
      if (!method || !path || rest.length) throw new Error(`bad operation line: ${line}`);
      return { method: method.toLowerCase(), path };
    });
}

/** Collects every `#/components/<kind>/<name>` reachable from `value`. */
function collectRefs(spec, value, seen) {
  const stack = [value];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
    } else if (node && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (key === "$ref" && typeof child === "string") {
          const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(child);
          if (!match) throw new Error(`unsupported $ref: ${child}`);
          const id = `${match[1]}/${match[2]}`;
          if (seen.has(id)) continue;
          const target = spec.components?.[match[1]]?.[match[2]];
          if (target === undefined) throw new Error(`dangling $ref: ${child}`);
          seen.add(id);
          stack.push(target);
        } else {
          stack.push(child);
        }
      }
    }
  }
}

export function buildSubset(spec, operations) {
  const paths = {};
  for (const { method, path } of [...operations].sort((a, b) =>
    a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path),
  )) {
    const item = spec.paths[path];
    const op = item?.[method];
    if (!op) throw new Error(`operation not in the description: ${method.toUpperCase()} ${path}`);
    paths[path] ??= item.parameters ? { parameters: item.parameters } : {};
    paths[path][method] = op;
  }
  const seen = new Set();
  collectRefs(spec, paths, seen);
  const components = {};
  for (const id of [...seen].sort()) {
    const [kind, name] = id.split("/");
    components[kind] ??= {};
    components[kind][name] = spec.components[kind][name];
  }
  const sortedComponents = Object.fromEntries(
    Object.keys(components)
      .sort()
      .map((kind) => [kind, components[kind]]),
  );
  return {
    openapi: spec.openapi,
    info: { ...spec.info, description: `Subset vendored by scripts/vendor-openapi.mjs` },
    servers: spec.servers,
    paths,
    components: sortedComponents,
  };
}

export function render(subset) {
  return `${JSON.stringify(subset, null, 2)}\n`;
}

export function generate() {
  const spec = JSON.parse(readFileSync(sourcePath, "utf8"));
  const operations = readOperations(readFileSync(listPath, "utf8"));
  return render(buildSubset(spec, operations));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = generate();
  writeFileSync(outPath, text);
  const subset = JSON.parse(text);
  const ops = Object.values(subset.paths).reduce(
    (n, item) => n + Object.keys(item).filter((k) => k !== "parameters").length,
    0,
  );
  console.log(`wrote ${outPath}: ${ops} operations, ${(text.length / 1024).toFixed(0)} KiB`);
}
