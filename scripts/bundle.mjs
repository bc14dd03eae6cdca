#!/usr/bin/env node
// Builds one ncc bundle per action entry point: dist/<name>/index.js.
// Usage: node scripts/bundle.mjs [--out <dir>] [name ...]
import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
let out = join(root, "dist");
const names = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--out") out = resolve(args[++i]);
  else names.push(args[i]);
}

/** An action's post step, when packages/actions/src/<name>-post.ts exists: dist/<name>-post/. */
const postOf = (name) =>
  existsSync(join(root, "packages/actions/src", `${name}-post.ts`)) ? [`${name}-post`] : [];

/** One bundle per action directory (and its post step), one for the root action and the CLI. */
export const entries = readdirSync(join(root, "actions"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => [d.name, ...postOf(d.name)])
  .concat(["fastdeploy", "cli"]);

const entryFile = (name) =>
  name === "cli"
    ? join(root, "packages/cli/src/main.ts")
    : join(root, "packages/actions/src", `${name}.ts`);

const selected = names.length ? names.flatMap((n) => [n, ...postOf(n)]) : entries;
const ncc = join(root, "node_modules/@vercel/ncc/dist/ncc/cli.js");

function build(name) {
  const target = join(out, name);
  rmSync(target, { recursive: true, force: true });
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      [
        ncc,
        "build",
        entryFile(name),
        "-o",
        target,
        "--quiet",
        "--transpile-only",
        "--license",
        "licenses.txt",
      ],
      {
        cwd: root,
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    child.on("exit", (code) =>
      code === 0 ? ok() : fail(new Error(`ncc failed for ${name} (exit ${code})`)),
    );
  });
}

const queue = [...selected];
const workers = Array.from(
  { length: Math.max(1, Math.min(availableParallelism(), queue.length)) },
  async () => {
    while (queue.length) {
      const name = queue.shift();
      const started = Date.now();
      await build(name);
      console.log(`bundled ${name} in ${Date.now() - started} ms`);
    }
  },
);
await Promise.all(workers);
