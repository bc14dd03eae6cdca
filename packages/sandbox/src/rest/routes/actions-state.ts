import { HttpError, type RepoState, type RouteContext } from "../types.js";
import { minimalRepository, nodeId, repoApi, simpleUser, type Web } from "./users-objects.js";

/** A `workflow_dispatch` input as declared in the workflow file. */
export interface WorkflowInput {
  type?: "string" | "boolean" | "number" | "choice" | "environment";
  required?: boolean;
  default?: string | boolean | number;
  options?: string[];
}

export interface WorkflowRecord {
  id: number;
  name: string;
  path: string;
  state: "active" | "deleted" | "disabled_fork" | "disabled_inactivity" | "disabled_manually";
  created_at: string;
  updated_at: string;
  /** Whether the workflow has a `workflow_dispatch` trigger. */
  dispatchable: boolean;
  /** Declared dispatch inputs; undefined = not modelled, so any inputs are accepted. */
  inputs?: Record<string, WorkflowInput>;
  /** Environments its jobs name: a dispatched run waits for review where reviewers are set. */
  environments: string[];
}

export interface RunRecord {
  id: number;
  workflow_id: number;
  name: string;
  path: string;
  head_branch: string | null;
  head_sha: string;
  event: string;
  status: string;
  conclusion: string | null;
  actor: string;
  triggering_actor: string;
  run_number: number;
  run_attempt: number;
  display_title: string;
  created_at: string;
  updated_at: string;
  html_url?: string;
  inputs?: Record<string, unknown>;
  /** Environments (names) still waiting for a review. */
  pending: string[];
  /** Lower-cased environment name → when the run started waiting there (its wait timer start). */
  waiting_since?: Record<string, string>;
  /** When the current attempt started. */
  run_started_at?: string;
  /** Earlier attempts, oldest first, as they ended (GET …/attempts/{attempt_number}). */
  attempts?: AttemptRecord[];
  /** The deployments GitHub recorded for this run's environment jobs. */
  job_deployments?: Array<{ id: number; environment: string; run_attempt: number }>;
}

/** What an earlier attempt of a run looked like when it was re-run. */
export interface AttemptRecord {
  run_attempt: number;
  status: string;
  conclusion: string | null;
  run_started_at: string;
  updated_at: string;
}

export interface ReviewRecord {
  environments: string[];
  state: "approved" | "rejected" | "pending";
  user: string;
  comment: string;
  /** The attempt reviewed; absent in states saved before attempts were kept (= 1). */
  run_attempt?: number;
}

export interface ActionsSlice {
  workflows: Record<string, WorkflowRecord>;
  runs: Record<string, RunRecord>;
  /** run id → reviews, oldest first. */
  reviews: Record<string, ReviewRecord[]>;
  permissions: {
    default_workflow_permissions: "read" | "write";
    can_approve_pull_request_reviews: boolean;
  };
}

export function actionsOf(repo: RepoState): ActionsSlice {
  let slice = repo.actions as ActionsSlice | undefined;
  if (!slice) {
    slice = {
      workflows: {},
      runs: {},
      reviews: {},
      permissions: {
        default_workflow_permissions: "read",
        can_approve_pull_request_reviews: false,
      },
    };
    repo.actions = slice;
  }
  return slice;
}

/**
 * Records a new workflow (active, dispatchable unless told otherwise): the one place the
 * engine's runs and the seeding helpers make one.
 */
export function recordWorkflow(
  repo: RepoState,
  fields: Pick<WorkflowRecord, "name" | "path"> &
    Partial<Pick<WorkflowRecord, "dispatchable" | "inputs" | "environments">>,
  clock: { nextId(): number; now(): string },
): WorkflowRecord {
  const at = clock.now();
  const w: WorkflowRecord = {
    id: clock.nextId(),
    state: "active",
    created_at: at,
    updated_at: at,
    ...fields,
    // After the spread: a field given as undefined still gets its default.
    dispatchable: fields.dispatchable ?? true,
    environments: fields.environments ?? [],
  };
  actionsOf(repo).workflows[w.id] = w;
  return w;
}

/**
 * Records a new run of workflow `w` (run number next in its workflow, created and updated
 * now): the one place both the dispatch route and the engine's runs make their records.
 */
export function recordRun(
  repo: RepoState,
  w: WorkflowRecord,
  fields: Pick<
    RunRecord,
    "head_branch" | "head_sha" | "event" | "status" | "actor" | "triggering_actor"
  > &
    Partial<
      Pick<
        RunRecord,
        | "name"
        | "run_attempt"
        | "inputs"
        | "pending"
        | "run_started_at"
        | "conclusion"
        | "display_title"
        | "html_url"
      >
    >,
  clock: { nextId(): number; now(): string },
): RunRecord {
  const slice = actionsOf(repo);
  const now = clock.now();
  const name = fields.name ?? w.name;
  const run: RunRecord = {
    id: clock.nextId(),
    workflow_id: w.id,
    path: w.path,
    run_number: Object.values(slice.runs).filter((r) => r.workflow_id === w.id).length + 1,
    created_at: now,
    updated_at: now,
    ...fields,
    // After the spread: a field given as undefined still gets its default.
    name,
    conclusion: fields.conclusion ?? null,
    run_attempt: fields.run_attempt ?? 1,
    display_title: fields.display_title ?? name,
    pending: fields.pending ?? [],
  };
  slice.runs[run.id] = run;
  return run;
}

/** `workflow_id` is a numeric id or the workflow's file name (`deploy.yml`). */
export function findWorkflow(repo: RepoState, idOrFile: string): WorkflowRecord | undefined {
  const { workflows } = actionsOf(repo);
  return (
    workflows[idOrFile] ??
    Object.values(workflows).find((w) => w.path.split("/").pop() === idOrFile)
  );
}

export function requireRun(ctx: RouteContext): RunRecord {
  const run = actionsOf(ctx.repo).runs[ctx.params.run_id ?? ""];
  if (!run) throw new HttpError(404, "Not Found");
  return run;
}

export function workflowObject(web: Web, repo: RepoState, w: WorkflowRecord) {
  const html = `${web.serverUrl}/${repo.owner}/${repo.name}`;
  return {
    id: w.id,
    node_id: nodeId("Workflow", w.id),
    name: w.name,
    path: w.path,
    state: w.state,
    created_at: w.created_at,
    updated_at: w.updated_at,
    url: `${repoApi(web, repo)}/actions/workflows/${w.id}`,
    html_url: `${html}/blob/${repo.defaultBranch}/${w.path}`,
    badge_url: `${html}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
  };
}

export function runUrls(web: Web, repo: RepoState, run: RunRecord) {
  return {
    url: `${repoApi(web, repo)}/actions/runs/${run.id}`,
    html_url: run.html_url ?? `${web.serverUrl}/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
  };
}

export function runObject(web: Web, repo: RepoState, run: RunRecord) {
  const { url, html_url } = runUrls(web, repo, run);
  const repository = minimalRepository(web, repo);
  const author = {
    name: run.actor,
    email: `${run.actor.replace(/[^A-Za-z0-9-]/g, "-")}@users.noreply.github.com`,
  };
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId("WorkflowRun", run.id),
    check_suite_id: run.id + 1,
    check_suite_node_id: nodeId("CheckSuite", run.id + 1),
    head_branch: run.head_branch,
    head_sha: run.head_sha,
    path: run.path,
    display_title: run.display_title,
    run_number: run.run_number,
    run_attempt: run.run_attempt,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflow_id,
    url,
    html_url,
    pull_requests: [],
    created_at: run.created_at,
    updated_at: run.updated_at,
    run_started_at: run.run_started_at ?? run.created_at,
    actor: simpleUser(web, run.actor),
    triggering_actor: simpleUser(web, run.triggering_actor),
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${repoApi(web, repo)}/check-suites/${run.id + 1}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: run.run_attempt > 1 ? `${url}/attempts/${run.run_attempt - 1}` : null,
    workflow_url: `${repoApi(web, repo)}/actions/workflows/${run.workflow_id}`,
    head_commit: {
      id: run.head_sha,
      tree_id: run.head_sha,
      message: run.display_title,
      timestamp: run.created_at,
      author,
      committer: author,
    },
    repository,
    head_repository: repository,
    head_repository_id: repo.id,
  };
}
