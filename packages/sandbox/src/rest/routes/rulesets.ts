import { paginate } from "../paginate.js";
import { HttpError, type RepoState, type Route, type RouteContext } from "../types.js";
import { nodeId, repoApi, type Web } from "./users-objects.js";

/** Repository rulesets: `doctor` reads them to check that release tags are protected. */
export interface RulesetRecord {
  id: number;
  name: string;
  target: "branch" | "tag" | "push";
  enforcement: "disabled" | "active" | "evaluate";
  bypass_actors: unknown[];
  conditions: { ref_name?: { include?: string[]; exclude?: string[] } } | null;
  rules: Array<{ type: string; parameters?: unknown }>;
  created_at: string;
  updated_at: string;
}

type RulesetBody = Partial<Omit<RulesetRecord, "id" | "created_at" | "updated_at">>;

export function rulesetsOf(repo: RepoState): Record<string, RulesetRecord> {
  let slice = repo.rulesets as Record<string, RulesetRecord> | undefined;
  if (!slice) {
    slice = {};
    repo.rulesets = slice;
  }
  return slice;
}

function rulesetObject(web: Web, repo: RepoState, r: RulesetRecord) {
  return {
    id: r.id,
    name: r.name,
    target: r.target,
    source_type: "Repository" as const,
    source: `${repo.owner}/${repo.name}`,
    enforcement: r.enforcement,
    bypass_actors: r.bypass_actors,
    current_user_can_bypass: "never" as const,
    node_id: nodeId("RepositoryRuleset", r.id),
    _links: {
      self: { href: `${repoApi(web, repo)}/rulesets/${r.id}` },
      html: { href: `${web.serverUrl}/${repo.owner}/${repo.name}/rules/${r.id}` },
    },
    conditions: r.conditions,
    rules: r.rules,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

function requireRuleset(ctx: RouteContext): RulesetRecord {
  const r = rulesetsOf(ctx.repo)[ctx.params.ruleset_id ?? ""];
  if (!r) throw new HttpError(404, "Not Found");
  return r;
}

/** Names are unique per repository (GitHub answers 422). */
function assertUniqueName(ctx: RouteContext, name: string, self?: number): void {
  if (Object.values(rulesetsOf(ctx.repo)).some((r) => r.name === name && r.id !== self)) {
    throw new HttpError(422, "Validation Failed", [
      {
        resource: "Ruleset",
        code: "already_exists",
        field: "name",
        message: "Name must be unique",
      },
    ]);
  }
}

function create(ctx: RouteContext) {
  const body = ctx.body as RulesetBody & {
    name: string;
    enforcement: RulesetRecord["enforcement"];
  };
  assertUniqueName(ctx, body.name);
  const now = ctx.now();
  const r: RulesetRecord = {
    id: ctx.nextId(),
    name: body.name,
    target: body.target ?? "branch",
    enforcement: body.enforcement,
    bypass_actors: body.bypass_actors ?? [],
    conditions: body.conditions ?? null,
    rules: body.rules ?? [],
    created_at: now,
    updated_at: now,
  };
  rulesetsOf(ctx.repo)[r.id] = r;
  return { status: 201, body: rulesetObject(ctx, ctx.repo, r) };
}

function update(ctx: RouteContext) {
  const r = requireRuleset(ctx);
  const body = (ctx.body ?? {}) as RulesetBody;
  if (body.name !== undefined) assertUniqueName(ctx, body.name, r.id);
  Object.assign(r, Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)));
  r.updated_at = ctx.now();
  return { status: 200, body: rulesetObject(ctx, ctx.repo, r) };
}

/** `targets` is a comma-separated filter (branch,tag,push). */
function list(ctx: RouteContext) {
  const targets = ctx.query.get("targets")?.split(",").filter(Boolean);
  const all = Object.values(rulesetsOf(ctx.repo)).filter(
    (r) => !targets?.length || targets.includes(r.target),
  );
  const page = paginate(all, ctx.query, `${repoApi(ctx, ctx.repo)}/rulesets?${ctx.query}`);
  return {
    status: 200,
    headers: page.headers,
    body: page.items.map((r) => rulesetObject(ctx, ctx.repo, r)),
  };
}

const base = "/repos/{owner}/{repo}/rulesets";

export const routes: Route[] = [
  { method: "GET", path: base, handler: list },
  { method: "POST", path: base, handler: create },
  {
    method: "GET",
    path: `${base}/{ruleset_id}`,
    handler: (ctx) => ({ status: 200, body: rulesetObject(ctx, ctx.repo, requireRuleset(ctx)) }),
  },
  { method: "PUT", path: `${base}/{ruleset_id}`, handler: update },
  {
    method: "DELETE",
    path: `${base}/{ruleset_id}`,
    handler: (ctx) => {
      delete rulesetsOf(ctx.repo)[requireRuleset(ctx).id];
      return { status: 204 };
    },
  },
];
