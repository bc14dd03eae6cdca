import { paginate } from "../paginate.js";
import { HttpError, type Route, type RouteContext } from "../types.js";
import { commitContexts } from "./checks-state.js";
import { resolveRef } from "./deployments-refs.js";
import {
  type DeploymentRecord,
  deploymentObject,
  deploymentsOf,
  findDeployment,
} from "./deployments-state.js";
import { routes as statusRoutes } from "./deployments-statuses.js";
import { ensureEnvironment } from "./environments-state.js";

interface CreateDeploymentBody {
  ref: string;
  task?: string;
  auto_merge?: boolean;
  required_contexts?: string[];
  payload?: Record<string, unknown> | string;
  environment?: string;
  description?: string | null;
  transient_environment?: boolean;
  production_environment?: boolean;
}

/** A JSON-string payload is stored (and returned) as the object it encodes. */
function parsePayload(payload: CreateDeploymentBody["payload"]): Record<string, unknown> {
  if (payload === undefined || payload === "") return {};
  if (typeof payload !== "string") return payload;
  try {
    const parsed: unknown = JSON.parse(payload);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // fall through to the validation error
  }
  throw new HttpError(422, "Invalid request.\n\nFor 'payload', must be a JSON object.", [
    { resource: "Deployment", code: "invalid", field: "payload" },
  ]);
}

/**
 * GitHub refuses a deployment whose commit's contexts did not all pass: with
 * `required_contexts` omitted every context counts, with a list only those (a missing one
 * fails), and `[]` skips the check. auto_merge is accepted but never merges: the sandbox does
 * not model branches falling behind the default branch, so 202 is never answered.
 */
function checkContexts(ctx: RouteContext, sha: string, ref: string, required?: string[]): void {
  if (required && required.length === 0) return;
  const contexts = commitContexts(ctx.repo, sha);
  const names = required ?? [...contexts.keys()];
  if (names.every((name) => contexts.get(name) === true)) return;
  throw new HttpError(409, `Conflict: Commit status checks failed for ${ref}.`, [
    { resource: "Deployment", code: "invalid", field: "required_contexts" },
  ]);
}

function create(ctx: RouteContext) {
  const body = ctx.body as CreateDeploymentBody;
  const sha = resolveRef(ctx.repo, body.ref);
  if (!sha) throw new HttpError(422, `No ref found for: ${body.ref}`);
  checkContexts(ctx, sha, body.ref, body.required_contexts);
  const environment = body.environment ?? "production";
  const now = ctx.now();
  ensureEnvironment(ctx.repo, environment, () => ctx.nextId(), now);
  const d: DeploymentRecord = {
    id: ctx.nextId(),
    sha,
    ref: body.ref,
    task: body.task ?? "deploy",
    payload: parsePayload(body.payload),
    original_environment: environment,
    environment,
    description: body.description ?? "",
    creator: ctx.actor,
    created_at: now,
    updated_at: now,
    transient_environment: body.transient_environment ?? false,
    production_environment: body.production_environment ?? environment === "production",
    latest_state: "pending",
  };
  deploymentsOf(ctx.repo).byId[d.id] = d;
  return { status: 201, body: deploymentObject(ctx, ctx.repo, d) };
}

/** Newest first: GitHub returns deployments in reverse creation order (observed, no sort param). */
function list(ctx: RouteContext) {
  const q = ctx.query;
  const filters: Array<[keyof DeploymentRecord, string | null]> = [
    ["sha", q.get("sha")],
    ["ref", q.get("ref")],
    ["task", q.get("task")],
    ["environment", q.get("environment")],
  ];
  const active = filters.filter(([, v]) => v !== null && v !== "");
  const all = Object.values(deploymentsOf(ctx.repo).byId);
  const matching: DeploymentRecord[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const d = all[i]!;
    if (active.every(([k, v]) => d[k] === v)) matching.push(d);
  }
  const page = paginate(
    matching,
    q,
    `${ctx.apiUrl}/repos/${ctx.repo.owner}/${ctx.repo.name}/deployments?${q}`,
  );
  return {
    status: 200,
    headers: page.headers,
    body: page.items.map((d) => deploymentObject(ctx, ctx.repo, d)),
  };
}

/** Only inactive deployments may go, unless it is the repository's only one. */
function remove(ctx: RouteContext) {
  const d = findDeployment(ctx);
  const slice = deploymentsOf(ctx.repo);
  const count = Object.keys(slice.byId).length;
  if (count > 1 && d.latest_state !== "inactive") {
    throw new HttpError(
      422,
      "We cannot delete an active deployment unless it is the only deployment in a given environment.",
    );
  }
  delete slice.byId[d.id];
  delete slice.statuses[d.id];
  for (const ids of Object.values(slice.active)) {
    const i = ids.indexOf(d.id);
    if (i >= 0) ids.splice(i, 1);
  }
  return { status: 204 };
}

const base = "/repos/{owner}/{repo}/deployments";

export const routes: Route[] = [
  { method: "POST", path: base, handler: create },
  { method: "GET", path: base, handler: list },
  {
    method: "GET",
    path: `${base}/{deployment_id}`,
    handler: (ctx) => ({ status: 200, body: deploymentObject(ctx, ctx.repo, findDeployment(ctx)) }),
  },
  { method: "DELETE", path: `${base}/{deployment_id}`, handler: remove },
  ...statusRoutes,
];
