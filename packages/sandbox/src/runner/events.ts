// Webhook payloads as GitHub writes them to GITHUB_EVENT_PATH (shapes checked against
// @octokit/webhooks-examples 7.6.1; see GITHUB-FACTS 1.4). Only fields an action may read are
// filled, but every field present has GitHub's type and meaning.

export interface WorkflowEvent {
  name: string;
  payload: Record<string, unknown>;
}

export const ZERO_SHA = "0000000000000000000000000000000000000000";
export const DEFAULT_SHA = "ffac537e6cbbf934b08745a378932722df287a53";
export const DEFAULT_REPOSITORY = "octo-org/hello-world";
export const DEFAULT_SERVER_URL = "https://github.com";
export const DEFAULT_ACTOR = "octocat";

export interface RepositoryOptions {
  /** `owner/name` */
  repo?: string;
  serverUrl?: string;
  apiUrl?: string;
  defaultBranch?: string;
  private?: boolean;
  actor?: string;
}

function ids(text: string): number {
  // Stable numeric ids derived from names, so payloads are reproducible between runs.
  let hash = 7;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) % 900_000_000;
  return hash + 100_000_000;
}

/** The `repository` object of a webhook payload. */
export function repositoryPayload(options: RepositoryOptions = {}): Record<string, unknown> {
  const fullName = options.repo ?? DEFAULT_REPOSITORY;
  const [owner = "", name = ""] = fullName.split("/");
  const server = options.serverUrl ?? DEFAULT_SERVER_URL;
  const api = options.apiUrl ?? "https://api.github.com";
  return {
    id: ids(fullName),
    node_id: `R_${Buffer.from(fullName).toString("base64url")}`,
    name,
    full_name: fullName,
    private: options.private ?? false,
    owner: userPayload(owner, server, api, "Organization"),
    html_url: `${server}/${fullName}`,
    url: `${api}/repos/${fullName}`,
    clone_url: `${server}/${fullName}.git`,
    default_branch: options.defaultBranch ?? "main",
    visibility: options.private ? "private" : "public",
    fork: false,
    archived: false,
    disabled: false,
  };
}

function userPayload(
  login: string,
  server: string,
  api: string,
  type: "User" | "Organization" = "User",
): Record<string, unknown> {
  return {
    login,
    id: ids(login),
    node_id: `U_${Buffer.from(login).toString("base64url")}`,
    type,
    site_admin: false,
    html_url: `${server}/${login}`,
    url: `${api}/users/${login}`,
  };
}

export interface PushOptions extends RepositoryOptions {
  /** The commit the ref points at (`head_commit.id`, and GITHUB_SHA). */
  sha?: string;
  /** The previous value of the ref; all zeros when the ref is created. */
  before?: string;
  message?: string;
  forced?: boolean;
  /** The branch the pushed commit is on, as GitHub reports it for tags (`refs/heads/x`). */
  baseRef?: string | null;
  timestamp?: string;
}

function headCommit(options: PushOptions, sha: string): Record<string, unknown> {
  const repo = options.repo ?? DEFAULT_REPOSITORY;
  const server = options.serverUrl ?? DEFAULT_SERVER_URL;
  const actor = options.actor ?? DEFAULT_ACTOR;
  const person = { name: actor, email: `${actor}@users.noreply.github.com`, username: actor };
  return {
    id: sha,
    tree_id: sha.split("").reverse().join(""),
    distinct: true,
    message: options.message ?? "Release",
    timestamp: options.timestamp ?? "2025-01-01T12:00:00Z",
    url: `${server}/${repo}/commit/${sha}`,
    author: person,
    committer: person,
    added: [],
    removed: [],
    modified: [],
  };
}

function pushPayload(ref: string, compare: string, options: PushOptions, extra: object) {
  const server = options.serverUrl ?? DEFAULT_SERVER_URL;
  const api = options.apiUrl ?? "https://api.github.com";
  const actor = options.actor ?? DEFAULT_ACTOR;
  const sha = options.sha ?? DEFAULT_SHA;
  const before = options.before ?? ZERO_SHA;
  return {
    ref,
    before,
    after: sha,
    created: before === ZERO_SHA,
    deleted: false,
    forced: options.forced ?? false,
    base_ref: options.baseRef ?? null,
    compare,
    commits: [] as unknown[],
    head_commit: headCommit(options, sha),
    repository: repositoryPayload(options),
    pusher: { name: actor, email: `${actor}@users.noreply.github.com` },
    sender: userPayload(actor, server, api),
    ...extra,
  };
}

export interface TagPushOptions extends PushOptions {
  tag: string;
  /** For an annotated tag, `after` is the tag object's SHA; `sha` stays the commit. */
  tagObjectSha?: string;
}

/** A push that created a tag: `commits` is empty and `created` is true. */
export function tagPushEvent(options: TagPushOptions): WorkflowEvent {
  const repo = options.repo ?? DEFAULT_REPOSITORY;
  const server = options.serverUrl ?? DEFAULT_SERVER_URL;
  const payload = pushPayload(
    `refs/tags/${options.tag}`,
    `${server}/${repo}/compare/${options.tag}`,
    options,
    options.tagObjectSha ? { after: options.tagObjectSha } : {},
  );
  return { name: "push", payload };
}

export interface BranchPushOptions extends PushOptions {
  branch: string;
}

/** A push of one commit to a branch; `before` defaults to an existing parent. */
export function branchPushEvent(options: BranchPushOptions): WorkflowEvent {
  const repo = options.repo ?? DEFAULT_REPOSITORY;
  const server = options.serverUrl ?? DEFAULT_SERVER_URL;
  const sha = options.sha ?? DEFAULT_SHA;
  const before = options.before ?? sha.split("").reverse().join("");
  const withBefore = { ...options, before };
  const compare =
    before === ZERO_SHA
      ? `${server}/${repo}/commit/${sha.slice(0, 12)}`
      : `${server}/${repo}/compare/${before.slice(0, 12)}...${sha.slice(0, 12)}`;
  const payload = pushPayload(`refs/heads/${options.branch}`, compare, withBefore, {});
  payload.commits = [payload.head_commit];
  return { name: "push", payload };
}

export interface WorkflowDispatchOptions extends RepositoryOptions {
  /** Values as typed in the form; `github.event.inputs` holds them as strings. */
  inputs?: Record<string, string | number | boolean>;
  /** `refs/heads/main` by default. */
  ref?: string;
  /** Path of the workflow file, `.github/workflows/x.yml`. */
  workflow?: string;
}

export function workflowDispatchEvent(options: WorkflowDispatchOptions = {}): WorkflowEvent {
  const server = options.serverUrl ?? DEFAULT_SERVER_URL;
  const api = options.apiUrl ?? "https://api.github.com";
  const inputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.inputs ?? {})) inputs[key] = String(value);
  return {
    name: "workflow_dispatch",
    payload: {
      inputs,
      ref: options.ref ?? "refs/heads/main",
      repository: repositoryPayload(options),
      sender: userPayload(options.actor ?? DEFAULT_ACTOR, server, api),
      workflow: options.workflow ?? ".github/workflows/release.yml",
    },
  };
}

export interface ReleaseEventOptions extends RepositoryOptions {
  tag: string;
  releaseId?: number;
  /** The branch or commit the tag was created from. */
  targetCommitish?: string;
  name?: string;
  prerelease?: boolean;
  /** The host of upload_url: uploads go to its origin, not to the API's. */
  uploadsUrl?: string;
}

/** A `release` event with `action: "published"`; GITHUB_REF is then refs/tags/<tag>. */
export function releasePublishedEvent(options: ReleaseEventOptions): WorkflowEvent {
  const repo = options.repo ?? DEFAULT_REPOSITORY;
  const server = options.serverUrl ?? DEFAULT_SERVER_URL;
  const api = options.apiUrl ?? "https://api.github.com";
  const uploads = options.uploadsUrl ?? "https://uploads.github.com";
  const id = options.releaseId ?? 1;
  const actor = options.actor ?? DEFAULT_ACTOR;
  return {
    name: "release",
    payload: {
      action: "published",
      release: {
        id,
        node_id: `RE_${id}`,
        tag_name: options.tag,
        target_commitish: options.targetCommitish ?? "main",
        name: options.name ?? options.tag,
        draft: false,
        prerelease: options.prerelease ?? false,
        body: "",
        author: userPayload(actor, server, api),
        assets: [],
        url: `${api}/repos/${repo}/releases/${id}`,
        html_url: `${server}/${repo}/releases/tag/${options.tag}`,
        assets_url: `${api}/repos/${repo}/releases/${id}/assets`,
        upload_url: `${uploads}/repos/${repo}/releases/${id}/assets{?name,label}`,
        tarball_url: `${api}/repos/${repo}/tarball/${options.tag}`,
        zipball_url: `${api}/repos/${repo}/zipball/${options.tag}`,
        created_at: "2025-01-01T12:00:00Z",
        published_at: "2025-01-01T12:00:05Z",
      },
      repository: repositoryPayload(options),
      sender: userPayload(actor, server, api),
    },
  };
}
