// The contract between the orchestrator (triggers, needs, matrix, environments) and the job
// executor: the orchestrator hands one job, with every context it owns already evaluated, and
// the executor runs its steps as a GitHub-hosted Linux runner would.
import type { Job } from "@actions/workflow-parser/model/workflow-template";
import type { MappingToken, TemplateToken } from "@actions/workflow-parser/templates/tokens/index";
import type { Annotation } from "@fastdeploy/sandbox";

export type { Annotation };

export interface JobRun {
  /** @actions/workflow-parser's converted job (`convertWorkflowTemplate`, type "job"). */
  job: Job;
  /**
   * The job's own mapping from the parsed workflow (`jobs.<job_id>` of `parseWorkflow`'s
   * `value`). The converted job drops what the executor needs (each step's `with`, `shell`,
   * `working-directory`, `timeout-minutes`), so the executor reads those here; its `steps`
   * items line up with `job.steps`.
   */
  definition: MappingToken;
  /** The job's key in `jobs:` (GITHUB_JOB). */
  jobKey: string;
  /** The job's name as the run shows it (matrix values included). */
  displayName: string;
  /**
   * Plain JSON contexts: github, env (the workflow's env, already evaluated), vars, secrets,
   * inputs, needs, matrix, strategy, runner, job. The executor adds the job's own env and
   * steps. `github.token` is the job's token.
   */
  contexts: Record<string, unknown>;
  /** GITHUB_WORKSPACE: an empty directory the executor fills (actions/checkout). */
  workspace: string;
  /** What actions/checkout checks out: a local git repository and the commit. */
  source: { repoDir: string; sha: string };
  /**
   * This FastDeploy checkout (action.yml and actions/ at its root): where
   * `fastdeploy/fastdeploy/actions/x@ref` and `fastdeploy/fastdeploy@ref` resolve.
   */
  actionsRoot: string;
  /** The job's token (also `github.token`); masked in every line. */
  token: string;
  /** GITHUB_API_URL: the local GitHub. */
  apiUrl: string;
  /** GITHUB_SERVER_URL. */
  serverUrl: string;
  /** ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, … from the local artifact service. */
  artifactEnv?: Record<string, string>;
  /** `defaults.run`, the job's over the workflow's, already evaluated. */
  defaults?: { shell?: string; workingDirectory?: string };
  /** The job's `timeout-minutes` (GitHub's default is 360). */
  timeoutMinutes?: number;
  /** `environment.url`: evaluated after the steps, with the steps context. */
  environmentUrl?: TemplateToken;
  /** Aborted when the run is cancelled (cancel-in-progress, Ctrl-C). */
  signal: AbortSignal;
  /** Secrets, plus the ::add-mask:: values steps add (the executor adds them here). */
  masks: Set<string>;
  /** Receives each line of the job's log, already masked. */
  log(line: string): void;
  /** GITHUB_EVENT_PATH: the event payload, already written. */
  eventPath: string;
  /** RUNNER_TEMP for the job; a fresh directory under the OS temp dir when left out. */
  runnerTemp?: string;
  /** How long cancellation waits after SIGINT and after SIGTERM (runner: 7.5 s, 2.5 s). */
  cancelTimeouts?: { sigintMs?: number; sigtermMs?: number };
}

/** A step's record in the `steps` context. */
export interface StepRecord {
  outputs: Record<string, string>;
  /** Before continue-on-error is applied: success, failure, cancelled or skipped. */
  outcome: string;
  /** After continue-on-error: a failed step that may fail is a success here. */
  conclusion: string;
}

export interface JobOutcome {
  result: "success" | "failure" | "cancelled";
  /** The job's `outputs:`, evaluated after the steps; secrets in them are dropped. */
  outputs: Record<string, string>;
  /** `environment.url` evaluated after the steps. */
  environmentUrl?: string;
  /** The steps context as it stood at the end, keyed by step id. */
  steps: Record<string, StepRecord>;
  /** The job summary: every step's GITHUB_STEP_SUMMARY, masked. */
  summary: string;
  annotations: Annotation[];
}
