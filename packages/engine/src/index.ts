// @fastdeploy/engine: runs a repository's GitHub Actions workflow files on this machine,
// against the local GitHub (packages/sandbox), on GitHub's own @actions/workflow-parser and
// @actions/expressions. docs/local-runs.md lists every behaviour and the GitHub doc it follows.
//
// Public entry:
//
//   const engine = new Engine({
//     repoDir,                 // the user's git repository: .github/workflows, checkout source
//     actionsRoot,             // this FastDeploy checkout (default: REPO_ROOT of @fastdeploy/sandbox)
//     local,                   // startLocalGitHub() from @fastdeploy/sandbox
//     repository: "acme/shop", // owner/name in the local GitHub
//     clock,                   // optional { now(), sleep(ms, signal) }: wait timers run on it
//     onEvent,                 // optional: EngineEvent as the run goes (queued, waiting, logs…)
//     onReviewWait,            // optional: called when a job waits for review; post the review
//                              // through POST …/actions/runs/{id}/pending_deployments
//   });
//   const runs: RunResult[] = await engine.trigger({
//     name: "push" | "workflow_dispatch",
//     ref: "refs/tags/v1.0.0",  // or a branch; short names are accepted
//     sha?, inputs?, actor?, workflow?,   // workflow is required for workflow_dispatch
//     signal?,                  // aborting it cancels the runs (Ctrl-C)
//   });
//   const again: RunResult = await engine.rerun(runs[0].runId, { actor? });  // next attempt
//
// trigger() rejects before any run starts with TriggerError (unknown event, bad dispatch
// inputs, no such workflow) or WorkflowRefusedError (parse errors as `file:line:col: message`,
// and anything the engine does not run: container, services, actions other than FastDeploy's,
// actions/checkout and actions/setup-node). Every started run resolves to a RunResult with
// each job's conclusion and outputs; a run refused by GitHub's own pre-start checks (a called
// job asking more permissions than its caller grants) ends `failure` with `errors` and no job.
// Concurrency groups are shared by every run of one Engine instance.
export type { ConcurrencySettings } from "./concurrency.js";
export { ActionsNotFoundError, Engine, type EngineOptions, type TriggerEvent } from "./engine.js";
export type {
  EngineEvent,
  JobConclusion,
  JobResult,
  RunConclusion,
  RunResult,
} from "./engine-events.js";
export type { Clock, ReviewWait } from "./environment-gate.js";
export {
  ExpressionEvaluationError,
  evaluateCondition,
  evaluateToken,
  fromExpressionData,
  type JobStatus,
  toExpressionData,
} from "./expressions.js";
export * from "./git-repository-reader.js";
export { WorkflowRefusedError } from "./load-workflow.js";
export * from "./seed-git-repository.js";
export { TriggerError } from "./triggers.js";
