#!/usr/bin/env node
// Small work costs what its requests cost. In one run, alternating, against the local GitHub:
//   - the bundled publish action publishing a version of three assets (archive, manifest,
//     SHA256SUMS), and the bundled distribute action deploying a version to one target;
//   - the baseline: the very requests each action sent (recorded in its process by
//     bench/record-requests.mjs, bodies included), sent again back to back by a raw loop
//     (bench/replay-requests.mjs), against the same state (the local GitHub is reset to it
//     first): with fetch from a fresh node process, as cold as the action's, and from this
//     one; and with bare node:http (what the actions' transport is built on) from a fresh one.
// Prints, per action, the span from its first request out to its last answer back, and its
// ratio to each loop's (goal <= 1.0 against the fresh process's fetch loop: no pacing or
// waiting of its own; the node:http loop is stricter, nothing but the requests on loopback,
// where a request costs only CPU), the request count and the whole step's wall time (node
// start-up and local work included). Actions run with the real pacing defaults (a burst of
// 20 writes, then one a second).
//   node bench/small-work.mjs        (needs dist/: npm run bundle)
//   FASTDEPLOY_BENCH_ROUNDS=9 node bench/small-work.mjs
//   FASTDEPLOY_BENCH_LATENCY_MS=50 node bench/small-work.mjs   (each API answer waits 50 ms)
//   FASTDEPLOY_BENCH_TRACE=1 node bench/small-work.mjs   (each request's timing on stderr)
//   FASTDEPLOY_BENCH_PROFILE=<dir> node bench/small-work.mjs   (a .cpuprofile per action run,
//     with its requests beside it; startMicros and endMicros are on the profile's clock)
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { runnerImport } from "vite";
import { median, ROOT } from "./lib.mjs";
import { replay } from "./replay-requests.mjs";

const load = async (path) => (await runnerImport(join(ROOT, path), { logLevel: "silent" })).module;
const { startLocalGitHub } = await load("packages/sandbox/src/index.ts");
const { build, quietLog } = await load("packages/commands/src/index.ts");
const { publishVersion } = await load("test/support/release-fixture.ts");
const { writeTree } = await load("test/support/tree.ts");

const rounds = Number(process.env.FASTDEPLOY_BENCH_ROUNDS ?? 5);
// Milliseconds the local GitHub waits before answering each API request (its "latency" fault),
// for the action and the loops alike: 0, the default, is loopback, where a request costs only
// CPU; GitHub's API answers in tens to hundreds of milliseconds.
const LATENCY_MS = Number(process.env.FASTDEPLOY_BENCH_LATENCY_MS ?? 0);
// A directory for a CPU profile of every action run (node --cpu-prof), to see where time goes.
const PROFILE = process.env.FASTDEPLOY_BENCH_PROFILE;
const RECORDER = pathToFileURL(join(ROOT, "bench/record-requests.mjs")).href;
const COMMIT_DATE = "2026-12-01T00:00:00Z";
const run = promisify(execFile);

const github = await startLocalGitHub();
const temp = mkdtempSync(join(tmpdir(), "fd-bench-small-"));

/** The repository as it was when the kit started: same commit, same ids from 1 on. */
function freshRepository() {
  github.sandbox.reset();
  github.sandbox.createRepo(github.repository);
  github.sandbox.seedCommit(github.repository, {
    message: "Add the shop service",
    sha: github.sha,
    date: COMMIT_DATE,
  });
}

/** Runs a bundled action with the request recorder; returns its requests and wall time. */
async function recordedRun(name, run) {
  const file = join(temp, `${name}-requests.json`);
  const started = performance.now();
  const result = await github.run({
    ...run,
    env: {
      ...run.env,
      NODE_OPTIONS: `--import ${RECORDER}${PROFILE ? ` --cpu-prof --cpu-prof-interval=100 --cpu-prof-dir=${PROFILE}` : ""}`,
      FASTDEPLOY_BENCH_REQUESTS_FILE: file,
    },
  });
  const stepMs = performance.now() - started;
  if (result.exitCode !== 0) {
    const why = result.annotations.map((a) => a.message).join("; ");
    throw new Error(`${name} failed: ${why}`);
  }
  const requests = JSON.parse(readFileSync(file, "utf8"));
  // Beside the profile, so its samples can be read against the requests (startMicros, endMicros).
  if (PROFILE)
    copyFileSync(file, join(PROFILE, `${Date.now()}-${name.replace(/\W+/g, "-")}.requests.json`));
  if (process.env.FASTDEPLOY_BENCH_TRACE)
    for (const r of requests)
      console.error(
        `${name}: ${Math.round(r.start - requests[0].start)}..${Math.round(r.end - requests[0].start)} ${r.method} ${r.url.slice(0, 90)} ${r.status}`,
      );
  if (requests.length === 0)
    throw new Error(
      `${name} recorded no request: the recorder needs Node 22.12+ in the action (http.client.request.created)`,
    );
  // Sorted by start; with requests side by side, the last to start need not end last.
  const spanMs = Math.max(...requests.map((r) => r.end)) - requests[0].start;
  return { file, requests, spanMs, stepMs, outputs: result.outputs };
}

/** The same requests from a fresh node process, as cold as the action's. */
async function coldReplay(file, client) {
  // Not execFileSync: this process hosts the local GitHub, which must keep answering.
  const { stdout } = await run(process.execPath, [
    join(ROOT, "bench/replay-requests.mjs"),
    file,
    client,
  ]);
  return Number(stdout.trim());
}

// A version of three assets, built once: every round publishes it to a fresh repository.
const workspace = writeTree(join(temp, "build"), {
  "app/index.js": 'console.log("shop");\n',
  "app/static/logo.bin": Buffer.alloc(64 * 1024, 7),
});
const built = await build(
  {
    workspace,
    workingDirectory: ".",
    paths: ["app"],
    name: "shop",
    version: "1.0.0",
    outputDir: "out",
    upload: false,
    source: { repository: github.repository, commit: github.sha, ref: "refs/tags/v1.0.0" },
    run: { id: 1000, attempt: 1, number: 1, workflow: "Release", url: "" },
    builderVersion: "bench",
    now: new Date(COMMIT_DATE),
  },
  { log: quietLog },
);
const publishInputs = {
  archive: relative(workspace, built.archive),
  manifest: relative(workspace, built.manifest),
  checksums: relative(workspace, built.checksums),
};

const scenarios = {
  "publish, 3 assets": {
    prepare: async () => freshRepository(),
    run: { action: "publish", workspace, inputs: publishInputs },
  },
  "deploy, 1 target": {
    prepare: async () => {
      freshRepository();
      await publishVersion(github, { version: "1.0.0" });
    },
    run: {
      action: "distribute",
      inputs: { environment: "dev", version: "1.0.0", command: "true" },
    },
  },
};

/** The scenario's starting state, then the latency every API answer waits (if any). */
async function prepare(scenario) {
  github.sandbox.faults.clear();
  await scenario.prepare();
  if (LATENCY_MS > 0)
    github.sandbox.injectFault({
      kind: "latency",
      ms: LATENCY_MS,
      times: Number.POSITIVE_INFINITY,
    });
}

try {
  const results = {};
  for (const name of Object.keys(scenarios))
    results[name] = { span: [], warm: [], cold: [], coldHttp: [], step: [], n: [] };
  for (let round = 0; round < rounds; round++) {
    for (const [name, scenario] of Object.entries(scenarios)) {
      await prepare(scenario);
      const action = await recordedRun(name, scenario.run);
      await prepare(scenario);
      const cold = await coldReplay(action.file, "fetch");
      await prepare(scenario);
      const coldHttp = await coldReplay(action.file, "http");
      await prepare(scenario);
      const warm = await replay(action.requests);
      const r = results[name];
      r.span.push(action.spanMs);
      r.cold.push(cold);
      r.coldHttp.push(coldHttp);
      r.warm.push(warm);
      r.step.push(action.stepMs);
      r.n.push(action.requests.length);
    }
  }
  const ms = (v) => `${Math.round(v)} ms`;
  console.log(
    `small work against the local GitHub, real pacing defaults, ${LATENCY_MS} ms of latency per API answer, median of ${rounds}`,
  );
  for (const [name, r] of Object.entries(results)) {
    const span = median(r.span);
    const cold = median(r.cold);
    const coldHttp = median(r.coldHttp);
    const warm = median(r.warm);
    const verdict = (ratio) => `${ratio.toFixed(2)} ${ratio <= 1 ? "ok" : "OVER"}`;
    console.log(`  ${name}: ${median(r.n)} requests, whole step ${ms(median(r.step))}`);
    console.log(`    action, first request to last answer: ${ms(span)}`);
    console.log(
      `    same requests back to back, fresh node, fetch: ${ms(cold)}  ratio ${verdict(span / cold)} (goal <= 1.0)`,
    );
    console.log(
      `    same requests back to back, fresh node, bare node:http: ${ms(coldHttp)}  ratio ${verdict(span / coldHttp)}`,
    );
    console.log(
      `    same requests back to back, this warm process (fetch): ${ms(warm)}  ratio ${verdict(span / warm)}`,
    );
  }
} finally {
  await github.close();
  rmSync(temp, { recursive: true, force: true });
}
