// The runner harness: runs a bundled action exactly as the GitHub Actions runner does.
export {
  type ActionInput,
  type ActionMetadata,
  evaluateTemplate,
  inputEnvName,
  loadActionMetadata,
  REPO_ROOT,
  resolveActionDir,
  resolveInputs,
} from "./action-metadata.js";
export { DEFAULT_API_URL, DEFAULT_TOKEN, type GitHubOptions } from "./environment.js";
export {
  type BranchPushOptions,
  branchPushEvent,
  DEFAULT_REPOSITORY,
  DEFAULT_SHA,
  type ReleaseEventOptions,
  releasePublishedEvent,
  repositoryPayload,
  type TagPushOptions,
  tagPushEvent,
  type WorkflowDispatchOptions,
  type WorkflowEvent,
  workflowDispatchEvent,
  ZERO_SHA,
} from "./events.js";
export {
  FileCommandError,
  parseKeyValueFile,
  parsePathFile,
  STEP_SUMMARY_LIMIT,
} from "./file-commands.js";
export {
  type ActionRunResult,
  evaluateCondition,
  type PostRunResult,
  type RunActionOptions,
  runAction,
  runActionWithPost,
} from "./run-action.js";
export type { CancelTimeouts, StepResult } from "./step.js";
export { type Annotation, type AnnotationLevel, parseCommandLine } from "./workflow-commands.js";
