import { checkDispatchInputs } from "../../dispatch-inputs.js";
import { refParts } from "../../runner/environment.js";
import { paginate } from "../paginate.js";
import { HttpError, type Route, type RouteContext } from "../types.js";
import { routes as approvalRoutes } from "./actions-approvals.js";
import {
  actionsOf,
  findWorkflow,
  type RunRecord,
  recordRun,
  requireRun,
  runObject,
  runUrls,
  type WorkflowRecord,
  workflowObject,
} from "./actions-state.js";
import { resolveRef } from "./deployments-refs.js";
import { findEnvironment } from "./environments-state.js";
import { repoApi } from "./users-objects.js";

/** Workflows, runs, dispatch and the repository's default workflow permissions. */

function requireWorkflow(ctx: RouteContext): WorkflowRecord {
  const w = findWorkflow(ctx.repo, ctx.params.workflow_id ?? "");
  if (!w) throw new HttpError(404, "Not Found");
  return w;
}

/** `status` accepts a run status or a conclusion, as on GitHub. */
function listRuns(ctx: RouteContext, workflowId?: number) {
  const q = ctx.query;
  const actor = q.get("actor");
  const branch = q.get("branch");
  const event = q.get("event");
  const status = q.get("status");
  const headSha = q.get("head_sha");
  const all = Object.values(actionsOf(ctx.repo).runs);
  const matching: RunRecord[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const r = all[i]!;
    if (workflowId !== undefined && r.workflow_id !== workflowId) continue;
    if (actor && r.actor !== actor) continue;
    if (branch && r.head_branch !== branch) continue;
    if (event && r.event !== event) continue;
    if (status && r.status !== status && r.conclusion !== status) continue;
    if (headSha && r.head_sha !== headSha) continue;
    matching.push(r);
  }
  const path =
    workflowId === undefined ? "actions/runs" : `actions/workflows/${ctx.params.workflow_id}/runs`;
  const page = paginate(matching, q, `${repoApi(ctx, ctx.repo)}/${path}?${q}`);
  return {
    status: 200,
    headers: page.headers,
    body: {
      total_count: matching.length,
      workflow_runs: page.items.map((r) => runObject(ctx, ctx.repo, r)),
    },
  };
}

const invalid = (message: string) => new HttpError(422, message);

/**
 * Checks inputs against the declared ones and fills in defaults, as GitHub does on dispatch
 * (checkDispatchInputs); a workflow whose inputs were never declared to the sandbox takes
 * what it is given.
 */
export function dispatchInputs(
  w: WorkflowRecord,
  given: Record<string, unknown>,
): Record<string, unknown> {
  if (!w.inputs) return { ...given };
  return checkDispatchInputs(w.inputs, given, invalid).eventInputs;
}

/**
 * Records a queued workflow_dispatch run. Jobs of the workflow that name an environment with
 * required reviewers make the run wait for a review there, like a real deploy job.
 */
function dispatch(ctx: RouteContext) {
  const w = requireWorkflow(ctx);
  const body = ctx.body as {
    ref: string;
    inputs?: Record<string, unknown>;
    return_run_details?: boolean;
  };
  if (!w.dispatchable) throw invalid("Workflow does not have 'workflow_dispatch' trigger");
  const sha = resolveRef(ctx.repo, body.ref);
  if (!sha) throw invalid(`No ref found for: ${body.ref}`);
  const inputs = dispatchInputs(w, body.inputs ?? {});
  const pending = w.environments.filter(
    (name) => (findEnvironment(ctx.repo, name)?.reviewers.length ?? 0) > 0,
  );
  const run = recordRun(
    ctx.repo,
    w,
    {
      head_branch: refParts(body.ref).name,
      head_sha: sha,
      event: "workflow_dispatch",
      status: pending.length ? "waiting" : "queued",
      actor: ctx.actor,
      triggering_actor: ctx.actor,
      inputs,
      pending,
    },
    ctx,
  );
  if (!body.return_run_details) return { status: 204 };
  const urls = runUrls(ctx, ctx.repo, run);
  return {
    status: 200,
    body: { workflow_run_id: run.id, run_url: urls.url, html_url: urls.html_url },
  };
}

/**
 * The current attempt, or an earlier one as it ended ("Get a workflow run attempt",
 * https://docs.github.com/en/rest/actions/workflow-runs#get-a-workflow-run-attempt); the docs
 * are silent on an attempt that does not exist yet, answered here as 404 like any unknown id.
 */
function attempt(ctx: RouteContext) {
  const run = requireRun(ctx);
  const n = Number(ctx.params.attempt_number);
  if (n === run.run_attempt) return { status: 200, body: runObject(ctx, ctx.repo, run) };
  const earlier = run.attempts?.find((a) => a.run_attempt === n);
  if (!earlier) throw new HttpError(404, "Not Found");
  const as: RunRecord = { ...run, ...earlier };
  return { status: 200, body: runObject(ctx, ctx.repo, as) };
}

function listWorkflows(ctx: RouteContext) {
  const all = Object.values(actionsOf(ctx.repo).workflows);
  const page = paginate(all, ctx.query, `${repoApi(ctx, ctx.repo)}/actions/workflows?${ctx.query}`);
  return {
    status: 200,
    headers: page.headers,
    body: {
      total_count: all.length,
      workflows: page.items.map((w) => workflowObject(ctx, ctx.repo, w)),
    },
  };
}

const base = "/repos/{owner}/{repo}/actions";

export const routes: Route[] = [
  { method: "GET", path: `${base}/workflows`, handler: listWorkflows },
  {
    method: "GET",
    path: `${base}/workflows/{workflow_id}/runs`,
    handler: (ctx) => listRuns(ctx, requireWorkflow(ctx).id),
  },
  { method: "POST", path: `${base}/workflows/{workflow_id}/dispatches`, handler: dispatch },
  { method: "GET", path: `${base}/runs`, handler: (ctx) => listRuns(ctx) },
  {
    method: "GET",
    path: `${base}/runs/{run_id}`,
    handler: (ctx) => ({ status: 200, body: runObject(ctx, ctx.repo, requireRun(ctx)) }),
  },
  { method: "GET", path: `${base}/runs/{run_id}/attempts/{attempt_number}`, handler: attempt },
  {
    method: "GET",
    path: `${base}/permissions/workflow`,
    handler: (ctx) => ({ status: 200, body: { ...actionsOf(ctx.repo).permissions } }),
  },
  ...approvalRoutes,
];
