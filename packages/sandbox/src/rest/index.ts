/** The sandbox's REST side: a stateful local stand-in for GitHub's REST API. */
export {
  ACTIONS_BOT,
  type Credential,
  type JobCredential,
  type JobTokenRequest,
} from "./credentials.js";
export type { ActiveFault, FaultKind, FaultSpec } from "./faults.js";
export { SECONDARY_RATE_LIMIT_MESSAGE } from "./faults.js";
export type { Violation } from "./http-core.js";
export { nodeId, repository, simpleUser } from "./objects.js";
export { paginate } from "./paginate.js";
export {
  type Access,
  JOB_SCOPES,
  type JobPermissions,
  type RoutePermission,
  type Scope,
} from "./permissions.js";
export type { RequestFilter, RequestRecord } from "./request-log.js";
export { type RefResolver, setRefResolver } from "./routes/deployments-refs.js";
export type { EnvironmentGate } from "./routes/environment-gate.js";
export {
  compareCommits,
  type GitSlice,
  gitSlice,
  resolveCommitish,
  type SeedCommitOptions,
} from "./routes/git-model.js";
export type { JobOutcome } from "./routes/job-deployments.js";
export {
  type ReleaseSlice,
  releaseSlice,
  type StoredAsset,
  type StoredRelease,
} from "./routes/release-model.js";
export {
  recordReview,
  type SeedDeploymentInput,
  type SeedRunOptions,
  type SeedWorkflowOptions,
  seedCheckRun,
  seedCommitStatus,
  seedDeployment,
  seedRun,
  seedTeam,
  seedUser,
  seedWorkflow,
  seedWorkflowPermissions,
} from "./routes/seed.js";
export {
  type NewWorkflowRun,
  type ReviewState,
  RUN_CONCLUSIONS,
  RUN_STATUSES,
  type RunConclusion,
  type RunHandle,
  type RunStatus,
} from "./routes/workflow-runs.js";
export {
  DEFAULT_TOKEN,
  type RuntimeOptions,
  Sandbox,
  type SandboxOptions,
  startSandbox,
  type TokenGrant,
} from "./server.js";
export { type CreateRepoOptions, repoSettings } from "./state.js";
export {
  type Handler,
  HttpError,
  type RepoState,
  type Route,
  type RouteContext,
  type RouteResult,
  type SandboxState,
} from "./types.js";
export type { WorkflowHost } from "./workflow-host.js";
