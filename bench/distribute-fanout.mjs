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

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const github = await startLocalGitHub();
try {
  const results = { xargs: [], fanout: [], step: [], requests: [] };
  for (let round = 0; round < rounds; round++) {
    // A new version each round, so every run deploys (no already_deployed).
    await publishVersion(github, { version: `1.0.${round}` });
    results.xargs.push(xargs());
    let groupStart = 0;
    let groupEnd = 0;
    const before = github.sandbox.requestCount();
    const started = performance.now();
    const run = await github.run({
      action: "distribute",
      inputs: {
        environment: "tenants",
        version: `1.0.${round}`,
        command: "true",
        targets: names.join("\n"),
        parallel: String(parallel),
      },
      onOutput: (line) => {
        if (line.startsWith("::group::Deploying")) groupStart = performance.now();
        else if (groupStart && !groupEnd && line === "::endgroup::") groupEnd = performance.now();
      },
    });
    results.step.push(performance.now() - started);
    results.requests.push(github.sandbox.requestCount() - before);
    if (run.exitCode !== 0 || run.outputs.status !== "deployed") {
      const why = run.annotations.map((a) => a.message).join("; ");
      throw new Error(`distribute did not deploy (${run.outputs.status}): ${why}`);
    }
    if (!groupStart || !groupEnd) throw new Error("the deploy group was not found in the log");
    results.fanout.push(groupEnd - groupStart);
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
