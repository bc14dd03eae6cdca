import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StatusReport } from "@fastdeploy/commands";
import {
  Engine,
  type RunResult,
  seedFromGitRepository,
  type TriggerEvent,
} from "@fastdeploy/engine";
import { CliFailure } from "../errors.js";
import type { Io } from "../io.js";
import { ReviewDesk } from "../local/review-desk.js";
import { conclusions, eventLine } from "../local/run-report.js";
import { type SeededGitHub, startSeededGitHub, statusReport } from "../local/seeded-github.js";
import { startHealthServer } from "./health-server.js";
import { createSampleRepository, type SampleRepository } from "./sample-repository.js";

/**
 * The whole pipeline on this machine, through the starter workflows `fastdeploy init` writes,
 * run by the local engine against a local GitHub seeded from a sample git repository:
 * - a push to main deploys a prerelease to dev;
 * - tag v1.0.0 goes dev → qa → prod; prod waits for review, bob (who pushed the tag) may not
 *   approve his own run, alice does;
 * - tag v1.1.0 fails its production health check and is rolled back automatically;
 * - then the rollback workflow takes qa back to 1.0.0 and the promote workflow re-promotes
 *   1.0.0 to prod, which finds it already there.
 */

export interface DemoOptions {
  /** Where the sample repository and the deployed targets live; a temp dir by default. */
  dir?: string;
  /** One line per change of a run or job. */
  log(line: string): void;
}

export interface DemoStep {
  title: string;
  expected: "success" | "failure";
  runs: RunResult[];
}

export interface DemoResult {
  dir: string;
  steps: DemoStep[];
  status: StatusReport;
}

/** bob pushes and dispatches; alice and bob review prod (init makes production reviewed). */
const ACTOR = "bob";
const REVIEWS = [
  { environment: "prod", login: "bob", state: "approved" as const },
  { environment: "prod", login: "alice", state: "approved" as const },
];

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "fastdeploy-demo-"));
  const targetsDir = join(dir, "targets");
  mkdirSync(targetsDir, { recursive: true });
  const { log } = options;
  const health = await startHealthServer(targetsDir);
  let github: SeededGitHub | undefined;
  try {
    const repo = await createSampleRepository(join(dir, "shop"), {
      targetsDir,
      healthPort: health.port,
      author: ACTOR,
    });
    repo.commit("shop 1.0.0 with FastDeploy (fastdeploy init)");
    log(`Sample repository ${repo.dir}: fastdeploy init wrote the config and starter workflows.`);
    const quiet: Io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: repo.dir };
    github = await startSeededGitHub({ repoDir: repo.dir, reviewers: ["alice", "bob"] }, quiet);
    const steps = await pipeline(github, repo, log);
    // The sample's config lists its environments, so there is always a report.
    const report = (await statusReport(github))!;
    github.local.sandbox.assertNoViolations();
    return { dir, steps, status: report };
  } finally {
    await github?.close();
    await health.close();
  }
}

async function pipeline(
  github: SeededGitHub,
  repo: SampleRepository,
  log: (line: string) => void,
): Promise<DemoStep[]> {
  const quietIo: Io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: repo.dir };
  const desk = new ReviewDesk(github, REVIEWS, quietIo, (line) => log(`  ${line}`));
  const engine = new Engine({
    repoDir: repo.dir,
    local: github.local,
    repository: github.seed.repository,
    onEvent: (event) => {
      if (event.type === "log") {
        const text = eventLine(event, { logs: true });
        if (text) keep(event.job, text);
        return;
      }
      const line = eventLine(event, { logs: false });
      if (line) log(`  ${line}`);
    },
    onReviewWait: async ({ runId, environment, job }) => {
      await desk.review({ runId, environment, job });
    },
  });
  const steps: DemoStep[] = [];
  // The last lines of each job's log, shown when a step ends otherwise than the demo expects.
  const tails = new Map<string, string[]>();
  const keep = (job: string, line: string) => {
    const tail = tails.get(job) ?? [];
    tail.push(line);
    if (tail.length > 30) tail.shift();
    tails.set(job, tail);
  };
  const step = async (
    title: string,
    event: Omit<TriggerEvent, "actor">,
    expected: DemoStep["expected"] = "success",
  ) => {
    log(`\n${title}`);
    const started = Date.now();
    // What git holds now reaches the local GitHub, as a push would bring it.
    await seedFromGitRepository(github.local.sandbox, repo.dir, {
      repository: github.seed.repository,
      reviewers: ["alice", "bob"],
    });
    tails.clear();
    const runs = await engine.trigger({ ...event, actor: ACTOR });
    const ok = runs.length > 0 && runs.every((r) => r.conclusion === "success");
    if (ok !== (expected === "success")) {
      const failed = runs.flatMap((r) => r.jobs.filter((j) => j.conclusion === "failure"));
      const logs = failed.map((j) => (tails.get(j.name) ?? []).join("\n")).join("\n");
      throw new CliFailure(
        `demo step "${title}" ${ok ? "succeeded but was meant to fail" : "failed"}:\n${conclusions(runs)}${logs}`,
      );
    }
    // Why a job failed as the demo meant it to: the error annotation it ended with.
    for (const job of runs.flatMap((r) => r.jobs.filter((j) => j.conclusion === "failure"))) {
      const error = (tails.get(job.name) ?? []).findLast((l) => l.includes("] Error: "));
      if (error) log(`  ${error}`);
    }
    log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    steps.push({ title, expected, runs });
  };

  await step("Push to main: a prerelease deploys to dev", { name: "push", ref: "refs/heads/main" });
  repo.tag("v1.0.0");
  await step("Tag v1.0.0: dev → qa → prod, prod behind review", {
    name: "push",
    ref: "refs/tags/v1.0.0",
  });
  repo.writeApp("1.1.0");
  repo.commit("checkout v2");
  repo.tag("v1.1.0");
  await step(
    "Tag v1.1.0: its production health check fails, so prod rolls back to 1.0.0",
    { name: "push", ref: "refs/tags/v1.1.0" },
    "failure",
  );
  await step("Dispatch rollback.yml: qa back to 1.0.0", {
    name: "workflow_dispatch",
    ref: "refs/heads/main",
    workflow: ".github/workflows/rollback.yml",
    inputs: { environment: "qa", reason: "1.1.0 failed its production health check" },
  });
  await step("Dispatch promote.yml: 1.0.0 to prod, already there", {
    name: "workflow_dispatch",
    ref: "refs/heads/main",
    workflow: ".github/workflows/promote.yml",
    inputs: { version: "1.0.0", environment: "prod" },
  });
  return steps;
}
