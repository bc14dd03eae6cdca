// What the local workflow engine's orchestration adds per job, on top of the job executor:
// a workflow of N jobs chained by `needs`, each one trivial `run:` step, triggered through
// Engine.trigger against a real local GitHub. The time each job spends in the executor
// (job-started → job-completed) is taken from the engine's own events and subtracted; what
// remains (reading and parsing the workflow, triggers, contexts, the run record, tokens,
// scheduling) is divided by N. Rounds are repeated; the median is printed. Goal: <= 150 ms.
//   node bench/engine-orchestration.mjs
//   FASTDEPLOY_BENCH_JOBS=30 FASTDEPLOY_BENCH_ROUNDS=9 node bench/engine-orchestration.mjs
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { runnerImport } from "vite";
import { median, ROOT } from "./lib.mjs";

// TypeScript sources and the parser's JSON schema: vite's module runner loads them.
const load = async (path) =>
  (
    await runnerImport(join(ROOT, path), {
      logLevel: "silent",
      resolve: { noExternal: ["@actions/workflow-parser"] },
    })
  ).module;
const { engineKit, workflowRepo } = await load("packages/engine/test/support/engine-kit.ts");

const jobs = Number(process.env.FASTDEPLOY_BENCH_JOBS ?? 10);
const rounds = Number(process.env.FASTDEPLOY_BENCH_ROUNDS ?? 7);
const workflow = `on: push\njobs:\n${Array.from(
  { length: jobs },
  (_, i) =>
    `  j${i}:\n    runs-on: ubuntu-latest\n${i ? `    needs: j${i - 1}\n` : ""}    steps:\n      - run: "true"\n`,
).join("")}`;

const repo = workflowRepo({ ".github/workflows/chain.yml": workflow });
const kit = await engineKit(repo);
const perJob = [];
try {
  await kit.engine.trigger({ name: "push", ref: "main" }); // warm-up: module loading
  for (let round = 0; round < rounds; round++) {
    kit.events.length = 0;
    const stamps = new Map();
    let inExecutor = 0;
    const push = kit.events.push.bind(kit.events);
    kit.events.push = (...events) => {
      for (const e of events) {
        if (e.type === "job-started") stamps.set(e.job, performance.now());
        if (e.type === "job-completed" && stamps.has(e.job)) {
          inExecutor += performance.now() - stamps.get(e.job);
        }
      }
      return push(...events);
    };
    const started = performance.now();
    const [run] = await kit.engine.trigger({ name: "push", ref: "main" });
    const total = performance.now() - started;
    if (run.conclusion !== "success") throw new Error(`the run failed: ${JSON.stringify(run)}`);
    perJob.push((total - inExecutor) / jobs);
  }
} finally {
  await kit.close();
  repo.remove();
}
const result = median(perJob);
console.log(
  `engine orchestration: ${result.toFixed(1)} ms per job (median of ${rounds} rounds, ${jobs} jobs chained by needs); goal <= 150 ms: ${result <= 150 ? "met" : "MISSED"}`,
);
