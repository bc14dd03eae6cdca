// The `github` and `runner` contexts of a job and the environment variables the runner
// derives from them (GitHubContext.cs allowlist, RunnerContext.cs; GITHUB-FACTS 1.4).
import {
  branchPushEvent,
  DEFAULT_ACTOR,
  DEFAULT_REPOSITORY,
  DEFAULT_SERVER_URL,
  DEFAULT_SHA,
  tagPushEvent,
  type WorkflowEvent,
} from "./events.js";

export interface GitHubOptions {
  /** The sandbox REST API. Defaults to a closed loopback port so nothing leaves the machine. */
  apiUrl?: string;
  /** Defaults to https://github.com (only used to build links; never contacted). */
  serverUrl?: string;
  graphqlUrl?: string;
  /** The job token: the value of `${{ github.token }}`, masked in the log. */
  token?: string;
  repository?: string;
  sha?: string;
  ref?: string;
  actor?: string;
  actorId?: string | number;
  triggeringActor?: string;
  runId?: string | number;
  runNumber?: string | number;
  runAttempt?: string | number;
  workflow?: string;
  /** Path of the workflow file in the repository, for GITHUB_WORKFLOW_REF. */
  workflowPath?: string;
  job?: string;
  /** `github.action`: the step id, `__run` style for unnamed steps. */
  stepId?: string;
  retentionDays?: number;
}

export const DEFAULT_TOKEN = "ghs_sandboxTokenForTheLocalRunnerHarness0001";
export const DEFAULT_API_URL = "http://127.0.0.1:9";

export interface JobContext {
  github: Record<string, unknown>;
  runner: Record<string, unknown>;
  event: WorkflowEvent;
}

/**
 * A git ref's short name and type, as GITHUB_REF_NAME and GITHUB_REF_TYPE give them (and as
 * GitHub shows a run's head_branch): `refs/tags/v1` → v1, tag; `refs/heads/main` → main,
 * branch; anything else as it is, with no type.
 */
export function refParts(ref: string): { name: string; type: "tag" | "branch" | "" } {
  if (ref.startsWith("refs/tags/")) return { name: ref.slice(10), type: "tag" };
  if (ref.startsWith("refs/heads/")) return { name: ref.slice(11), type: "branch" };
  return { name: ref, type: "" };
}

function eventDefaults(event: WorkflowEvent | undefined): { ref?: string; sha?: string } {
  const payload = event?.payload ?? {};
  const release = payload.release as { tag_name?: string } | undefined;
  // A release event carries no ref; the runner sets GITHUB_REF to the release's tag.
  const ref =
    typeof payload.ref === "string"
      ? payload.ref
      : release?.tag_name
        ? `refs/tags/${release.tag_name}`
        : undefined;
  const head = payload.head_commit as { id?: string } | null | undefined;
  // For an annotated tag `after` is the tag object, so the commit comes from head_commit.
  const sha = head?.id ?? (typeof payload.after === "string" ? payload.after : undefined);
  return { ref, sha };
}

/**
 * Fills the job's contexts. Without an event, a push of `ref` is synthesised so that
 * GITHUB_EVENT_PATH always agrees with GITHUB_REF and GITHUB_SHA.
 */
export function buildJobContext(
  options: GitHubOptions,
  givenEvent: WorkflowEvent | undefined,
  paths: { workspace: string; runnerTemp: string; eventPath: string; actionPath: string },
): JobContext {
  const fromEvent = eventDefaults(givenEvent);
  const repositoryFromEvent = (givenEvent?.payload.repository as { full_name?: string })?.full_name;
  const repository = options.repository ?? repositoryFromEvent ?? DEFAULT_REPOSITORY;
  const ref = options.ref ?? fromEvent.ref ?? "refs/heads/main";
  const sha = options.sha ?? fromEvent.sha ?? DEFAULT_SHA;
  const serverUrl = options.serverUrl ?? DEFAULT_SERVER_URL;
  const apiUrl = options.apiUrl ?? DEFAULT_API_URL;
  const actor = options.actor ?? DEFAULT_ACTOR;
  const { name: refName, type: refType } = refParts(ref);
  const event =
    givenEvent ??
    (refType === "tag"
      ? tagPushEvent({ tag: refName, sha, repo: repository, serverUrl, apiUrl, actor })
      : branchPushEvent({ branch: refName, sha, repo: repository, serverUrl, apiUrl, actor }));
  const [owner = ""] = repository.split("/");
  const workflowPath = options.workflowPath ?? ".github/workflows/release.yml";
  const github: Record<string, unknown> = {
    action: options.stepId ?? "__run",
    action_path: paths.actionPath,
    action_ref: "",
    action_repository: "",
    actor,
    actor_id: String(options.actorId ?? 583231),
    api_url: apiUrl,
    base_ref: "",
    event: event.payload,
    event_name: event.name,
    event_path: paths.eventPath,
    graphql_url: options.graphqlUrl ?? `${apiUrl}/graphql`,
    head_ref: "",
    job: options.job ?? "release",
    ref,
    ref_name: refName,
    ref_protected: "false",
    ref_type: refType,
    repository,
    repository_id: String((event.payload.repository as { id?: number })?.id ?? 1),
    repository_owner: owner,
    repository_owner_id: String(
      (event.payload.repository as { owner?: { id?: number } })?.owner?.id ?? 1,
    ),
    retention_days: String(options.retentionDays ?? 90),
    run_attempt: String(options.runAttempt ?? 1),
    run_id: String(options.runId ?? 1000),
    run_number: String(options.runNumber ?? 1),
    server_url: serverUrl,
    sha,
    token: options.token ?? DEFAULT_TOKEN,
    triggering_actor: options.triggeringActor ?? actor,
    workflow: options.workflow ?? "Release",
    workflow_ref: `${repository}/${workflowPath}@${ref}`,
    workflow_sha: sha,
    workspace: paths.workspace,
  };
  const runner = {
    name: "GitHub Actions 1",
    os: "Linux",
    arch: "X64",
    environment: "github-hosted",
    temp: paths.runnerTemp,
    tool_cache: `${paths.runnerTemp}/_tool`,
  };
  return { github, runner, event };
}

/** The keys of the `github` context the runner exports as GITHUB_<KEY> (GitHubContext.cs). */
const EXPORTED_GITHUB_KEYS = [
  "action",
  "action_path",
  "action_ref",
  "action_repository",
  "actor",
  "actor_id",
  "api_url",
  "base_ref",
  "event_name",
  "event_path",
  "graphql_url",
  "head_ref",
  "job",
  "ref",
  "ref_name",
  "ref_protected",
  "ref_type",
  "repository",
  "repository_id",
  "repository_owner",
  "repository_owner_id",
  "retention_days",
  "run_attempt",
  "run_id",
  "run_number",
  "server_url",
  "sha",
  "triggering_actor",
  "workflow",
  "workflow_ref",
  "workflow_sha",
  "workspace",
];

/** GITHUB_*, RUNNER_*, GITHUB_ACTIONS and CI, as a step of a hosted runner sees them. */
export function contextEnv(context: JobContext): Record<string, string> {
  const env: Record<string, string> = { CI: "true", GITHUB_ACTIONS: "true" };
  for (const key of EXPORTED_GITHUB_KEYS) {
    env[`GITHUB_${key.toUpperCase()}`] = String(context.github[key] ?? "");
  }
  for (const [key, value] of Object.entries(context.runner)) {
    env[`RUNNER_${key.toUpperCase()}`] = String(value);
  }
  return env;
}

/**
 * Variables a runner machine has of its own. Everything else in the test process (vitest's
 * variables, a developer's GITHUB_TOKEN, an outer CI's GITHUB_OUTPUT) is left out so a run
 * here sees what a run on GitHub sees.
 */
const HOST_VARIABLES = ["PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "SHELL"];

export function hostEnv(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of HOST_VARIABLES) {
    const value = source[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}
