import { paginate } from "../paginate.js";
import { HttpError, type Route, type RouteContext } from "../types.js";
import { type EnvironmentRecord, findEnvironment } from "./environments-state.js";
import { nodeId, repoApi } from "./users-objects.js";

/** Deployment branch/tag policies and (custom app) deployment protection rules of an environment. */

function environment(ctx: RouteContext): EnvironmentRecord {
  const env = findEnvironment(ctx.repo, ctx.params.environment_name ?? "");
  if (!env) throw new HttpError(404, "Not Found");
  return env;
}

function policyObject(p: EnvironmentRecord["policies"][number]) {
  return { id: p.id, node_id: nodeId("GateBranchPolicy", p.id), name: p.name, type: p.type };
}

function findPolicy(ctx: RouteContext, env: EnvironmentRecord) {
  const p = env.policies.find((x) => String(x.id) === ctx.params.branch_policy_id);
  if (!p) throw new HttpError(404, "Not Found");
  return p;
}

function policiesUrl(ctx: RouteContext, env: EnvironmentRecord): string {
  return `${repoApi(ctx, ctx.repo)}/environments/${encodeURIComponent(env.name)}/deployment-branch-policies`;
}

function list(ctx: RouteContext) {
  const env = environment(ctx);
  const page = paginate(env.policies, ctx.query, `${policiesUrl(ctx, env)}?${ctx.query}`);
  return {
    status: 200,
    headers: page.headers,
    body: { total_count: env.policies.length, branch_policies: page.items.map(policyObject) },
  };
}

/**
 * Needs `custom_branch_policies: true` (else 404, as documented). An existing pattern of the
 * same type answers 303 See Other pointing at it; fetch follows it, so a client simply gets
 * the existing policy back.
 */
function create(ctx: RouteContext) {
  const env = environment(ctx);
  if (!env.branch_policy?.custom_branch_policies) throw new HttpError(404, "Not Found");
  const body = ctx.body as { name: string; type?: "branch" | "tag" };
  const type = body.type ?? "branch";
  const existing = env.policies.find((p) => p.name === body.name && p.type === type);
  if (existing) {
    return { status: 303, headers: { location: `${policiesUrl(ctx, env)}/${existing.id}` } };
  }
  const policy = { id: ctx.nextId(), name: body.name, type };
  env.policies.push(policy);
  env.updated_at = ctx.now();
  return { status: 200, body: policyObject(policy) };
}

function update(ctx: RouteContext) {
  const env = environment(ctx);
  const policy = findPolicy(ctx, env);
  policy.name = (ctx.body as { name: string }).name;
  return { status: 200, body: policyObject(policy) };
}

function remove(ctx: RouteContext) {
  const env = environment(ctx);
  const policy = findPolicy(ctx, env);
  env.policies = env.policies.filter((p) => p !== policy);
  return { status: 204 };
}

const base = "/repos/{owner}/{repo}/environments/{environment_name}";

export const routes: Route[] = [
  { method: "GET", path: `${base}/deployment-branch-policies`, handler: list },
  { method: "POST", path: `${base}/deployment-branch-policies`, handler: create },
  {
    method: "GET",
    path: `${base}/deployment-branch-policies/{branch_policy_id}`,
    handler: (ctx) => ({ status: 200, body: policyObject(findPolicy(ctx, environment(ctx))) }),
  },
  { method: "PUT", path: `${base}/deployment-branch-policies/{branch_policy_id}`, handler: update },
  {
    method: "DELETE",
    path: `${base}/deployment-branch-policies/{branch_policy_id}`,
    handler: remove,
  },
  {
    method: "GET",
    path: `${base}/deployment_protection_rules`,
    // Custom protection rules are GitHub Apps; the sandbox has none, so the list is empty.
    handler: (ctx) => {
      environment(ctx);
      return { status: 200, body: { total_count: 0, custom_deployment_protection_rules: [] } };
    },
  },
];
