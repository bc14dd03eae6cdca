import { paginate } from "../paginate.js";
import { HttpError, type Route, type RouteContext } from "../types.js";
import { forgetEnvironmentSecrets } from "./actions-secrets.js";
import { forgetEnvironmentVariables } from "./actions-variables.js";
import { routes as policyRoutes } from "./environments-policies.js";
import {
  type EnvironmentRecord,
  ensureEnvironment,
  environmentObject,
  environmentsOf,
  findEnvironment,
} from "./environments-state.js";
import { teamById, userById } from "./users-objects.js";

interface PutEnvironmentBody {
  wait_timer?: number;
  prevent_self_review?: boolean;
  reviewers?: Array<{ type?: "User" | "Team"; id?: number }> | null;
  deployment_branch_policy?: {
    protected_branches: boolean;
    custom_branch_policies: boolean;
  } | null;
}

export function requireEnvironment(ctx: RouteContext): EnvironmentRecord {
  const env = findEnvironment(ctx.repo, ctx.params.environment_name ?? "");
  if (!env) throw new HttpError(404, "Not Found");
  return env;
}

/** The checks GitHub makes beyond the schema; it answers them with a basic-error 422. */
function validate(ctx: RouteContext, body: PutEnvironmentBody): void {
  const timer = body.wait_timer;
  if (timer !== undefined && (!Number.isInteger(timer) || timer < 0 || timer > 43_200)) {
    throw new HttpError(422, "Wait timer must be an integer between 0 and 43200 (30 days).");
  }
  const reviewers = body.reviewers ?? [];
  if (reviewers.length > 6) {
    throw new HttpError(
      422,
      "Too many reviewers: an environment accepts at most 6 users or teams.",
    );
  }
  for (const r of reviewers) {
    const found =
      r.type === "Team"
        ? teamById(ctx.state, r.id ?? -1)
        : r.type === "User"
          ? userById(ctx.state, r.id ?? -1)
          : undefined;
    if (!found) throw new HttpError(422, `Reviewer not found: ${r.type ?? "?"} ${r.id ?? "?"}.`);
  }
  const policy = body.deployment_branch_policy;
  if (policy && policy.protected_branches === policy.custom_branch_policies) {
    throw new HttpError(
      422,
      "Exactly one of deployment_branch_policy.protected_branches and custom_branch_policies must be true.",
    );
  }
}

/**
 * Create or update. Fields the body leaves out keep their current values; `reviewers: null`
 * and `deployment_branch_policy: null` clear them (null policy = every branch may deploy).
 */
function put(ctx: RouteContext) {
  const body = (ctx.body ?? {}) as PutEnvironmentBody;
  validate(ctx, body);
  const now = ctx.now();
  const name = ctx.params.environment_name ?? "";
  const env = ensureEnvironment(ctx.repo, name, () => ctx.nextId(), now);
  if (body.wait_timer !== undefined) env.wait_timer = body.wait_timer;
  if (body.prevent_self_review !== undefined) env.prevent_self_review = body.prevent_self_review;
  if (body.reviewers !== undefined) {
    env.reviewers = (body.reviewers ?? []).map((r) => ({ type: r.type ?? "User", id: r.id ?? 0 }));
  }
  if (body.deployment_branch_policy !== undefined) {
    env.branch_policy = body.deployment_branch_policy ? { ...body.deployment_branch_policy } : null;
  }
  env.updated_at = now;
  return { status: 200, body: environmentObject(ctx, ctx.repo, env) };
}

function list(ctx: RouteContext) {
  const all = Object.values(environmentsOf(ctx.repo)).sort((a, b) => a.name.localeCompare(b.name));
  const self = `${ctx.apiUrl}/repos/${ctx.repo.owner}/${ctx.repo.name}/environments?${ctx.query}`;
  const page = paginate(all, ctx.query, self);
  return {
    status: 200,
    headers: page.headers,
    body: {
      total_count: all.length,
      environments: page.items.map((e) => environmentObject(ctx, ctx.repo, e)),
    },
  };
}

function remove(ctx: RouteContext) {
  const env = requireEnvironment(ctx);
  delete environmentsOf(ctx.repo)[env.name.toLowerCase()];
  forgetEnvironmentSecrets(ctx.repo, env.name);
  forgetEnvironmentVariables(ctx.repo, env.name);
  return { status: 204 };
}

const base = "/repos/{owner}/{repo}/environments";

export const routes: Route[] = [
  { method: "GET", path: base, handler: list },
  {
    method: "GET",
    path: `${base}/{environment_name}`,
    handler: (ctx) => ({
      status: 200,
      body: environmentObject(ctx, ctx.repo, requireEnvironment(ctx)),
    }),
  },
  { method: "PUT", path: `${base}/{environment_name}`, handler: put },
  { method: "DELETE", path: `${base}/{environment_name}`, handler: remove },
  ...policyRoutes,
];
