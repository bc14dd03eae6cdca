import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalGitHub, startLocalGitHub } from "../local-github.js";
import { recordReview, seedRun } from "../rest/index.js";
import type { ActionRunResult, RunActionOptions } from "../runner/index.js";
import { startHealthServer } from "./health-server.js";
import { writeSampleApp } from "./sample-app.js";

export interface DemoOptions {
  /** Where progress goes (one line per step). */
  log?: (line: string) => void;
  /** Where the demo writes summaries and the deployed targets; a temp dir by default. */
  dir?: string;
}

export interface DemoResult {
  /** What runs where at the end, from the status action. */
  status: {
    environments?: Record<
      string,
      {
        version?: string | null;
        deployed_at?: string | null;
        approved_by?: string[];
        rollback?: { from: string; reason: string };
      }
    >;
  };
  summaries: string[];
  dir: string;
  steps: { step: string; ok: boolean; detail: string }[];
}

const REPO = "acme/shop";
const REVIEWER = "alice";
const ENVIRONMENTS = ["dev", "qa", "prod"] as const;

/**
 * The whole pipeline on this machine: the same bundled actions a workflow runs, started by
 * the runner harness against the local GitHub. v1.0.0 goes dev → qa → prod with recorded
 * approvals; v1.1.0 fails its production health check and is rolled back automatically.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "fastdeploy-demo-"));
  const summaries = join(dir, "summaries");
  mkdirSync(summaries, { recursive: true });
  const result: DemoResult = { status: {}, summaries: [], dir, steps: [] };

  // Long awaits on child steps and sockets: hold the event loop open until the demo ends,
  // whatever handles its parts choose to unref.
  const keepAlive = setInterval(() => {}, 60_000);
  log("Starting the local GitHub (REST sandbox + artifact service)…");
  let github: LocalGitHub | undefined;
  let health: Awaited<ReturnType<typeof startHealthServer>>;
  try {
    github = await startLocalGitHub({ artifacts: true, repository: REPO });
    health = await startHealthServer(dir);
  } catch (error) {
    // A failed start (no Azurite, a busy port) must not leave the keep-alive holding the
    // process open: the CLI prints the reason and exits.
    clearInterval(keepAlive);
    await github?.close();
    throw error;
  }
  let stepNumber = 0;

  const step = async (
    title: string,
    run: RunActionOptions,
    expect: "success" | "failure" = "success",
  ) => {
    stepNumber++;
    const started = Date.now();
    const outcome: ActionRunResult = await github.run({
      ...run,
      env: { FASTDEPLOY_DEMO_ROOT: dir, ...run.env },
    });
    const ok = outcome.exitCode === 0;
    const file = join(summaries, `${String(stepNumber).padStart(2, "0")}-${slug(title)}.md`);
    writeFileSync(file, outcome.summary || "(no summary)\n");
    result.summaries.push(file);
    const error = outcome.annotations.find((a) => a.level === "error")?.message;
    const detail = ok ? describe(outcome.outputs) : (error ?? `exit ${outcome.exitCode}`);
    result.steps.push({ step: title, ok, detail });
    log(
      `${ok ? "✔" : "✘"} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? ` — ${detail}` : ""}`,
    );
    if ((expect === "success") !== ok) {
      throw new Error(
        `demo step "${title}" ${ok ? "succeeded but was meant to fail" : "failed"}:\n${outcome.stdout.slice(-4000)}`,
      );
    }
    return outcome;
  };

  try {
    const workspace = join(dir, "workspace");
    await release(workspace, "1.0.0", github.sha, health.port, step);
    for (const environment of ENVIRONMENTS) {
      await promote(github, workspace, "1.0.0", environment, step);
    }

    const next = github.sandbox.seedCommit(REPO, { message: "feat: checkout v2" });
    await release(workspace, "1.1.0", next, health.port, step);
    await promote(github, workspace, "1.1.0", "dev", step);
    await promote(github, workspace, "1.1.0", "qa", step);
    log(
      "Promoting 1.1.0 to prod: its health check fails there, so FastDeploy rolls back to 1.0.0…",
    );
    await promote(github, workspace, "1.1.0", "prod", step, "failure");

    const status = await step("status", {
      action: "status",
      workspace,
      github: { ref: "refs/heads/main" },
    });
    result.status = JSON.parse(status.outputs.json ?? "{}");
    github.sandbox.assertNoViolations();
    return result;
  } finally {
    await health.close();
    await github.close();
    clearInterval(keepAlive);
  }
}

type Step = (
  title: string,
  run: RunActionOptions,
  expect?: "success" | "failure",
) => Promise<ActionRunResult>;

async function release(workspace: string, version: string, sha: string, port: number, step: Step) {
  writeSampleApp(workspace, version, port);
  const tag = { ref: `refs/tags/v${version}`, sha };
  const built = await step(`build ${version}`, {
    action: "build",
    workspace,
    inputs: {},
    github: tag,
  });
  // verify and publish take the same three files, as in the release workflow.
  const files = {
    archive: built.outputs.archive!,
    manifest: built.outputs.manifest!,
    checksums: built.outputs.checksums!,
  };
  await step(`verify ${version}`, { action: "verify", workspace, inputs: files, github: tag });
  await step(`publish ${version}`, { action: "publish", workspace, inputs: files, github: tag });
}

async function promote(
  github: LocalGitHub,
  workspace: string,
  version: string,
  environment: string,
  step: Step,
  expect: "success" | "failure" = "success",
) {
  // A workflow run whose deploy job waited for the environment's reviewers; alice approves.
  const run = seedRun(github.sandbox.state, REPO, {
    workflow: "release.yml",
    event: "push",
    head_branch: `v${version}`,
    actor: "octocat",
    status: "in_progress",
  });
  if (environment !== "dev") {
    recordReview(github.sandbox.state, REPO, run.id, {
      environments: [environment],
      state: "approved",
      user: REVIEWER,
      comment: `ship ${version} to ${environment}`,
    });
  }
  const job = { ref: `refs/tags/v${version}`, runId: run.id, actor: "octocat" };
  const approved = await step(`approve ${version} → ${environment}`, {
    action: "approve",
    workspace,
    inputs: { environment, version },
    github: job,
  });
  await step(
    `distribute ${version} → ${environment}`,
    {
      action: "distribute",
      workspace,
      inputs: { environment, version },
      env: { FASTDEPLOY_APPROVAL: approved.outputs.record ?? "" },
      github: job,
    },
    expect,
  );
}

function describe(outputs: Record<string, string>): string {
  const keys = ["version", "status", "tag", "digest", "approved"];
  return keys
    .filter((k) => outputs[k])
    .map((k) => `${k}=${k === "digest" ? `${outputs[k]!.slice(0, 19)}…` : outputs[k]}`)
    .join(" ");
}

const slug = (title: string) =>
  title
    .replace(/[^a-z0-9.]+/gi, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
