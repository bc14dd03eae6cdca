import type { RepoState, SandboxState } from "../types.js";
import {
  actionsOf,
  findWorkflow,
  type ReviewRecord,
  type RunRecord,
  recordRun,
  recordWorkflow,
  type WorkflowInput,
  type WorkflowRecord,
} from "./actions-state.js";
import { type CheckRunRecord, type CommitStatusRecord, checksOf } from "./checks-state.js";
import { resolveRef } from "./deployments-refs.js";
import {
  addStatus,
  type DeploymentRecord,
  type DeploymentState,
  deploymentsOf,
} from "./deployments-state.js";
import { ensureEnvironment } from "./environments-state.js";
import { teamMembersOf } from "./users-objects.js";

/**
 * Scripting helpers for tests, benchmarks and the demo: they write straight into state, the
 * same records the routes write, so history that GitHub would have produced over months (runs,
 * reviews, thousands of deployments) exists in milliseconds without HTTP.
 */

type RepoRef = RepoState | string;

function repoOf(state: SandboxState, repo: RepoRef): RepoState {
  if (typeof repo !== "string") return repo;
  const found =
    state.repos[repo] ?? Object.values(state.repos).find((r) => `${r.owner}/${r.name}` === repo);
  if (!found) throw new Error(`seed: unknown repository ${repo}`);
  return found;
}

const allocId = (state: SandboxState) => () => state.nextId++;
const nowIso = () => new Date().toISOString();

export function seedUser(
  state: SandboxState,
  login: string,
  options: { type?: "User" | "Bot" } = {},
) {
  const existing = state.users[login];
  if (existing) return existing;
  const user = { id: state.nextId++, login, type: options.type ?? ("User" as const) };
  state.users[login] = user;
  return user;
}

export function seedTeam(
  state: SandboxState,
  options: { slug: string; name?: string; members?: string[] },
) {
  const team = state.teams[options.slug] ?? {
    id: state.nextId++,
    slug: options.slug,
    name: options.name ?? options.slug,
  };
  state.teams[options.slug] = team;
  for (const login of options.members ?? []) seedUser(state, login);
  if (options.members) teamMembersOf(state)[options.slug] = [...options.members];
  return team;
}

export interface SeedWorkflowOptions {
  path: string;
  name?: string;
  inputs?: Record<string, WorkflowInput>;
  environments?: string[];
  dispatchable?: boolean;
  created_at?: string;
}

export function seedWorkflow(
  state: SandboxState,
  repo: RepoRef,
  options: SeedWorkflowOptions,
): WorkflowRecord {
  const at = options.created_at ?? nowIso();
  return recordWorkflow(
    repoOf(state, repo),
    {
      name: options.name ?? options.path.split("/").pop() ?? options.path,
      path: options.path,
      dispatchable: options.dispatchable,
      inputs: options.inputs,
      environments: options.environments,
    },
    { nextId: () => state.nextId++, now: () => at },
  );
}

export interface SeedRunOptions {
  /** Workflow id, file name or path; a workflow is created from the path when unknown. */
  workflow: number | string;
  head_sha?: string;
  head_branch?: string | null;
  event?: string;
  status?: string;
  conclusion?: string | null;
  actor?: string;
  triggering_actor?: string;
  run_attempt?: number;
  html_url?: string;
  display_title?: string;
  created_at?: string;
  /** Environments the run is waiting on for a review. */
  pending_environments?: string[];
}

export function seedRun(state: SandboxState, repo: RepoRef, options: SeedRunOptions): RunRecord {
  const r = repoOf(state, repo);
  const key = String(options.workflow);
  const w =
    findWorkflow(r, key) ??
    findWorkflow(r, key.split("/").pop() ?? key) ??
    seedWorkflow(state, r, { path: key.includes("/") ? key : `.github/workflows/${key}` });
  const branch = options.head_branch === undefined ? r.defaultBranch : options.head_branch;
  const at = options.created_at ?? nowIso();
  const actor = options.actor ?? "octocat";
  return recordRun(
    r,
    w,
    {
      head_branch: branch,
      head_sha: options.head_sha ?? resolveRef(r, branch ?? r.defaultBranch) ?? "0".repeat(40),
      event: options.event ?? "push",
      status: options.status ?? "completed",
      conclusion:
        options.conclusion === undefined
          ? options.status && options.status !== "completed"
            ? null
            : "success"
          : options.conclusion,
      actor,
      triggering_actor: options.triggering_actor ?? actor,
      run_attempt: options.run_attempt,
      display_title: options.display_title,
      html_url: options.html_url,
      pending: options.pending_environments,
    },
    { nextId: () => state.nextId++, now: () => at },
  );
}

/** Records a review of a run as if a reviewer had approved or rejected it on GitHub. */
export function recordReview(
  state: SandboxState,
  repo: RepoRef,
  runId: number,
  review: { environments: string[]; state: ReviewRecord["state"]; user: string; comment?: string },
): ReviewRecord {
  const r = repoOf(state, repo);
  const slice = actionsOf(r);
  const run = slice.runs[runId];
  if (!run) throw new Error(`seed: unknown run ${runId}`);
  for (const name of review.environments) ensureEnvironment(r, name, allocId(state), nowIso());
  const record: ReviewRecord = {
    ...review,
    comment: review.comment ?? "",
    run_attempt: run.run_attempt,
  };
  slice.reviews[runId] = [...(slice.reviews[runId] ?? []), record];
  const reviewed = new Set(review.environments.map((n) => n.toLowerCase()));
  run.pending = run.pending.filter((n) => !reviewed.has(n.toLowerCase()));
  return record;
}

export function seedCheckRun(
  state: SandboxState,
  repo: RepoRef,
  options: {
    head_sha: string;
    name: string;
    status?: CheckRunRecord["status"];
    conclusion?: string | null;
    created_at?: string;
  },
): CheckRunRecord {
  const r = repoOf(state, repo);
  const at = options.created_at ?? nowIso();
  const status = options.status ?? (options.conclusion === null ? "in_progress" : "completed");
  const run: CheckRunRecord = {
    id: state.nextId++,
    head_sha: options.head_sha,
    name: options.name,
    status,
    conclusion: status === "completed" ? (options.conclusion ?? "success") : null,
    started_at: at,
    completed_at: status === "completed" ? at : null,
    external_id: "",
    details_url: null,
    output: { title: null, summary: null, text: null },
    created_at: at,
  };
  const runs = checksOf(r).runs;
  runs[run.head_sha] = [...(runs[run.head_sha] ?? []), run];
  return run;
}

export function seedCommitStatus(
  state: SandboxState,
  repo: RepoRef,
  options: {
    sha: string;
    state: CommitStatusRecord["state"];
    context?: string;
    creator?: string;
    created_at?: string;
  },
): CommitStatusRecord {
  const at = options.created_at ?? nowIso();
  const status: CommitStatusRecord = {
    id: state.nextId++,
    state: options.state,
    context: options.context ?? "default",
    description: null,
    target_url: null,
    creator: options.creator ?? "octocat",
    created_at: at,
    updated_at: at,
  };
  const statuses = checksOf(repoOf(state, repo)).statuses;
  statuses[options.sha] = [...(statuses[options.sha] ?? []), status];
  return status;
}

export interface SeedDeploymentInput {
  ref: string;
  environment?: string;
  sha?: string;
  task?: string;
  payload?: Record<string, unknown>;
  description?: string;
  creator?: string;
  transient_environment?: boolean;
  production_environment?: boolean;
  /** Statuses to walk, oldest first (auto_inactive applies on success); default ["success"]. */
  statuses?: DeploymentState[];
  log_url?: string;
  environment_url?: string;
  created_at?: string;
}

/**
 * Creates `count` deployments (input may be a function of the index) with their statuses,
 * straight in state. Without `created_at`, times start `count` minutes ago, one a minute,
 * so newest-first order and time windows behave like a real history.
 */
export function seedDeployment(
  state: SandboxState,
  repo: RepoRef,
  input: SeedDeploymentInput | ((index: number) => SeedDeploymentInput),
  count = 1,
): DeploymentRecord[] {
  const r = repoOf(state, repo);
  const slice = deploymentsOf(r);
  const nextId = allocId(state);
  const start = Date.now() - count * 60_000;
  const created: DeploymentRecord[] = [];
  for (let i = 0; i < count; i++) {
    const d = typeof input === "function" ? input(i) : input;
    const environment = d.environment ?? "production";
    const at = d.created_at ?? new Date(start + i * 60_000).toISOString();
    ensureEnvironment(r, environment, nextId, at);
    const record: DeploymentRecord = {
      id: nextId(),
      sha: d.sha ?? resolveRef(r, d.ref) ?? "0".repeat(40),
      ref: d.ref,
      task: d.task ?? "deploy",
      payload: d.payload ?? {},
      original_environment: environment,
      environment,
      description: d.description ?? "",
      creator: d.creator ?? "github-actions[bot]",
      created_at: at,
      updated_at: at,
      transient_environment: d.transient_environment ?? false,
      production_environment: d.production_environment ?? environment === "production",
      latest_state: "pending",
    };
    slice.byId[record.id] = record;
    for (const walked of d.statuses ?? ["success"]) {
      addStatus(slice, record, {
        id: nextId(),
        state: walked,
        creator: record.creator,
        created_at: at,
        log_url: d.log_url,
        environment_url: walked === "success" ? d.environment_url : undefined,
        nextId,
      });
    }
    created.push(record);
  }
  return created;
}

/** Sets the repository's default GITHUB_TOKEN permissions (what `doctor` checks). */
export function seedWorkflowPermissions(
  state: SandboxState,
  repo: RepoRef,
  permissions: {
    default_workflow_permissions?: "read" | "write";
    can_approve_pull_request_reviews?: boolean;
  },
): void {
  const slice = actionsOf(repoOf(state, repo));
  slice.permissions = { ...slice.permissions, ...permissions };
}
