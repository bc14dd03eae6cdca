// The job executor: one job's steps, run as a GitHub-hosted Linux runner runs them.
export { UnsupportedActionError, unsupportedAction } from "./action-reference.js";
export { runJob } from "./run-job.js";
export type { Annotation, JobOutcome, JobRun, StepRecord } from "./types.js";
