#!/usr/bin/env node
// Deploying a large release: the bundled distribute action (download, verify, extract, record,
// run `true` on one target) against the local GitHub, and in the same run what a hand-written
// step does with GNU tools to the same release from the same server:
//   - sequential: curl the archive to a file, `sha256sum -c` it, `tar -xzf` it;
//   - streamed:   curl | tee >(sha256sum) | tar -xzf -, one pass (the floor for one pass).
// Alternating, median of the rounds. Prints the action's whole step (node start to exit:
// requests, ledger and all) against each, and its peak RSS (goal: flat, at or under 150 MB).
// The archive is checked as it arrives: the download, the hash and the extraction are one
// pass over its bytes, so the goal is the sequential script's time or less.
//   node bench/deploy-large.mjs                     # 256 MiB of files, half incompressible
//   FASTDEPLOY_BENCH_SIZE=1GiB FASTDEPLOY_BENCH_ROUNDS=3 node bench/deploy-large.mjs
//   FASTDEPLOY_BENCH_CHECKOUT=<dir> node bench/deploy-large.mjs   (another checkout's actions,
//     e.g. a `git worktree` of an older commit, to compare before and after)
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { runnerImport } from "vite";
import { median, mib, parseSize, ROOT } from "./lib.mjs";

const load = async (path) => (await runnerImport(join(ROOT, path), { logLevel: "silent" })).module;
const { startLocalGitHub } = await load("packages/sandbox/src/index.ts");
const { publishVersion } = await load("test/support/release-fixture.ts");

const size = parseSize(process.env.FASTDEPLOY_BENCH_SIZE, 256 * 2 ** 20);
const rounds = Number(process.env.FASTDEPLOY_BENCH_ROUNDS ?? 5);
const checkout = process.env.FASTDEPLOY_BENCH_CHECKOUT;
const run = promisify(execFile);

const github = await startLocalGitHub();
const temp = mkdtempSync(join(tmpdir(), "fd-bench-large-"));

// Files of 4 MiB: every other one random (incompressible), the rest repetitive text.
const FILE = 4 * 2 ** 20;
const files = {};
for (let i = 0; i * FILE < size; i++) {
  const bytes = Math.min(FILE, size - i * FILE);
  files[`app/part-${String(i).padStart(4, "0")}.bin`] =
    i % 2 === 0 ? randomBytes(bytes) : Buffer.alloc(bytes, `line ${i} of the service\n`);
}
const started = performance.now();
const published = await publishVersion(github, { version: "1.0.0", files });
console.error(
  `built and published ${mib(size)} of files in ${Math.round(performance.now() - started)} ms`,
);

const [owner, repo] = github.repository.split("/");
const api = github.sandbox.apiUrl;
const headers = { authorization: `Bearer ${github.token}` };
const { assets } = await (
  await fetch(`${api}/repos/${owner}/${repo}/releases/${published.releaseId}`, { headers })
).json();
const archive = assets.find((a) => a.name.endsWith(".tar.gz"));

/** A fresh signed URL for the archive's bytes (what GitHub's 302 gives a download). */
async function archiveUrl() {
  const response = await fetch(`${api}/repos/${owner}/${repo}/releases/assets/${archive.id}`, {
    headers: { ...headers, accept: "application/octet-stream" },
    redirect: "manual",
  });
  await response.arrayBuffer();
  return response.headers.get("location");
}

async function timedShell(script) {
  const dir = mkdtempSync(join(temp, "tools-"));
  writeFileSync(
    join(dir, "SHA256SUMS"),
    `${published.digest.slice("sha256:".length)}  ${archive.name}\n`,
  );
  const url = await archiveUrl();
  const t = performance.now();
  await run("bash", ["-eo", "pipefail", "-c", script], {
    cwd: dir,
    env: { ...process.env, URL: url, NAME: archive.name },
    maxBuffer: 1 << 20,
  });
  const ms = performance.now() - t;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

const SEQUENTIAL =
  'curl -sSf -o "$NAME" "$URL"; sha256sum -c --quiet SHA256SUMS; mkdir x; tar -xzf "$NAME" -C x';
const STREAMED =
  'mkdir x; curl -sSf "$URL" | tee >(sha256sum > sum) | tar -xzf - -C x; wait; test -s sum';

async function deploy(environment) {
  const rss = join(temp, "rss");
  writeFileSync(rss, "");
  const t = performance.now();
  const result = await github.run({
    action: checkout ? join(checkout, "actions/distribute") : "distribute",
    inputs: { environment, version: "1.0.0", command: "true" },
    env: {
      NODE_OPTIONS: `--import ${join(ROOT, "bench/rss-report.mjs")}`,
      FASTDEPLOY_BENCH_RSS_FILE: rss,
    },
  });
  const ms = performance.now() - t;
  if (result.exitCode !== 0) {
    throw new Error(`distribute failed: ${result.annotations.map((a) => a.message).join("; ")}`);
  }
  return { ms, rss: Number(readFileSync(rss, "utf8")) };
}

try {
  const action = [];
  const peak = [];
  const sequential = [];
  const streamed = [];
  for (let round = 0; round < rounds; round++) {
    // A new environment each round: the same version is never already deployed.
    const d = await deploy(`env-${round}`);
    action.push(d.ms);
    peak.push(d.rss);
    sequential.push(await timedShell(SEQUENTIAL));
    streamed.push(await timedShell(STREAMED));
  }
  const a = median(action);
  const sq = median(sequential);
  const st = median(streamed);
  console.log(
    `deploy of a ${mib(archive.size)} archive (${mib(size)} of files), median of ${rounds}${checkout ? `, actions of ${checkout}` : ""}`,
  );
  console.log(
    `  distribute, whole step:              ${Math.round(a)} ms, peak RSS ${mib(Math.max(...peak))}`,
  );
  console.log(
    `  curl; sha256sum -c; tar -xzf:         ${Math.round(sq)} ms  ratio ${(a / sq).toFixed(2)} ${a <= sq ? "ok" : "OVER"} (goal <= 1.0)`,
  );
  console.log(
    `  curl | tee >(sha256sum) | tar -xzf:  ${Math.round(st)} ms  ratio ${(a / st).toFixed(2)} (one pass, the floor)`,
  );
} finally {
  await github.close();
  rmSync(temp, { recursive: true, force: true });
}
