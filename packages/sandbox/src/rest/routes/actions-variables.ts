import { paginate } from "../paginate.js";
import { HttpError, type RepoState, type Route, type RouteContext } from "../types.js";
import { configName } from "./actions-secrets.js";
import { findEnvironment } from "./environments-state.js";
import { repoApi } from "./users-objects.js";

/**
 * Configuration variables (the `vars` context) of a repository and of its environments,
 * through GitHub's REST API ("REST API endpoints for GitHub Actions variables",
 * https://docs.github.com/en/rest/actions/variables). Lists page by 10, at most 30, as the
 * description says. The description documents only success codes; a duplicate name answers
 * 409 and an invalid one 422 (the docs are silent on both).
 */

interface VariableRecord {
  name: string;
  value: string;
  created_at: string;
  updated_at: string;
}

type Variables = Record<string, VariableRecord>;

interface VariablesSlice {
  repository: Variables;
  /** Lower-cased environment name → its variables. */
  environments: Record<string, Variables>;
}

function variablesOf(repo: RepoState): VariablesSlice {
  repo.variables ??= { repository: {}, environments: {} } satisfies VariablesSlice;
  return repo.variables as VariablesSlice;
}

/** The variables the route addresses: the repository's or its environment's (404 if none). */
function scope(ctx: RouteContext): { vars: Variables; url: string } {
  const slice = variablesOf(ctx.repo);
  const api = repoApi(ctx, ctx.repo);
  const name = ctx.params.environment_name;
  if (name === undefined) return { vars: slice.repository, url: `${api}/actions/variables` };
  const env = findEnvironment(ctx.repo, name);
  if (!env) throw new HttpError(404, "Not Found");
  const key = env.name.toLowerCase();
  slice.environments[key] ??= {};
  return {
    vars: slice.environments[key],
    url: `${api}/environments/${encodeURIComponent(env.name)}/variables`,
  };
}

function validName(name: string): string {
  const stored = configName("variable", name);
  if (typeof stored !== "string") throw new HttpError(422, stored.error);
  return stored;
}

function find(vars: Variables, name: string): VariableRecord {
  const found = vars[name.toUpperCase()];
  if (!found) throw new HttpError(404, "Not Found");
  return found;
}

function list(ctx: RouteContext) {
  const { vars, url } = scope(ctx);
  const all = Object.values(vars).sort((a, b) => a.name.localeCompare(b.name));
  const page = paginate(all, ctx.query, `${url}?${ctx.query}`, { perPage: 10, maxPerPage: 30 });
  return {
    status: 200,
    headers: page.headers,
    body: { total_count: all.length, variables: page.items.map((v) => ({ ...v })) },
  };
}

function create(ctx: RouteContext) {
  const { vars } = scope(ctx);
  const body = ctx.body as { name: string; value: string };
  const name = validName(body.name);
  if (vars[name]) throw new HttpError(409, `Already exists - Variable ${name} already exists.`);
  const now = ctx.now();
  vars[name] = { name, value: body.value, created_at: now, updated_at: now };
  return { status: 201, body: {} };
}

function update(ctx: RouteContext) {
  const { vars } = scope(ctx);
  const current = find(vars, ctx.params.name ?? "");
  const body = ctx.body as { name?: string; value?: string };
  const name = body.name === undefined ? current.name : validName(body.name);
  if (name !== current.name && vars[name]) {
    throw new HttpError(409, `Already exists - Variable ${name} already exists.`);
  }
  delete vars[current.name];
  vars[name] = { ...current, name, value: body.value ?? current.value, updated_at: ctx.now() };
  return { status: 204 };
}

function remove(ctx: RouteContext) {
  const { vars } = scope(ctx);
  delete vars[find(vars, ctx.params.name ?? "").name];
  return { status: 204 };
}

/**
 * What `vars.*` holds in a job: repository variables overlaid by the job's environment's ("If a
 * variable with the same name exists at multiple levels, the variable at the lowest level
 * takes precedence", https://docs.github.com/en/actions/reference/workflows-and-actions/variables).
 */
export function variablesFor(repo: RepoState, environment?: string): Record<string, string> {
  const slice = variablesOf(repo);
  const env = environment === undefined ? {} : slice.environments[environment.toLowerCase()];
  const values = (vars: Variables = {}) =>
    Object.fromEntries(Object.values(vars).map((v) => [v.name, v.value]));
  return { ...values(slice.repository), ...values(env) };
}

/** Creates or updates a variable straight in state (seeders and tests; REST does the same). */
export function setVariable(
  repo: RepoState,
  name: string,
  value: string,
  environment: string | undefined,
  now: string,
): void {
  const stored = configName("variable", name);
  if (typeof stored !== "string") throw new Error(`setVariable: ${stored.error}`);
  const slice = variablesOf(repo);
  let vars = slice.repository;
  if (environment !== undefined) {
    const env = findEnvironment(repo, environment);
    if (!env)
      throw new Error(`setVariable: no environment "${environment}" in ${repo.owner}/${repo.name}`);
    const key = env.name.toLowerCase();
    slice.environments[key] ??= {};
    vars = slice.environments[key];
  }
  const created = vars[stored]?.created_at ?? now;
  vars[stored] = { name: stored, value, created_at: created, updated_at: now };
}

/** Forgets an environment's variables with the environment, as deleting it does on GitHub. */
export function forgetEnvironmentVariables(repo: RepoState, environment: string): void {
  delete variablesOf(repo).environments[environment.toLowerCase()];
}

const repoBase = "/repos/{owner}/{repo}/actions/variables";
const envBase = "/repos/{owner}/{repo}/environments/{environment_name}/variables";

export const routes: Route[] = [repoBase, envBase].flatMap((base): Route[] => [
  { method: "GET", path: base, handler: list },
  { method: "POST", path: base, handler: create },
  {
    method: "GET",
    path: `${base}/{name}`,
    handler: (ctx) => ({ status: 200, body: { ...find(scope(ctx).vars, ctx.params.name ?? "") } }),
  },
  { method: "PATCH", path: `${base}/{name}`, handler: update },
  { method: "DELETE", path: `${base}/{name}`, handler: remove },
]);
