import { paginate } from "../paginate.js";
import { HttpError, type Route, type RouteContext } from "../types.js";
import {
  addStatus,
  type DeploymentState,
  deploymentsOf,
  findDeployment,
  statusObject,
} from "./deployments-state.js";
import { ensureEnvironment } from "./environments-state.js";

interface CreateStatusBody {
  state: DeploymentState;
  target_url?: string;
  log_url?: string;
  description?: string;
  environment?: string;
  environment_url?: string;
  auto_inactive?: boolean;
}

function create(ctx: RouteContext) {
  const d = findDeployment(ctx);
  const body = ctx.body as CreateStatusBody;
  if (body.description && body.description.length > 140) {
    throw new HttpError(422, "Validation Failed", [
      {
        resource: "DeploymentStatus",
        code: "custom",
        field: "description",
        message: "description is too long (maximum is 140 characters)",
      },
    ]);
  }
  const now = ctx.now();
  if (body.environment) ensureEnvironment(ctx.repo, body.environment, () => ctx.nextId(), now);
  const record = addStatus(deploymentsOf(ctx.repo), d, {
    id: ctx.nextId(),
    state: body.state,
    creator: ctx.actor,
    created_at: now,
    description: body.description,
    environment: body.environment,
    // log_url replaces the deprecated target_url; either sets both.
    log_url: body.log_url ?? body.target_url,
    environment_url: body.environment_url,
    auto_inactive: body.auto_inactive,
    nextId: () => ctx.nextId(),
  });
  return { status: 201, body: statusObject(ctx, ctx.repo, d, record) };
}

/** Newest first, like the deployments list. */
function list(ctx: RouteContext) {
  const d = findDeployment(ctx);
  const all = [...(deploymentsOf(ctx.repo).statuses[d.id] ?? [])].reverse();
  const self = `${ctx.apiUrl}/repos/${ctx.repo.owner}/${ctx.repo.name}/deployments/${d.id}/statuses?${ctx.query}`;
  const page = paginate(all, ctx.query, self);
  return {
    status: 200,
    headers: page.headers,
    body: page.items.map((s) => statusObject(ctx, ctx.repo, d, s)),
  };
}

function get(ctx: RouteContext) {
  const d = findDeployment(ctx);
  const s = (deploymentsOf(ctx.repo).statuses[d.id] ?? []).find(
    (x) => String(x.id) === ctx.params.status_id,
  );
  if (!s) throw new HttpError(404, "Not Found");
  return { status: 200, body: statusObject(ctx, ctx.repo, d, s) };
}

const base = "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses";

export const routes: Route[] = [
  { method: "POST", path: base, handler: create },
  { method: "GET", path: base, handler: list },
  { method: "GET", path: `${base}/{status_id}`, handler: get },
];
