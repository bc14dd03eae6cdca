#!/usr/bin/env node
// Progressive rollout overhead: the bundled distribute action deploying a no-op command (`true`)
// to 1,000 targets, 50 at a time, against the local sandbox, once in 4 waves (25%, 50%, 75%,
// 100%) with no bake and once in one pass, alternating in the same run. Waves cost a drain of
// the pool at each boundary (the last targets of a wave finish before the next wave starts)
// and one deployment status per healthy wave. Prints the median of each and their ratio, for
// the deploy phase (the action's deploy group, first target started to last done; goal <= 1.05)
// and for the whole step.
//   node bench/rollout.mjs            (needs dist/: npm run bundle)
//   FASTDEPLOY_BENCH_TARGETS=2000 FASTDEPLOY_BENCH_ROUNDS=9 node bench/rollout.mjs
import { median, parallel, rounds, startLocalGitHub, targets, timedDeploy } from "./fanout-kit.mjs";

const WAVES = "25%, 50%, 75%, 100%";

const github = await startLocalGitHub();

/** One deploy of a fresh version, with or without waves. */
async function deploy(waves) {
  const run = await timedDeploy(github, waves ? { waves: WAVES, bake: "0" } : {});
  if (waves && JSON.parse(run.outputs.waves).length !== 4) throw new Error("expected 4 waves");
  return run;
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
