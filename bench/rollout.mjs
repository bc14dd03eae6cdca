#!/usr/bin/env node
// Progressive rollout overhead: the bundled distribute action deploying a no-op command (`true`)
// to 1,000 targets, 50 at a time, against the local sandbox, once in 4 waves (25%, 50%, 75%,
// 100%) with no bake and once in one pass, alternating in the same run. Waves cost a drain of
// the pool at each boundary (the last targets of a wave finish before the next wave starts)
// and one deployment status per healthy wave. Prints the median of each and their ratio, for
// the deploy phase (the action's deploy group, first target started to last done; goal <= 1.05)
// and for the whole step.
//   node bench/rollout.mjs            (needs dist/distribute: node scripts/bundle.mjs distribute)
//   FASTDEPLOY_BENCH_TARGETS=2000 FASTDEPLOY_BENCH_ROUNDS=9 node bench/rollout.mjs
import { join } from "node:path";
import { runnerImport } from "vite";
import { ROOT } from "./lib.mjs";

// The sandbox and the release fixture are TypeScript sources; vite's module runner loads them.
const load = async (path) => (await runnerImport(join(ROOT, path), { logLevel: "silent" })).module;
const { startLocalGitHub } = await load("packages/sandbox/src/index.ts");
const { publishVersion } = await load("test/support/release-fixture.ts");

const targets = Number(process.env.FASTDEPLOY_BENCH_TARGETS ?? 1000);
const parallel = Number(process.env.FASTDEPLOY_BENCH_PARALLEL ?? 50);
const rounds = Number(process.env.FASTDEPLOY_BENCH_ROUNDS ?? 5);
const names = Array.from({ length: targets }, (_, i) => `t${i + 1}`);
const WAVES = "25%, 50%, 75%, 100%";

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const github = await startLocalGitHub();
let version = 0;

/** One deploy of a fresh version (so nothing is already_deployed), with or without waves. */
async function deploy(waves) {
  const v = `1.0.${version++}`;
  await publishVersion(github, { version: v });
  let groupStart = 0;
  let groupEnd = 0;
  const before = github.sandbox.requestCount();
  const started = performance.now();
  const run = await github.run({
    action: "distribute",
    inputs: {
      environment: "tenants",
      version: v,
      command: "true",
      targets: names.join("\n"),
      parallel: String(parallel),
      ...(waves ? { waves: WAVES, bake: "0" } : {}),
    },
    onOutput: (line) => {
      if (line.startsWith("::group::Deploying")) groupStart = performance.now();
      else if (groupStart && !groupEnd && line === "::endgroup::") groupEnd = performance.now();
    },
  });
  const step = performance.now() - started;
  if (run.exitCode !== 0 || run.outputs.status !== "deployed") {
    const why = run.annotations.map((a) => a.message).join("; ");
    throw new Error(`distribute did not deploy (${run.outputs.status}): ${why}`);
  }
  if (waves && JSON.parse(run.outputs.waves).length !== 4) throw new Error("expected 4 waves");
  if (!groupStart || !groupEnd) throw new Error("the deploy group was not found in the log");
  return { phase: groupEnd - groupStart, step, requests: github.sandbox.requestCount() - before };
}

try {
  const results = { plain: [], waves: [] };
  await deploy(false); // warm-up: the first run pays for cold caches
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so drift on a shared machine hits both alike.
    const order = round % 2 ? ["waves", "plain"] : ["plain", "waves"];
    for (const kind of order) results[kind].push(await deploy(kind === "waves"));
  }
  const pick = (kind, key) => median(results[kind].map((r) => r[key]));
  const ms = (v) => `${Math.round(v)} ms`;
  const [plainPhase, wavesPhase] = [pick("plain", "phase"), pick("waves", "phase")];
  const [plainStep, wavesStep] = [pick("plain", "step"), pick("waves", "step")];
  console.log(
    `rollout overhead: ${targets} targets, parallel ${parallel}, no-op command, waves ${WAVES}, no bake, median of ${rounds} alternating rounds`,
  );
  console.log(`  one pass,  deploy phase: ${ms(plainPhase)}  whole step: ${ms(plainStep)}`);
  console.log(`  4 waves,   deploy phase: ${ms(wavesPhase)}  whole step: ${ms(wavesStep)}`);
  console.log(`  ratio, deploy phase: ${(wavesPhase / plainPhase).toFixed(3)} (goal <= 1.05)`);
  console.log(`  ratio, whole step:   ${(wavesStep / plainStep).toFixed(3)}`);
  console.log(
    `  sandbox requests per run: one pass ${pick("plain", "requests")}, 4 waves ${pick("waves", "requests")}`,
  );
} finally {
  await github.close();
}
