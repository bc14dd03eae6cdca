// What the engine tells the CLI and the demo as a run goes, and what it returns at the end.

export type JobConclusion = "success" | "failure" | "cancelled" | "skipped";
export type RunConclusion = "success" | "failure" | "cancelled";

interface RunRef {
  runId: number;
  /** The workflow file, e.g. `.github/workflows/release.yml`. */
  workflow: string;
}

interface JobRef extends RunRef {
  /** The job as GitHub names it in the run: `deploy (prod)`, `promote / Promote 1.0 to qa`. */
  job: string;
}

export type EngineEvent =
  | (RunRef & { type: "run-queued"; name: string; runNumber: number })
  | (RunRef & { type: "run-pending"; group: string })
  | (RunRef & { type: "run-started" })
  | (RunRef & { type: "run-completed"; conclusion: RunConclusion; errors: string[] })
  | (JobRef & { type: "job-queued" })
  | (JobRef & { type: "job-pending"; group: string })
  | (JobRef & {
      type: "job-waiting";
      environment: string;
      reviewers: string[];
      waitTimerMinutes: number;
    })
  | (JobRef & { type: "job-approved"; environment: string; by: string; comment: string })
  | (JobRef & { type: "job-rejected"; environment: string; by: string; comment: string })
  | (JobRef & { type: "job-started" })
  | (JobRef & {
      type: "job-completed";
      conclusion: JobConclusion;
      /** Why a job failed, was cancelled or skipped, when the engine (not a step) decided. */
      reason?: string;
    })
  | (JobRef & { type: "log"; line: string });

export interface JobResult {
  /** The job's id in its workflow (`jobs.<id>`); nested jobs as `caller/nested`. */
  id: string;
  name: string;
  /** What the job itself ended with. */
  conclusion: JobConclusion;
  /** `needs.<id>.result` for later jobs: a failure that `continue-on-error` allows counts as
   * success there. */
  result: JobConclusion;
  outputs: Record<string, string>;
  reason?: string;
  environmentUrl?: string;
}

export interface RunResult {
  runId: number;
  runNumber: number;
  workflow: string;
  name: string;
  conclusion: RunConclusion;
  jobs: JobResult[];
  /** Why the run failed before or outside its jobs (permissions, concurrency). */
  errors: string[];
}
