// What every part of one run shares: the engine's ports, the run's identity and contexts, and
// where a job's results go.
import type { WorkflowJob } from "@actions/workflow-parser/model/workflow-template";
import type { LocalGitHub, WorkflowHost } from "@fastdeploy/sandbox";
import type { ConcurrencyGroups } from "./concurrency.js";
import type { EngineEvent, JobResult } from "./engine-events.js";
import type { Clock, ReviewWait } from "./environment-gate.js";
import type { JobOutcome, JobRun } from "./job/types.js";
import type { LoadedWorkflow } from "./load-workflow.js";
import type { Permissions } from "./permissions.js";

export interface EngineDeps {
  local: LocalGitHub;
  /** The local GitHub's side of a run: records, tokens, gates, secrets (local.sandbox). */
  gates: WorkflowHost;
  repository: string;
  repoDir: string;
  actionsRoot: string;
  /** HEAD of the FastDeploy checkout: `github.job_workflow_sha` of its reusable workflows. */
  actionsSha: string;
  clock: Clock;
  emit(event: EngineEvent): void;
  onReviewWait?: ReviewWait;
  groups: ConcurrencyGroups;
  runJob(run: JobRun): Promise<JobOutcome>;
}

export interface RunState {
  deps: EngineDeps;
  runId: number;
  workflowFile: string;
  ref: string;
  sha: string;
  actor: string;
  /** The run-wide `github` context (job, token, workspace set per job). */
  github: Record<string, unknown>;
  eventPath: string;
  vars: Record<string, string>;
  /** Aborted when the run is cancelled (workflow-level cancel-in-progress). */
  signal: AbortSignal;
  /** Shared by the run's jobs so workflow artifacts pass between them. */
  artifactRunId: string;
  /** Every job that ran or was skipped, in the order they ended. */
  results: JobResult[];
  /** Counts jobs waiting at an environment, to keep the run record's status honest. */
  waiting(on: boolean): void;
}

/** The jobs of one workflow file: the triggered workflow, or a called one. */
export interface Scope {
  workflow: LoadedWorkflow;
  jobs: WorkflowJob[];
  inputs: Record<string, unknown>;
  secrets: Record<string, string>;
  /** The workflow's `env`, evaluated. */
  env: Record<string, string>;
  /** The workflow's own `permissions:`, if it has them. */
  workflowPermissions: Permissions | undefined;
  /** What a job without permissions gets: the default, or the caller's grant. */
  inherited: Permissions;
  defaults: { shell?: string; workingDirectory?: string };
  /** `caller/` for jobs of a called workflow, so ids stay unique in the run. */
  idPrefix: string;
  /** `Caller name / ` as GitHub shows nested jobs. */
  namePrefix: string;
  jobWorkflowSha: string;
}
