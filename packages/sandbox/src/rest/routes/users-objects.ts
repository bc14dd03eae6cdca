import { createHash } from "node:crypto";
import type { RepoState, RouteContext, SandboxState } from "../types.js";

/**
 * Builders for the user, team and repository objects that GitHub embeds in many responses.
 * State keeps only logins and ids; URLs are derived at response time from the sandbox's
 * origins, so a persisted state still answers correctly when the port changes.
 */
export type Web = Pick<RouteContext, "apiUrl" | "serverUrl" | "state">;

/** GitHub's legacy global node id: base64 of `0<len>:<Type><id>`. */
export function nodeId(type: string, id: number | string): string {
  const body = `${type}${id}`;
  return Buffer.from(`0${String(type.length).padStart(2, "0")}:${body}`).toString("base64");
}

/** A stable id for a login the sandbox was never told about (kept out of the id sequence). */
function fallbackId(login: string): number {
  return 900_000_000 + (createHash("sha1").update(login).digest().readUInt32BE(0) % 99_999_999);
}

export function userRecord(state: SandboxState, login: string) {
  const known = state.users[login];
  if (known) return known;
  const type: "User" | "Bot" = login.endsWith("[bot]") ? "Bot" : "User";
  return { id: fallbackId(login), login, type };
}

export function simpleUser(web: Web, login: string) {
  const { id, type } = userRecord(web.state, login);
  const api = `${web.apiUrl}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId(type === "Bot" ? "Bot" : "User", id),
    avatar_url: `${web.serverUrl}/avatars/u/${id}`,
    gravatar_id: "",
    url: api,
    html_url: `${web.serverUrl}/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    site_admin: false,
    user_view_type: "public",
  };
}

/** Finds a user by numeric id (environment reviewers are given by id). */
export function userById(state: SandboxState, id: number) {
  return Object.values(state.users).find((u) => u.id === id);
}

export function teamById(state: SandboxState, id: number) {
  return Object.values(state.teams).find((t) => t.id === id);
}

/** The `team` schema; `org` is the organisation the team belongs to (the repo owner here). */
export function teamObject(
  web: Web,
  team: { id: number; slug: string; name: string },
  org: string,
) {
  const api = `${web.apiUrl}/organizations/${org}/team/${team.id}`;
  return {
    id: team.id,
    node_id: nodeId("Team", team.id),
    url: api,
    html_url: `${web.serverUrl}/orgs/${org}/teams/${team.slug}`,
    name: team.name,
    slug: team.slug,
    description: null,
    privacy: "closed",
    notification_setting: "notifications_enabled",
    permission: "pull",
    members_url: `${api}/members{/member}`,
    repositories_url: `${api}/repos`,
    type: "organization" as const,
    parent: null,
  };
}

/** The `minimal-repository` schema, embedded in workflow runs and combined statuses. */
export function minimalRepository(web: Web, repo: RepoState) {
  const full = `${repo.owner}/${repo.name}`;
  const api = `${web.apiUrl}/repos/${full}`;
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: full,
    owner: simpleUser(web, repo.owner),
    private: repo.private,
    html_url: `${web.serverUrl}/${full}`,
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
    hooks_url: `${api}/hooks`,
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
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
  };
}

/** `owner/name` API base for a repository. */
export function repoApi(web: Pick<RouteContext, "apiUrl">, repo: RepoState): string {
  return `${web.apiUrl}/repos/${repo.owner}/${repo.name}`;
}

/** Team membership lives in its own state slice (`teamMembers`: slug → logins). */
export function teamMembersOf(state: SandboxState): Record<string, string[]> {
  let slice = state.teamMembers as Record<string, string[]> | undefined;
  if (!slice) {
    slice = {};
    state.teamMembers = slice;
  }
  return slice;
}
