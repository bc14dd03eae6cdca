import {
  HttpError,
  type RepoState,
  type Route,
  type RouteContext,
  type SandboxState,
} from "../types.js";
import { actionsOf, type ReviewRecord, type RunRecord, requireRun } from "./actions-state.js";
import { deploymentObject, deploymentsOf } from "./deployments-state.js";
import {
  type EnvironmentRecord,
  environmentUrls,
  findEnvironment,
  findEnvironmentById,
  reviewerObjects,
} from "./environments-state.js";
import {
  nodeId,
  simpleUser,
  teamById,
  teamMembersOf,
  userRecord,
  type Web,
} from "./users-objects.js";

/** Run reviews (approvals) and the pending deployments of runs waiting on environments. */

/** A reviewer named directly or through a team; no reviewers means admins may approve. */
function isReviewer(state: SandboxState, env: EnvironmentRecord, login: string): boolean {
  if (env.reviewers.length === 0) return true;
  const id = userRecord(state, login).id;
  return env.reviewers.some((r) => {
    if (r.type === "User") return r.id === id;
    const team = teamById(state, r.id);
    return team ? (teamMembersOf(state)[team.slug] ?? []).includes(login) : false;
  });
}

function canApprove(
  state: SandboxState,
  env: EnvironmentRecord,
  run: RunRecord,
  login: string,
): boolean {
  if (env.prevent_self_review && login === run.triggering_actor) return false;
  return isReviewer(state, env, login);
}

function envSummary(web: Web, repo: RepoState, env: EnvironmentRecord) {
  return {
    id: env.id,
    node_id: nodeId("Environment", env.id),
    name: env.name,
    ...environmentUrls(web, repo, env),
  };
}

function approvals(ctx: RouteContext) {
  const run = requireRun(ctx);
  const body = (actionsOf(ctx.repo).reviews[run.id] ?? []).map((r) => ({
    environments: r.environments.flatMap((name) => {
      const env = findEnvironment(ctx.repo, name);
      return env
        ? [
            {
              ...envSummary(ctx, ctx.repo, env),
              created_at: env.created_at,
              updated_at: env.updated_at,
            },
          ]
        : [];
    }),
    state: r.state,
    user: simpleUser(ctx, r.user),
    comment: r.comment,
  }));
  return { status: 200, body };
}

function pending(ctx: RouteContext) {
  const run = requireRun(ctx);
  const body = run.pending.flatMap((name) => {
    const env = findEnvironment(ctx.repo, name);
    if (!env) return [];
    return [
      {
        environment: envSummary(ctx, ctx.repo, env),
        wait_timer: env.wait_timer,
        // The timer runs from when the job reached the environment (requestReview): "a wait
        // timer to delay a job for a specific amount of time after the job is initially
        // triggered" (https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments#wait-timer).
        wait_timer_started_at:
          env.wait_timer > 0
            ? (run.waiting_since?.[env.name.toLowerCase()] ?? run.run_started_at ?? run.created_at)
            : null,
        current_user_can_approve: canApprove(ctx.state, env, run, ctx.actor),
        reviewers: reviewerObjects(ctx, ctx.repo, env),
      },
    ];
  });
  return { status: 200, body };
}

/** Reviews as the token's user; prevent_self_review stops the run's triggering actor (422). */
function review(ctx: RouteContext) {
  const run = requireRun(ctx);
  const body = ctx.body as {
    environment_ids: number[];
    state: "approved" | "rejected";
    comment: string;
  };
  const envs = body.environment_ids.map((id) => {
    const env = findEnvironmentById(ctx.repo, id);
    if (!env || !run.pending.some((n) => n.toLowerCase() === env.name.toLowerCase())) {
      throw new HttpError(422, `Environment ${id} is not waiting for a review in run ${run.id}.`);
    }
    if (env.prevent_self_review && ctx.actor === run.triggering_actor) {
      throw new HttpError(
        422,
        `${ctx.actor} cannot review their own run: ${env.name} prevents self-review.`,
      );
    }
    if (!isReviewer(ctx.state, env, ctx.actor)) {
      throw new HttpError(422, `${ctx.actor} is not a required reviewer for ${env.name}.`);
    }
    return env;
  });
  const record: ReviewRecord = {
    environments: envs.map((e) => e.name),
    state: body.state,
    user: ctx.actor,
    comment: body.comment,
    run_attempt: run.run_attempt,
  };
  const reviews = actionsOf(ctx.repo).reviews;
  reviews[run.id] = [...(reviews[run.id] ?? []), record];
  const reviewed = new Set(envs.map((e) => e.name.toLowerCase()));
  run.pending = run.pending.filter((n) => !reviewed.has(n.toLowerCase()));
  run.updated_at = ctx.now();
  // "If a job is rejected, the workflow will fail" ("Reviewing deployments",
  // https://docs.github.com/en/actions/managing-workflow-runs/reviewing-deployments); an engine
  // running the run's other jobs records its own end with updateWorkflowRun.
  if (body.state === "rejected") {
    run.status = "completed";
    run.conclusion = "failure";
  } else if (run.pending.length === 0 && run.status === "waiting") {
    run.status = "queued";
  }
  // GitHub answers with the deployments of the reviewed jobs ("Review pending deployments for
  // a workflow run", https://docs.github.com/en/rest/actions/workflow-runs#review-pending-deployments-for-a-workflow-run,
  // response: an array of deployments); the engine records them when
  // the job reaches its environment (createJobDeployment), so they may not exist yet.
  const byId = deploymentsOf(ctx.repo).byId;
  const deployments = (run.job_deployments ?? [])
    .filter((j) => j.run_attempt === run.run_attempt && reviewed.has(j.environment.toLowerCase()))
    .flatMap((j) => {
      const d = byId[j.id];
      return d ? [deploymentObject(ctx, ctx.repo, d)] : [];
    });
  return { status: 200, body: deployments };
}

const base = "/repos/{owner}/{repo}/actions/runs/{run_id}";

export const routes: Route[] = [
  { method: "GET", path: `${base}/approvals`, handler: approvals },
  { method: "GET", path: `${base}/pending_deployments`, handler: pending },
  { method: "POST", path: `${base}/pending_deployments`, handler: review },
];
