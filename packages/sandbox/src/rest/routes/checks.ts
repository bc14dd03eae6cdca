import { paginate } from "../paginate.js";
import type { RepoState } from "../types.js";
import { HttpError, type Route, type RouteContext } from "../types.js";
import {
  type CheckRunRecord,
  type CommitStatusRecord,
  checksOf,
  combinedState,
  latestCheckRuns,
  latestStatuses,
} from "./checks-state.js";
import { resolveRef } from "./deployments-refs.js";
import { minimalRepository, nodeId, repoApi, simpleUser, type Web } from "./users-objects.js";

/** Check runs and commit statuses: what `required_contexts` and `approve` read. */

export function checkRunObject(web: Web, repo: RepoState, r: CheckRunRecord) {
  const url = `${repoApi(web, repo)}/check-runs/${r.id}`;
  return {
    id: r.id,
    head_sha: r.head_sha,
    node_id: nodeId("CheckRun", r.id),
    external_id: r.external_id,
    url,
    html_url: `${web.serverUrl}/${repo.owner}/${repo.name}/runs/${r.id}`,
    details_url: r.details_url,
    status: r.status,
    conclusion: r.conclusion,
    started_at: r.started_at,
    completed_at: r.completed_at,
    output: { ...r.output, annotations_count: 0, annotations_url: `${url}/annotations` },
    name: r.name,
    check_suite: null,
    app: null,
    pull_requests: [],
  };
}

function statusUrl(web: Web, repo: RepoState, sha: string) {
  return `${repoApi(web, repo)}/statuses/${sha}`;
}

function commitStatusObject(web: Web, repo: RepoState, sha: string, s: CommitStatusRecord) {
  const creator = simpleUser(web, s.creator);
  return {
    url: statusUrl(web, repo, sha),
    avatar_url: creator.avatar_url,
    id: s.id,
    node_id: nodeId("StatusContext", s.id),
    state: s.state,
    description: s.description,
    target_url: s.target_url,
    context: s.context,
    created_at: s.created_at,
    updated_at: s.updated_at,
    creator,
  };
}

function sha(ctx: RouteContext, param: string): string {
  const ref = ctx.params[param] ?? "";
  const resolved = resolveRef(ctx.repo, ref);
  if (!resolved) throw new HttpError(422, `No commit found for SHA: ${ref}`);
  return resolved;
}

interface CreateCheckRunBody {
  name: string;
  head_sha: string;
  details_url?: string;
  external_id?: string;
  status?: CheckRunRecord["status"];
  started_at?: string;
  conclusion?: string;
  completed_at?: string;
  output?: { title?: string; summary?: string; text?: string };
}

function createCheckRun(ctx: RouteContext) {
  const body = ctx.body as CreateCheckRunBody;
  const headSha = resolveRef(ctx.repo, body.head_sha);
  if (!headSha) throw new HttpError(422, `No commit found for SHA: ${body.head_sha}`);
  // Giving a conclusion completes the run, as documented.
  const status = body.conclusion ? "completed" : (body.status ?? "queued");
  if (status === "completed" && !body.conclusion) {
    throw new HttpError(422, "Validation Failed", [
      { resource: "CheckRun", code: "missing_field", field: "conclusion" },
    ]);
  }
  const now = ctx.now();
  const run: CheckRunRecord = {
    id: ctx.nextId(),
    head_sha: headSha,
    name: body.name,
    status,
    conclusion: body.conclusion ?? null,
    started_at: body.started_at ?? now,
    completed_at: status === "completed" ? (body.completed_at ?? now) : null,
    external_id: body.external_id ?? "",
    details_url: body.details_url ?? null,
    output: {
      title: body.output?.title ?? null,
      summary: body.output?.summary ?? null,
      text: body.output?.text ?? null,
    },
    created_at: now,
  };
  const runs = checksOf(ctx.repo).runs;
  runs[headSha] = [...(runs[headSha] ?? []), run];
  return { status: 201, body: checkRunObject(ctx, ctx.repo, run) };
}

function listCheckRuns(ctx: RouteContext) {
  const commit = sha(ctx, "ref");
  const q = ctx.query;
  const all =
    q.get("filter") === "all"
      ? (checksOf(ctx.repo).runs[commit] ?? [])
      : latestCheckRuns(ctx.repo, commit);
  const name = q.get("check_name");
  const status = q.get("status");
  const matching = all
    .filter((r) => (!name || r.name === name) && (!status || r.status === status))
    .reverse();
  const self = `${repoApi(ctx, ctx.repo)}/commits/${encodeURIComponent(ctx.params.ref ?? "")}/check-runs?${q}`;
  const page = paginate(matching, q, self);
  return {
    status: 200,
    headers: page.headers,
    body: {
      total_count: matching.length,
      check_runs: page.items.map((r) => checkRunObject(ctx, ctx.repo, r)),
    },
  };
}

function createStatus(ctx: RouteContext) {
  const commit = sha(ctx, "sha");
  const body = ctx.body as {
    state: CommitStatusRecord["state"];
    target_url?: string | null;
    description?: string | null;
    context?: string;
  };
  const now = ctx.now();
  const status: CommitStatusRecord = {
    id: ctx.nextId(),
    state: body.state,
    context: body.context ?? "default",
    description: body.description ?? null,
    target_url: body.target_url ?? null,
    creator: ctx.actor,
    created_at: now,
    updated_at: now,
  };
  const statuses = checksOf(ctx.repo).statuses;
  statuses[commit] = [...(statuses[commit] ?? []), status];
  return { status: 201, body: commitStatusObject(ctx, ctx.repo, commit, status) };
}

function combined(ctx: RouteContext) {
  const commit = resolveRef(ctx.repo, ctx.params.ref ?? "");
  if (!commit) throw new HttpError(404, "Not Found");
  const latest = latestStatuses(ctx.repo, commit);
  const self = `${repoApi(ctx, ctx.repo)}/commits/${encodeURIComponent(ctx.params.ref ?? "")}/status?${ctx.query}`;
  const page = paginate(latest, ctx.query, self);
  const statuses = page.items.map((s) => {
    const { creator: _creator, ...rest } = commitStatusObject(ctx, ctx.repo, commit, s);
    return rest;
  });
  return {
    status: 200,
    headers: page.headers,
    body: {
      state: combinedState(latest),
      statuses,
      sha: commit,
      total_count: latest.length,
      repository: minimalRepository(ctx, ctx.repo),
      commit_url: `${repoApi(ctx, ctx.repo)}/commits/${commit}`,
      url: `${repoApi(ctx, ctx.repo)}/commits/${commit}/status`,
    },
  };
}

export const routes: Route[] = [
  { method: "POST", path: "/repos/{owner}/{repo}/check-runs", handler: createCheckRun },
  { method: "GET", path: "/repos/{owner}/{repo}/commits/{ref}/check-runs", handler: listCheckRuns },
  { method: "POST", path: "/repos/{owner}/{repo}/statuses/{sha}", handler: createStatus },
  { method: "GET", path: "/repos/{owner}/{repo}/commits/{ref}/status", handler: combined },
];
