// What the local workflow engine's job executor adds to a job: a job of N trivial `run:` steps
// through runJob (parse excluded: the orchestrator parses once per workflow) vs the same
// commands, each started by bash from a script file as the runner starts them, in the same
// script. Rounds alternate; the medians are compared. Goal: at most 150 ms per job.
//   node bench/engine-overhead.mjs
//   FASTDEPLOY_BENCH_STEPS=50 FASTDEPLOY_BENCH_ROUNDS=9 node bench/engine-overhead.mjs
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { runnerImport } from "vite";
import { median, ROOT } from "./lib.mjs";

// The engine and its test support are TypeScript sources; vite's module runner loads them
// (and the parser's JSON schema, which plain node refuses without an import attribute).
const load = async (path) =>
  (
    await runnerImport(join(ROOT, path), {
      logLevel: "silent",
      resolve: { noExternal: ["@actions/workflow-parser"] },
    })
  ).module;
const { runJob } = await load("packages/engine/src/job/index.ts");
const { jobRun, oneJob, parseJob } = await load("packages/engine/test/job/support.ts");

const steps = Number(process.env.FASTDEPLOY_BENCH_STEPS ?? 20);
const rounds = Number(process.env.FASTDEPLOY_BENCH_ROUNDS ?? 7);
const command = (i) => `echo "step ${i}" && test -d .`;

const parsed = await parseJob(
  oneJob(
    Array.from({ length: steps }, (_, i) => `      - run: ${JSON.stringify(command(i))}\n`).join(
      "",
    ),
  ),
);

/** The job through the executor. */
async function engine() {
  const job = jobRun(parsed);
  const started = performance.now();
  const outcome = await runJob(job);
  const ms = performance.now() - started;
  if (outcome.result !== "success") throw new Error(`the job failed:\n${job.lines.join("\n")}`);
  rmSync(job.workspace, { recursive: true, force: true });
  return ms;
}

/** The same commands, one `bash -e <script>` each, one after another. */
async function bash() {
  const dir = mkdtempSync(join(tmpdir(), "engine-bench-bash-"));
  const started = performance.now();
  for (let i = 0; i < steps; i++) {
    const script = join(dir, `${i}.sh`);
    writeFileSync(script, command(i));
    await new Promise((done, fail) => {
      const child = spawn("bash", ["-e", script], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
      child.stdout.resume();
      child.stderr.resume();
      child.once("error", fail);
      child.once("close", (code) => (code === 0 ? done() : fail(new Error(`exit ${code}`))));
    });
  }
  const ms = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}

await engine(); // warm up: module loading and the first spawn are not the engine's per-job cost
const times = { engine: [], bash: [] };
for (let round = 0; round < rounds; round++) {
  times.engine.push(await engine());
  times.bash.push(await bash());
}
const e = median(times.engine);
const b = median(times.bash);
const overhead = e - b;
console.log(`job of ${steps} run steps, median of ${rounds} rounds`);
console.log(`  runJob:        ${e.toFixed(0)} ms`);
console.log(`  bash directly: ${b.toFixed(0)} ms`);
console.log(
  `  overhead:      ${overhead.toFixed(0)} ms per job (${(overhead / steps).toFixed(1)} ms per step), ratio ${(e / b).toFixed(2)}`,
);
console.log(`  goal:          <= 150 ms per job: ${overhead <= 150 ? "met" : "NOT met"}`);
