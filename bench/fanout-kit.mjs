// What the fan-out benchmarks share (distribute-fanout.mjs, rollout.mjs): a local GitHub, the
// target names, and one timed run of the bundled distribute action deploying a fresh version of
// a no-op command to every target, its deploy phase read from the action's own log group.
import { join } from "node:path";
import { runnerImport } from "vite";
import { ROOT } from "./lib.mjs";

// The sandbox and the release fixture are TypeScript sources; vite's module runner loads them.
const load = async (path) => (await runnerImport(join(ROOT, path), { logLevel: "silent" })).module;
const { startLocalGitHub } = await load("packages/sandbox/src/index.ts");
const { publishVersion } = await load("test/support/release-fixture.ts");

export const targets = Number(process.env.FASTDEPLOY_BENCH_TARGETS ?? 1000);
export const parallel = Number(process.env.FASTDEPLOY_BENCH_PARALLEL ?? 50);
export const rounds = Number(process.env.FASTDEPLOY_BENCH_ROUNDS ?? 5);
export const names = Array.from({ length: targets }, (_, i) => `t${i + 1}`);

export { median } from "./lib.mjs";

export { startLocalGitHub };

let version = 0;

/**
 * Publishes a new version (so nothing is already_deployed) and deploys it to every target with
 * `inputs` added; returns the deploy phase (the action's "Deploying" group), the whole step and
 * the requests the sandbox answered.
 */
export async function timedDeploy(github, inputs = {}) {
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
      ...inputs,
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
  if (!groupStart || !groupEnd) throw new Error("the deploy group was not found in the log");
  const requests = github.sandbox.requestCount() - before;
  return { phase: groupEnd - groupStart, step, requests, outputs: run.outputs };
}
