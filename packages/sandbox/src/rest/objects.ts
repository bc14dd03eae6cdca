import type { RepoState, RouteContext } from "./types.js";

/**
 * JSON shapes GitHub embeds in many responses (users, repositories), built so they pass the
 * description's schemas. Route modules share them.
 */

type Urls = Pick<RouteContext, "apiUrl" | "serverUrl" | "state">;

export function simpleUser(ctx: Urls, login: string) {
  const user = ctx.state.users[login];
  const id = user?.id ?? 0;
  const api = `${ctx.apiUrl}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId("U", id),
    avatar_url: `${ctx.serverUrl}/avatars/u/${id}`,
    gravatar_id: "",
    url: api,
    html_url: `${ctx.serverUrl}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user?.type ?? "User",
    user_view_type: "public",
    site_admin: false,
  };
}

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
  const api = `${ctx.apiUrl}/repos/${full}`;
  const html = `${ctx.serverUrl}/${full}`;
  const created =
    (repo.settings as { createdAt?: string } | undefined)?.createdAt ?? "2020-01-01T00:00:00Z";
  const host = new URL(ctx.serverUrl).host;
  return {
    id: repo.id,
    node_id: nodeId("R", repo.id),
    name: repo.name,
    full_name: full,
    owner: simpleUser(ctx, repo.owner),
    private: repo.private,
    html_url: html,
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${full}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${full}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
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

/** GitHub's node ids are opaque base64; a kind prefix plus the numeric id is enough here. */
export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}_${id}`).toString("base64url");
}
