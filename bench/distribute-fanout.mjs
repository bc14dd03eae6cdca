#!/usr/bin/env node
// Fan-out: the bundled distribute action deploying a no-op command (`true`) to 1,000 targets,
// 50 at a time, as the runner runs it against the local sandbox; and, in the same run,
// `xargs -P 50` starting the same command in the same shell (bash --noprofile --norc -eo
// pipefail -c) 1,000 times. Prints the overhead per target: the fan-out phase (the deploy
// group in the action's log, first target started to last target done) less xargs, divided by
// the number of targets (goal < 5 ms), the ratio of the two, and the whole step's wall time,
// which adds node start-up, download, verification and the ledger.
//   node bench/distribute-fanout.mjs           (needs dist/distribute: npm run bundle distribute)
//   FASTDEPLOY_BENCH_TARGETS=5000 FASTDEPLOY_BENCH_PARALLEL=100 node bench/distribute-fanout.mjs
import { execFileSync } from "node:child_process";
import {
  median,
  names,
  parallel,
  rounds,
  startLocalGitHub,
  targets,
  timedDeploy,
} from "./fanout-kit.mjs";

/** xargs starting the same shell the action starts for each target. */
function xargs() {
  const started = performance.now();
  execFileSync(
    "/bin/bash",
    [
      "-c",
      `printf '%s\\n' "$@" | xargs -P ${parallel} -I{} /bin/bash --noprofile --norc -eo pipefail -c true`,
      "xargs",
      ...names,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  return performance.now() - started;
}

const github = await startLocalGitHub();
try {
  const results = { xargs: [], fanout: [], step: [], requests: [] };
  for (let round = 0; round < rounds; round++) {
    results.xargs.push(xargs());
    const run = await timedDeploy(github);
    results.step.push(run.step);
    results.requests.push(run.requests);
    results.fanout.push(run.phase);
  }
  const x = median(results.xargs);
  const fan = median(results.fanout);
  const step = median(results.step);
  const ms = (v) => `${Math.round(v)} ms`;
  console.log(
    `distribute fan-out: ${targets} targets, parallel ${parallel}, no-op command, median of ${rounds}`,
  );
  console.log(`  xargs -P ${parallel}:            ${ms(x)}`);
  const perTarget = (fan - x) / targets;
  console.log(`  distribute, fan-out phase: ${ms(fan)}  ratio ${(fan / x).toFixed(2)}`);
  console.log(
    `  overhead per target:       ${perTarget.toFixed(2)} ms (goal < 5 ms) ${perTarget < 5 ? "ok" : "OVER"}`,
  );
  console.log(
    `  distribute, whole step:    ${ms(step)}  ratio ${(step / x).toFixed(2)} ` +
      `(node start-up, download, verify, ledger: ${ms(step - fan)})`,
  );
  console.log(`  sandbox requests per run:  ${median(results.requests)} (CDN downloads included)`);
} finally {
  await github.close();
}
