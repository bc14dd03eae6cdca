// The runner harness: runs a bundled action exactly as the GitHub Actions runner does
// (actions/runner 2.336; GITHUB-FACTS.md section 1), against the local sandbox.
//
//   const result = await runAction({
//     action: "build",                       // actions/build, "fastdeploy" = root, or a dir
//     inputs: { path: "dist" },              // the step's `with:`; defaults fill the rest
//     event: tagPushEvent({ tag: "v1.2.3", sha, repo: "acme/shop" }),
//     github: { apiUrl: sandbox.apiUrl, token },
//     artifactEnv: artifacts.env(),
//   });
//   result.success; result.outputs.version; result.summary; result.annotations;
//
// Differences from GitHub, on purpose: Node 24 from the `node` npm package runs the bundle
// (the machine's node when that package is absent); only property-path expressions (`${{ github.token }}`)
// are evaluated in input defaults and only status functions in pre-if/post-if; an empty
// name in `=VALUE` file-command lines is an error (the runner accepts it); the legacy
// `##[command]` syntax is not parsed. The process gets PATH, HOME and a few locale
// variables from the host, never the test process's GITHUB_* or vitest variables.
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
export {
  contextEnv,
  DEFAULT_API_URL,
  DEFAULT_TOKEN,
  type GitHubOptions,
  hostEnv,
  refParts,
} from "./environment.js";
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
export { actionNode } from "./node-runtime.js";
export {
  type ActionRunResult,
  evaluateCondition,
  type PostRunResult,
  type RunActionOptions,
  runAction,
  runActionWithPost,
} from "./run-action.js";
export { type CancelTimeouts, runStep, type StepResult, type StepSpec } from "./step.js";
export { type Annotation, type AnnotationLevel, parseCommandLine } from "./workflow-commands.js";
