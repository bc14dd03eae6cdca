import type { RepoState } from "../types.js";
import {
  actionsOf,
  type ReviewRecord,
  type RunRecord,
  recordRun,
  recordWorkflow,
  runUrls,
} from "./actions-state.js";
import { ensureEnvironment } from "./environments-state.js";
import type { Web } from "./users-objects.js";

/**
 * Workflow runs as a local workflow engine drives them: created when an event triggers a
 * workflow, moved through GitHub's statuses, re-run as a new attempt, and parked at
 * environments that wait for a review. The REST routes (actions.ts, actions-approvals.ts)
 * read the same records.
 */

export interface NewWorkflowRun {
  /** `.github/workflows/deploy.yml`; the workflow is registered on first use. */
  workflowPath: string;
  /** The workflow's `name:` (or its path when it has none). */
  name: string;
  event: string;
  headSha: string;
  /** Branch or tag name (`main`, `v1.2.3`), as GitHub reports `head_branch`. */
  headBranch: string | null;
  actor: string;
  triggeringActor: string;
  /** Default 1. */
  runAttempt?: number;
}

export interface RunHandle {
  id: number;
  run_number: number;
  run_attempt: number;
  html_url: string;
}

/**
 * A run's status and conclusion, from "Workflow run statuses"
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-run-statuses).
 */
export const RUN_STATUSES = [
  "requested",
  "queued",
  "in_progress",
  "waiting",
  "pending",
  "completed",
] as const;
export const RUN_CONCLUSIONS = [
  "success",
  "failure",
  "neutral",
  "cancelled",
  "skipped",
  "timed_out",
  "action_required",
  "stale",
  "startup_failure",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type RunConclusion = (typeof RUN_CONCLUSIONS)[number];

export interface Clock {
  nextId(): number;
  now(): string;
}

function ensureWorkflow(repo: RepoState, path: string, name: string, clock: Clock) {
  // By path: two workflows may share a file name in different directories (a called one).
  const known = Object.values(actionsOf(repo).workflows).find((w) => w.path === path);
  return known ?? recordWorkflow(repo, { name, path }, clock);
}

function handle(web: Web, repo: RepoState, run: RunRecord): RunHandle {
  return {
    id: run.id,
    run_number: run.run_number,
    run_attempt: run.run_attempt,
    html_url: runUrls(web, repo, run).html_url,
  };
}

export function createWorkflowRun(
  web: Web,
  repo: RepoState,
  input: NewWorkflowRun,
  clock: Clock,
): RunHandle {
  if (!/^[0-9a-f]{40}$/.test(input.headSha)) {
    throw new Error(`createWorkflowRun: headSha must be a full commit sha, got "${input.headSha}"`);
  }
  const w = ensureWorkflow(repo, input.workflowPath, input.name, clock);
  const now = clock.now();
  const run = recordRun(
    repo,
    w,
    {
      name: input.name,
      head_branch: input.headBranch,
      head_sha: input.headSha,
      event: input.event,
      status: "queued",
      actor: input.actor,
      triggering_actor: input.triggeringActor,
      run_attempt: input.runAttempt,
      run_started_at: now,
    },
    clock,
  );
  return handle(web, repo, run);
}

export function requireRunRecord(repo: RepoState, id: number): RunRecord {
  const run = actionsOf(repo).runs[id];
  if (!run) throw new Error(`no workflow run ${id} in ${repo.owner}/${repo.name}`);
  return run;
}

export function updateWorkflowRun(
  repo: RepoState,
  id: number,
  update: { status: RunStatus; conclusion?: RunConclusion | null },
  clock: Pick<Clock, "now">,
): void {
  const run = requireRunRecord(repo, id);
  if (!RUN_STATUSES.includes(update.status)) {
    throw new Error(`updateWorkflowRun: unknown status "${update.status}"`);
  }
  const conclusion = update.conclusion ?? null;
  if (conclusion !== null && !RUN_CONCLUSIONS.includes(conclusion)) {
    throw new Error(`updateWorkflowRun: unknown conclusion "${conclusion}"`);
  }
  if ((update.status === "completed") !== (conclusion !== null)) {
    throw new Error("updateWorkflowRun: a conclusion comes with status completed, and only then");
  }
  run.status = update.status;
  run.conclusion = conclusion;
  run.updated_at = clock.now();
  if (update.status !== "waiting") {
    run.pending = [];
    run.waiting_since = {};
  }
}

/**
 * A new attempt of the same run: same id, number, sha and ref, as "Re-running workflows and
 * jobs" says (https://docs.github.com/en/actions/managing-workflow-runs/re-running-workflows-and-jobs).
 * Nothing is pending until the engine parks the new attempt at an environment again; earlier
 * attempts' reviews stay in the run's review history but do not approve this attempt.
 */
export function rerunWorkflowRun(
  web: Web,
  repo: RepoState,
  id: number,
  clock: Pick<Clock, "now">,
  triggeringActor?: string,
): RunHandle {
  const run = requireRunRecord(repo, id);
  const now = clock.now();
  run.attempts = [
    ...(run.attempts ?? []),
    {
      run_attempt: run.run_attempt,
      status: run.status,
      conclusion: run.conclusion,
      run_started_at: run.run_started_at ?? run.created_at,
      updated_at: run.updated_at,
    },
  ];
  run.run_attempt += 1;
  run.status = "queued";
  run.conclusion = null;
  run.pending = [];
  run.waiting_since = {};
  run.run_started_at = now;
  run.updated_at = now;
  if (triggeringActor) run.triggering_actor = triggeringActor;
  return handle(web, repo, run);
}

/**
 * Parks the run at an environment: GitHub shows the job as "Waiting" and lists the environment
 * in the run's pending deployments until a reviewer answers ("Reviewing deployments",
 * https://docs.github.com/en/actions/managing-workflow-runs/reviewing-deployments). The wait
 * timer starts now.
 */
export function requestReview(repo: RepoState, id: number, environment: string, clock: Clock) {
  const run = requireRunRecord(repo, id);
  const env = ensureEnvironment(repo, environment, () => clock.nextId(), clock.now());
  const key = env.name.toLowerCase();
  if (!run.pending.some((n) => n.toLowerCase() === key)) run.pending.push(env.name);
  run.waiting_since = { ...run.waiting_since, [key]: run.waiting_since?.[key] ?? clock.now() };
  run.status = "waiting";
  run.conclusion = null;
  run.updated_at = clock.now();
}

export type ReviewState =
  | "pending"
  | { state: "approved" | "rejected"; user: string; comment: string };

/** The latest answer for the environment in the run's current attempt. */
export function reviewState(repo: RepoState, id: number, environment: string): ReviewState {
  const run = requireRunRecord(repo, id);
  const key = environment.toLowerCase();
  const answers = (actionsOf(repo).reviews[id] ?? []).filter(
    (r: ReviewRecord) =>
      (r.run_attempt ?? 1) === run.run_attempt &&
      r.state !== "pending" &&
      r.environments.some((n) => n.toLowerCase() === key),
  );
  const last = answers.at(-1);
  // (The filter above keeps no pending review; the test narrows the type for the compiler.)
  if (!last || last.state === "pending") return "pending";
  return { state: last.state, user: last.user, comment: last.comment };
}
