// The contexts a job's steps see, once the job has its token, workspace and environment:
// https://docs.github.com/en/actions/reference/workflows-and-actions/contexts
// (github with the job's token and workspace, env, vars and secrets overlaid by the job's
// environment, runner, job).
import { join } from "node:path";
import type { Leg } from "./job-graph.js";
import type { RunState, Scope } from "./run-state.js";

const OS: Record<string, string> = { linux: "Linux", darwin: "macOS", win32: "Windows" };
const ARCH: Record<string, string> = { x64: "X64", arm64: "ARM64", arm: "ARM", ia32: "X86" };

/**
 * The contexts a job's own keys (`if`, `concurrency`, `environment`, `with`, …) are evaluated
 * in, before it has a token or workspace: the run's `github` with the job's id, `needs`,
 * `vars`, the workflow's `inputs` and `secrets`, and the leg's `matrix` and `strategy`.
 * `github` takes `extra` keys (a job of steps adds its job_workflow_sha).
 */
export function legContexts(
  run: RunState,
  scope: Scope,
  leg: Leg,
  jobId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    github: { ...run.github, job: jobId, ...extra },
    needs: leg.needs,
    vars: run.vars,
    inputs: scope.inputs,
    matrix: leg.matrix,
    strategy: leg.strategy,
    secrets: scope.secrets,
  };
}

/** The `runner` context of this machine. */
export function runnerContext(runnerTemp: string): Record<string, string> {
  return {
    name: "fastdeploy-local",
    os: OS[process.platform] ?? process.platform,
    arch: ARCH[process.arch] ?? process.arch,
    temp: runnerTemp,
    tool_cache: join(runnerTemp, "_tool"),
    environment: "self-hosted",
    debug: "",
  };
}

export interface JobIdentity {
  token: string;
  workspace: string;
  runnerTemp: string;
  /** The workflow's evaluated `env`. */
  env: Record<string, string>;
  /** Repository variables overlaid by the environment's. */
  vars: Record<string, string>;
  /** The workflow's secrets overlaid by the environment's. */
  secrets: Record<string, string>;
}

/** The contexts of the job's `if`, `strategy` and name, completed for its steps. */
export function jobContexts(
  base: Record<string, unknown>,
  job: JobIdentity,
): Record<string, unknown> {
  return {
    ...base,
    github: { ...(base.github as object), token: job.token, workspace: job.workspace },
    vars: job.vars,
    secrets: { ...job.secrets, GITHUB_TOKEN: job.token },
    env: job.env,
    runner: runnerContext(job.runnerTemp),
    job: { status: "success" },
  };
}
