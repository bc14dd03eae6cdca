// What a job carries from step to step, as the runner's job ExecutionContext does: the env
// that GITHUB_ENV grows, the PATH that GITHUB_PATH grows, the steps context, the masks, the
// summary and annotations, and whether the job has failed or been cancelled.
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import type { Annotation, StepResult } from "@fastdeploy/sandbox";
import { contextEnv, hostEnv } from "@fastdeploy/sandbox";
import type { EvaluateOptions, JobStatus } from "../expressions.js";
import { hashFiles } from "./hash-files.js";
import type { JobRun, StepRecord } from "./types.js";

/** What every kind of step (a shell, a node action, a stand-in) hands back to the job. */
export type StepRun = Pick<
  StepResult,
  | "success"
  | "cancelled"
  | "timedOut"
  | "outputs"
  | "state"
  | "env"
  | "path"
  | "summary"
  | "annotations"
  | "masks"
>;

export function emptyStepRun(success: boolean): StepRun {
  return {
    success,
    cancelled: false,
    timedOut: false,
    outputs: {},
    state: {},
    env: {},
    path: [],
    summary: "",
    annotations: [],
    masks: [],
  };
}

/** A step that failed before anything ran, with the runner's kind of error message. */
export function failedStepRun(message: string): StepRun {
  return {
    ...emptyStepRun(false),
    annotations: [{ level: "error", message, source: "runner" }],
  };
}

/** The action a step runs, for GITHUB_ACTION_PATH / _REPOSITORY / _REF. */
export interface ActionIdentity {
  path: string;
  repository: string;
  ref: string;
}

export class JobState {
  readonly runnerTemp: string;
  /** Workflow env, then job env, then every GITHUB_ENV line so far (later wins). */
  readonly env: Record<string, string> = {};
  /** GITHUB_PATH additions in the order they were made. */
  readonly path: string[] = [];
  readonly steps: Record<string, StepRecord> = {};
  readonly summaries: string[] = [];
  readonly annotations: Annotation[] = [];
  /** The process group of every step started, for the orphan clean-up at the job's end. */
  readonly processGroups = new Set<number>();
  failed = false;
  cancelled = false;
  /** What a step's expressions get beyond the contexts: hashFiles over the workspace. */
  readonly stepExpressions: EvaluateOptions;

  constructor(readonly run: JobRun) {
    this.runnerTemp = run.runnerTemp ?? mkdtempSync(join(tmpdir(), "fastdeploy-job-"));
    mkdirSync(this.runnerTemp, { recursive: true });
    this.stepExpressions = { hashFiles: (patterns) => hashFiles(run.workspace, patterns) };
  }

  /**
   * Replaces every mask with `***`, longest first so overlapping secrets mask fully. A
   * multi-line secret is also masked line by line: the log holds one line at a time.
   */
  mask(text: string): string {
    let out = text;
    const masks = [...this.run.masks].flatMap((m) => [m, ...m.split(/\r?\n/)]);
    const unique = [...new Set(masks.filter((m) => m.trim() !== ""))];
    for (const secret of unique.sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join("***");
    }
    return out;
  }

  log(line: string): void {
    this.run.log(this.mask(line));
  }

  error(message: string): void {
    this.annotations.push({ level: "error", message: this.mask(message), source: "runner" });
    this.log(`Error: ${message}`);
  }

  /** What the status functions answer now. */
  status(): JobStatus {
    return {
      success: !this.failed && !this.cancelled,
      failure: this.failed,
      cancelled: this.cancelled,
    };
  }

  /** `job.status` and the post-if status: cancelled wins over failure. */
  statusName(): "success" | "failure" | "cancelled" {
    return this.cancelled ? "cancelled" : this.failed ? "failure" : "success";
  }

  /** The github context as steps see it: the executor owns workspace, token and the urls. */
  github(action?: ActionIdentity, stepId = ""): Record<string, unknown> {
    const { run } = this;
    const given = (run.contexts.github ?? {}) as Record<string, unknown>;
    return {
      ...given,
      action: stepId,
      action_path: action?.path ?? "",
      action_repository: action?.repository ?? "",
      action_ref: action?.ref ?? "",
      api_url: run.apiUrl,
      graphql_url: given.graphql_url ?? `${run.apiUrl}/graphql`,
      server_url: run.serverUrl,
      event_path: run.eventPath,
      job: run.jobKey,
      // The runner always has it; @actions/artifact reads GITHUB_RETENTION_DAYS.
      retention_days: given.retention_days ?? "90",
      token: run.token,
      workspace: run.workspace,
    };
  }

  runner(): Record<string, unknown> {
    const given = (this.run.contexts.runner ?? {}) as Record<string, unknown>;
    return {
      name: "FastDeploy local runner",
      os: "Linux",
      arch: process.arch === "arm64" ? "ARM64" : "X64",
      environment: "self-hosted",
      ...given,
      temp: this.runnerTemp,
      tool_cache: join(this.runnerTemp, "_tool"),
    };
  }

  /** Every context an expression in a step may read; `stepEnv` joins the env context. */
  contexts(stepEnv: Record<string, string> = {}, action?: ActionIdentity, stepId = "") {
    const job = (this.run.contexts.job ?? {}) as Record<string, unknown>;
    return {
      ...this.run.contexts,
      github: this.github(action, stepId),
      runner: this.runner(),
      env: { ...this.env, ...stepEnv },
      steps: this.steps,
      job: { ...job, status: this.statusName() },
    };
  }

  /**
   * The process environment of a step: the machine's basics, the job env (with GITHUB_ENV),
   * the step's env, then GITHUB_* / RUNNER_* from the contexts, which a step's env cannot
   * override (ScriptHandler.cs "expose context to environment" runs last), then PATH with the
   * GITHUB_PATH additions first, latest first (ScriptHandler.cs AddPrependPathToEnvironment).
   */
  processEnv(
    stepEnv: Record<string, string>,
    extra: Record<string, string> = {},
    action?: ActionIdentity,
    stepId = "",
  ): Record<string, string> {
    const github = this.github(action, stepId);
    const event = { name: String(github.event_name ?? ""), payload: {} };
    const env: Record<string, string> = {
      ...hostEnv(),
      ...this.env,
      ...stepEnv,
      ...extra,
      ...contextEnv({ github, runner: this.runner(), event }),
    };
    env.PATH = this.searchPath(env.PATH);
    return env;
  }

  /** PATH with the GITHUB_PATH additions first. */
  searchPath(base = process.env.PATH ?? ""): string {
    return [...[...this.path].reverse(), base].filter(Boolean).join(delimiter);
  }

  /** Takes in what a finished step changed for the steps after it. */
  absorb(result: StepRun): void {
    Object.assign(this.env, result.env);
    for (const dir of result.path) {
      const seen = this.path.indexOf(dir);
      if (seen >= 0) this.path.splice(seen, 1);
      this.path.push(dir);
    }
    for (const mask of result.masks) this.run.masks.add(mask);
    if (result.summary !== "") this.summaries.push(this.mask(result.summary));
    for (const annotation of result.annotations) {
      const message = this.mask(annotation.message);
      this.annotations.push({ ...annotation, message });
      // The action printed its own ::error::; the runner's errors get a line of their own.
      if (annotation.source === "runner" && annotation.level === "error") {
        this.log(`Error: ${message}`);
      }
    }
  }
}

/** An evaluated value as an environment variable or input: scalars as text, objects as JSON. */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function asTextRecord(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) result[key] = asText(item);
  }
  return result;
}
