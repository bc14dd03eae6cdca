#!/usr/bin/env node
// Packaging and hashing a tree of mixed files (text, already-compressed binary, many small
// files) with the bundled build action, against `tar -cf - | gzip -6 | sha256sum` on the
// same tree in the same run. Prints the time ratio (goal <= 1.0) and the action's peak RSS
// (goal <= 150 MB) at two tree sizes, to show memory stays flat as the tree grows.
//   FASTDEPLOY_BENCH_SIZE=1GiB node bench/build-archive.mjs
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mib, parseSize, runBundled, timeShell } from "./lib.mjs";

const total = parseSize(process.env.FASTDEPLOY_BENCH_SIZE, 2 ** 30);

function makeTree(root, bytes) {
  let written = 0;
  let i = 0;
  const text = Buffer.from("export const value = 42; // a line of source code\n".repeat(2000));
  while (written < bytes) {
    const dir = join(root, "app", `mod${i % 50}`);
    mkdirSync(dir, { recursive: true });
    const kind = i % 10;
    // Mostly compressible text, some random (incompressible) blobs, a few big files.
    const content =
      kind < 6 ? text : kind < 9 ? randomBytes(256 * 1024) : randomBytes(16 * 2 ** 20);
    writeFileSync(join(dir, `file${i}.${kind < 6 ? "js" : "bin"}`), content);
    written += content.length;
    i++;
  }
  return { files: i, bytes: written };
}

async function measure(bytes) {
  const workspace = mkdtempSync(join(tmpdir(), "fd-bench-tree-"));
  try {
    const tree = makeTree(workspace, bytes);
    const ours = await runBundled(
      "build",
      { path: "app", name: "bench", version: "1.0.0", upload: "false", "output-dir": "out" },
      {
        cwd: workspace,
        env: {
          GITHUB_REPOSITORY: "acme/bench",
          GITHUB_SHA: "a".repeat(40),
          GITHUB_REF: "refs/heads/main",
        },
      },
    );
    if (ours.code !== 0) throw new Error(`build action failed with ${ours.code}`);
    const baseline = timeShell("tar -cf - app | gzip -6 | sha256sum", workspace);
    return { tree, ours, baseline };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

console.log("build-archive: bundled build action vs tar | gzip -6 | sha256sum");
for (const size of [Math.round(total / 4), total]) {
  const { tree, ours, baseline } = await measure(size);
  console.log(
    `  tree ${mib(tree.bytes)} in ${tree.files} files: action ${(ours.ms / 1000).toFixed(2)} s, ` +
      `baseline ${(baseline / 1000).toFixed(2)} s, ratio ${(ours.ms / baseline).toFixed(2)} (goal <= 1.0), ` +
      `peak RSS ${mib(ours.rss)} (goal <= 150 MB)`,
  );
}
