/**
 * The full repository and the authenticated user, built on the shared user and repository
 * builders of routes/users-objects.ts, so they pass the description's schemas.
 */
import { minimalRepository, simpleUser } from "./routes/users-objects.js";
import type { RepoState, RouteContext } from "./types.js";

export { nodeId, simpleUser } from "./routes/users-objects.js";

type Urls = Pick<RouteContext, "apiUrl" | "serverUrl" | "state">;

export function privateUser(ctx: Urls, login: string) {
  const at = "2020-01-01T00:00:00Z";
  const repos = Object.values(ctx.state.repos).filter((r) => r.owner === login);
  return {
    ...simpleUser(ctx, login),
    name: login,
    company: null,
    blog: "",
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: repos.filter((r) => !r.private).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: at,
    updated_at: at,
    private_gists: 0,
    total_private_repos: repos.filter((r) => r.private).length,
    owned_private_repos: repos.filter((r) => r.private).length,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

/** The `repository`/`full-repository` shape. */
export function repository(ctx: Urls, repo: RepoState) {
  const full = `${repo.owner}/${repo.name}`;
  const html = `${ctx.serverUrl}/${full}`;
  const created =
    (repo.settings as { createdAt?: string } | undefined)?.createdAt ?? "2020-01-01T00:00:00Z";
  const host = new URL(ctx.serverUrl).host;
  return {
    // The `minimal-repository` fields, then what only the full shape has.
    ...minimalRepository(ctx, repo),
    git_url: `git://${host}/${full}.git`,
    ssh_url: `git@${host}:${full}.git`,
    clone_url: `${html}.git`,
    mirror_url: null,
    svn_url: html,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? "private" : "public",
    pushed_at: created,
    created_at: created,
    updated_at: created,
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    allow_forking: true,
    web_commit_signoff_required: false,
    forks: 0,
    open_issues: 0,
    watchers: 0,
    license: null,
    network_count: 0,
    subscribers_count: 0,
  };
}
