#!/usr/bin/env node
// Builds dist/ with esbuild. The actions are one shared bundle: a thin dist/<entry>/index.js per
// entry the action.yml files name (main or post) over code-split chunks in dist/chunks/. The
// CLI is a second run, dist/cli/index.js over dist/cli/chunks/. Code that only some steps need
// (@actions/artifact, the local GitHub behind `demo` and `local`) is loaded with import() and so
// lands in chunks that only those steps load. Nothing here lists source files: the entries come
// from the action.yml files, the rest follows the imports.
//
// Usage: node scripts/bundle.mjs [--out <dir>]      the actions and the CLI (default dist/)
//        node scripts/bundle.mjs --cli-package      the installable CLI in packages/cli/: the same
//                                                   dist/ plus what `local` and `demo` run (the
//                                                   action.yml files, the reusable workflows)
//        node scripts/bundle.mjs --clean-cli-package  removes those copies again (postpack)
//        --metafile <file>                          also write esbuild's metafile (what went where)
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { parse } from "yaml";
import { builtinsByRequire } from "./bundle-builtins.mjs";
import { bundleUndici, checkStandInPlace, lazyUndici } from "./bundle-lazy-undici.mjs";
import { licensesText } from "./bundle-licenses.mjs";
import { retryPluginLimiter } from "./bundle-retry-limiter.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const cliPackage = args.includes("--cli-package");
const cliPackageDir = join(root, "packages/cli");
const outAt = args.indexOf("--out");
const out = cliPackage
  ? join(root, "packages/cli/dist")
  : outAt >= 0
    ? resolve(args[outAt + 1])
    : join(root, "dist");

/**
 * What the installed CLI's local engine uses as FastDeploy's checkout (its actionsRoot, found
 * by walking up from the bundle to a directory holding action.yml and actions/): every
 * action.yml at its place, and the reusable workflows that `fastdeploy/fastdeploy/.github/
 * workflows/x.yml@ref` names. Copies, written at pack time and removed after it.
 */
function actionsRootCopies() {
  const workflows = join(root, ".github/workflows");
  const reusable = readdirSync(workflows)
    .filter((f) => /\.ya?ml$/.test(f))
    .filter((f) => parse(readFileSync(join(workflows, f), "utf8"))?.on?.workflow_call !== undefined)
    .map((f) => join(".github/workflows", f));
  return [...actionFiles().map((f) => relative(root, f)), ...reusable];
}

const cliPackageCopies = ["action.yml", "actions", ".github"];
if (args.includes("--clean-cli-package")) {
  for (const name of [...cliPackageCopies, "dist"])
    rmSync(join(cliPackageDir, name), { recursive: true, force: true });
  process.exit(0);
}

const metafileAt = args.indexOf("--metafile");
const metafile = metafileAt >= 0 ? resolve(args[metafileAt + 1]) : undefined;

const actionSources = join(root, "packages/actions/src");
const cliMain = join(root, "packages/cli/src/main.ts");

/** Every action.yml: the root action and actions/<name>/. */
function actionFiles() {
  const dirs = readdirSync(join(root, "actions"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(root, "actions", d.name));
  return [root, ...dirs].map((dir) => join(dir, "action.yml")).filter((f) => existsSync(f));
}

/**
 * The bundle entries the action.yml files run: `main: ../../dist/build/index.js` is built from
 * packages/actions/src/build.ts. distribute and rollback name the same post, so it is one entry.
 */
function actionEntries() {
  const entries = new Map();
  for (const file of actionFiles()) {
    const runs = parse(readFileSync(file, "utf8"))?.runs ?? {};
    for (const stage of ["pre", "main", "post"]) {
      if (typeof runs[stage] !== "string") continue;
      const target = relative(join(root, "dist"), resolve(dirname(file), runs[stage]));
      const match = /^([a-z][a-z0-9-]*)[\\/]index\.js$/.exec(target);
      if (!match) throw new Error(`${file}: runs.${stage} must be dist/<entry>/index.js`);
      const source = join(actionSources, `${match[1]}.ts`);
      if (!existsSync(source)) throw new Error(`${file}: runs.${stage} needs ${source}`);
      entries.set(match[1], source);
    }
  }
  return [...entries].sort().map(([name, source]) => ({ in: source, out: `${name}/index` }));
}

// Only what this script writes is removed, so `--out` can never wipe an unrelated folder.
mkdirSync(out, { recursive: true });
for (const name of readdirSync(out)) {
  const path = join(out, name);
  const generated =
    ["chunks", "licenses.txt", "package.json"].includes(name) || existsSync(join(path, "index.js"));
  if (generated) rmSync(path, { recursive: true, force: true });
}

/** One esbuild run: code-split ESM, chunks in <outdir>/chunks/. */
function bundle(entryPoints, outdir) {
  return build({
    absWorkingDir: root, // paths in the output are repository-relative: same bytes anywhere
    entryPoints,
    outdir,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    // The actions run on node24; the CLI promises Node 20 (its engines).
    target: "node20",
    // Minified code starts faster (bench/startup.mjs): less to read and parse.
    minify: true,
    // Every package's license goes to licenses.txt instead, once.
    legalComments: "none",
    metafile: true,
    plugins: [lazyUndici, builtinsByRequire, retryPluginLimiter(root)],
    logLevel: "warning",
    // CommonJS dependencies call require() for node's built-ins; ESM has none, so make one.
    banner: {
      js: 'import { createRequire as __fastdeployRequire } from "node:module"; const require = __fastdeployRequire(import.meta.url);',
    },
  });
}

const started = Date.now();
// The actions' shared bundle and the CLI are two runs: sharing chunks with the CLI would split
// the actions' code into more files along the CLI's lines, and each file costs start-up time.
// The CLI package holds both too: `local` and `demo` start the actions' bundles.
const builds = [
  await bundle(actionEntries(), out),
  await bundle([{ in: cliMain, out: "index" }], join(out, "cli")),
];
if (cliPackage) {
  for (const name of cliPackageCopies)
    rmSync(join(cliPackageDir, name), { recursive: true, force: true });
  for (const file of actionsRootCopies()) {
    mkdirSync(dirname(join(cliPackageDir, file)), { recursive: true });
    copyFileSync(join(root, file), join(cliPackageDir, file));
  }
}
const inputs = builds.flatMap((b) => Object.keys(b.metafile.inputs));
for (const b of builds) checkStandInPlace(b.metafile, out, root);
if (inputs.some((i) => i.startsWith("lazy-undici:")))
  inputs.push(...(await bundleUndici(root, out)));
await writeFile(join(out, "package.json"), `${JSON.stringify({ type: "module" }, null, 2)}\n`);
await writeFile(join(out, "licenses.txt"), licensesText(root, inputs));
const outputs = Object.assign({}, ...builds.map((b) => b.metafile.outputs));
if (metafile) {
  const merged = { inputs: Object.assign({}, ...builds.map((b) => b.metafile.inputs)), outputs };
  await writeFile(metafile, JSON.stringify(merged));
}
chmodSync(join(out, "cli/index.js"), 0o755);

const bytes = Object.values(outputs).reduce((sum, o) => sum + o.bytes, 0);
// On stderr: `npm pack --json` runs this as prepack, and its stdout must stay JSON.
console.error(
  `bundled into ${relative(process.cwd(), out) || "."}: ${Object.keys(outputs).length} files, ` +
    `${(bytes / 1e6).toFixed(2)} MB in ${Date.now() - started} ms`,
);
