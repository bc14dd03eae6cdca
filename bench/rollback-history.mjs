#!/usr/bin/env node
// A rollback with 5,000 deployments over 500 versions in the environment's history, run as
// the runner runs the bundled rollback action against the local sandbox. Prints the API
// requests the sandbox counted and the wall time (goals: <= 20 requests, <= 2 s), and the
// same for a 20-deployment history in the same run, to show the cost stays flat.
//   node bench/rollback-history.mjs            (needs dist/: npm run bundle)
//   FASTDEPLOY_BENCH_DEPLOYMENTS=20000 node bench/rollback-history.mjs
import { join } from "node:path";
import { runnerImport } from "vite";
import { ROOT } from "./lib.mjs";

// The sandbox and the fixtures are TypeScript sources; vite's module runner loads them.
const load = async (path) => (await runnerImport(join(ROOT, path), { logLevel: "silent" })).module;
const { startLocalGitHub } = await load("packages/sandbox/src/index.ts");
const { seedLedger } = await load("test/support/ledger-seed.ts");
const { publishTestVersion } = await load("test/support/published-version.ts");

const deployments = Number(process.env.FASTDEPLOY_BENCH_DEPLOYMENTS ?? 5000);
const github = await startLocalGitHub();
try {
  const older = await publishTestVersion(github, { version: "1.4.2" });
  const newer = await publishTestVersion(github, { version: "1.5.0" });
  const minute = Math.floor(Date.now() / 60_000);

  /** `count` deployments, 10 per version, one in seven failing; the newest two versions real. */
  function history(environment, count) {
    const versions = Math.ceil(count / 10);
    const steps = [];
    for (let i = 0; i < count; i++) {
      const k = Math.floor(i / 10);
      const real = k === versions - 2 ? older : k === versions - 1 ? newer : undefined;
      steps.push({
        version: real?.version ?? `0.${k}.0`,
        ...(real ? { digest: real.digest, releaseId: real.releaseId } : {}),
        at: new Date((minute - count + i) * 60_000),
        outcome: i % 7 === 3 && i < count - 10 ? "failure" : "success",
      });
    }
    seedLedger(github.sandbox, github.repository, environment, steps);
  }

  async function measure(environment) {
    const before = github.sandbox.requestCount();
    const started = performance.now();
    const result = await github.run({
      action: "rollback",
      inputs: { environment, command: "true", reason: "bench" },
    });
    const ms = performance.now() - started;
    if (result.exitCode !== 0) {
      throw new Error(`rollback failed: ${result.annotations.map((a) => a.message).join("; ")}`);
    }
    return { requests: github.sandbox.requestCount() - before, ms };
  }

  history("small", 20);
  history("large", deployments);
  const small = await measure("small");
  const large = await measure("large");
  console.log(`rollback, ${deployments} deployments / ${deployments / 10} versions in history:`);
  console.log(
    `  requests ${large.requests} (goal <= 20), wall ${Math.round(large.ms)} ms (goal <= 2000)`,
  );
  console.log(
    `  baseline, 20 deployments: requests ${small.requests}, wall ${Math.round(small.ms)} ms`,
  );
  console.log(
    `  ratio large/small: requests ${(large.requests / small.requests).toFixed(2)}, time ${(large.ms / small.ms).toFixed(2)}`,
  );
  if (large.requests > 20) process.exitCode = 1;
} finally {
  await github.close();
}
