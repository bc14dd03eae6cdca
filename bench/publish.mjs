#!/usr/bin/env node
// Publishing one large asset with the bundled publish action against the local sandbox, and
// `curl -T` of the same file to the same sandbox uploads endpoint in the same run. Prints the
// action's peak RSS (goal <= 150 MB, flat across sizes: uploads and hashing stream), its upload
// throughput against curl's, and the API requests the publish cost (goal <= 10).
//   node bench/publish.mjs                          # 1.9 GiB, as release assets go up to 2 GiB
//   FASTDEPLOY_BENCH_SIZE=256MiB node bench/publish.mjs
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  createReadStream,
  ftruncateSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { runnerImport } from "vite";
import { mib, parseSize, ROOT, runBundled } from "./lib.mjs";

// The sandbox is TypeScript; vite's module runner loads it (the bench process hosts it, so
// the publish action's own process holds only the action).
const { startSandbox } = (
  await runnerImport(join(ROOT, "packages/sandbox/src/rest/index.ts"), { logLevel: "silent" })
).module;

const total = parseSize(process.env.FASTDEPLOY_BENCH_SIZE, Math.round(1.9 * 2 ** 30));
const TOKEN = "sandbox-token";
const REPOSITORY = "acme/shop";
const UPLOAD_ROUTE = "/repos/{owner}/{repo}/releases/{release_id}/assets";

/** A sparse file with random 1 MiB blocks every 64 MiB: fast to make, not all zeros. */
async function makeAsset(path, size) {
  const fd = openSync(path, "w");
  for (let offset = 0; offset < size; offset += 64 * 2 ** 20) {
    const block = randomBytes(Math.min(2 ** 20, size - offset));
    writeSync(fd, block, 0, block.length, offset);
  }
  ftruncateSync(fd, size);
  closeSync(fd);
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 2 ** 20 })) hash.update(chunk);
  return `sha256:${hash.digest("hex")}`;
}

/** archive + manifest + SHA256SUMS that pass publish's local verification. */
async function makeRelease(dir, version, size, commit) {
  const archiveName = `shop-${version}.tar.gz`;
  const archive = join(dir, archiveName);
  const digest = await makeAsset(archive, size);
  const manifestName = `shop-${version}.manifest.json`;
  const manifest = `${JSON.stringify(
    {
      schema: "fastdeploy/manifest@1",
      name: "shop",
      version,
      source: { repository: REPOSITORY, commit, ref: `refs/tags/v${version}` },
      build: {
        run_id: 1,
        run_attempt: 1,
        workflow: "Bench",
        run_url: "",
        builder_version: "bench",
      },
      created_at: `${new Date().toISOString().slice(0, 19)}Z`,
      archive: { name: archiveName, size, digest },
      files: [{ path: "app.bin", size, digest, mode: "0644" }],
    },
    null,
    2,
  )}\n`;
  writeFileSync(join(dir, manifestName), manifest);
  const manifestHex = createHash("sha256").update(manifest).digest("hex");
  writeFileSync(
    join(dir, "SHA256SUMS"),
    `${digest.slice(7)}  ${archiveName}\n${manifestHex}  ${manifestName}\n`,
  );
  return { archive: archiveName, manifest: manifestName, checksums: "SHA256SUMS" };
}

async function api(sandbox, method, path, body) {
  const response = await fetch(`${sandbox.apiUrl}${path}`, {
    method,
    headers: { authorization: `token ${TOKEN}`, "content-type": "application/json" },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json();
}

async function measure(sandbox, commit, size, version) {
  const dir = mkdtempSync(join(tmpdir(), "fd-bench-publish-"));
  try {
    const inputs = await makeRelease(dir, version, size, commit);
    sandbox.log.clear();
    const ours = await runBundled(
      "publish",
      { ...inputs, token: TOKEN, repository: REPOSITORY },
      {
        cwd: dir,
        env: {
          GITHUB_API_URL: sandbox.apiUrl,
          GITHUB_REPOSITORY: REPOSITORY,
        },
      },
    );
    if (ours.code !== 0) throw new Error(`publish action failed with exit code ${ours.code}`);
    const requests = sandbox.requestCount();
    // The three assets upload together; the archive's is the longest (the log does not name
    // the asset, and the first answered is a small file's).
    const uploadMs = Math.max(
      ...sandbox.log
        .filter({ method: "POST", route: UPLOAD_ROUTE })
        .map((upload) => upload.doneAt - Date.parse(upload.at)),
    );

    // The baseline: the same bytes to the same endpoint of a fresh draft, by curl.
    const draft = await api(sandbox, "POST", `/repos/${REPOSITORY}/releases`, {
      tag_name: `curl-${version}`,
      draft: true,
    });
    const url = `${draft.upload_url.replace(/\{.*\}$/, "")}?name=curl.tar.gz`;
    const started = performance.now();
    // Asynchronously: the sandbox answering curl runs in this very process.
    const { stdout: status } = await promisify(execFile)(
      "curl",
      [
        ...["-sS", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-T"],
        join(dir, inputs.archive),
        ...["-H", `authorization: token ${TOKEN}`, "-H", "content-type: application/gzip"],
        ...["-H", "expect:", url],
      ],
      { encoding: "utf8" },
    );
    const curlMs = performance.now() - started;
    if (status !== "201") throw new Error(`curl upload answered ${status}`);
    return { ours, requests, uploadMs, curlMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sandbox = await startSandbox();
// Completion times, to time the archive upload on the server side (arrival → answer).
const add = sandbox.log.add.bind(sandbox.log);
sandbox.log.add = (record) => {
  record.doneAt = Date.now();
  add(record);
};
try {
  sandbox.createRepo(REPOSITORY);
  const commit = sandbox.seedCommit(REPOSITORY, { message: "Bench" });
  const rate = (bytes, ms) => `${(bytes / 2 ** 20 / (ms / 1000)).toFixed(0)} MiB/s`;
  console.log("publish: bundled publish action vs curl -T to the same sandbox uploads endpoint");
  let version = 0;
  for (const size of [Math.round(total / 8), total]) {
    const { ours, requests, uploadMs, curlMs } = await measure(
      sandbox,
      commit,
      size,
      `1.0.${version++}`,
    );
    console.log(
      `  asset ${mib(size)}: action ${(ours.ms / 1000).toFixed(2)} s in all, ${requests} requests ` +
        `(goal <= 10); upload ${rate(size, uploadMs)} vs curl ${rate(size, curlMs)}, ratio ` +
        `${(curlMs / uploadMs).toFixed(2)} (goal >= 0.8); peak RSS ${mib(ours.rss)} = ` +
        `${(ours.rss / 1e6).toFixed(1)} MB (goal <= 150 MB)`,
    );
  }
} finally {
  await sandbox.close();
}
