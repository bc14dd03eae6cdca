import { nodeId } from "../objects.js";
import { HttpError, type RouteContext } from "../types.js";
import { gitSlice, objectType, type StoredCommit } from "./git-model.js";

/** JSON shapes of git data (refs, commits, annotated tags), built to pass GitHub's schemas. */

export const api = (ctx: RouteContext) => `${ctx.apiUrl}/repos/${ctx.repo.owner}/${ctx.repo.name}`;
export const html = (ctx: RouteContext) => `${ctx.serverUrl}/${ctx.repo.owner}/${ctx.repo.name}`;

export function refJson(ctx: RouteContext, ref: string, sha: string) {
  const type = objectType(gitSlice(ctx.repo), sha);
  return {
    ref,
    node_id: nodeId("REF", `${ctx.repo.id}:${ref}`),
    url: `${api(ctx)}/git/${ref}`,
    object: { type, sha, url: `${api(ctx)}/git/${type}s/${sha}` },
  };
}

const unverified = {
  verified: false,
  reason: "unsigned",
  signature: null,
  payload: null,
  verified_at: null,
};

export function gitCommitJson(ctx: RouteContext, c: StoredCommit) {
  return {
    sha: c.sha,
    node_id: nodeId("C", c.sha),
    url: `${api(ctx)}/git/commits/${c.sha}`,
    html_url: `${html(ctx)}/commit/${c.sha}`,
    author: c.author,
    committer: c.committer,
    message: c.message,
    tree: { sha: c.tree, url: `${api(ctx)}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api(ctx)}/git/commits/${p}`,
      html_url: `${html(ctx)}/commit/${p}`,
    })),
    verification: unverified,
  };
}

/** The `commit` schema (repos.getCommit, compare). Authors map to no GitHub user: null. */
export function commitJson(ctx: RouteContext, c: StoredCommit) {
  return {
    url: `${api(ctx)}/commits/${c.sha}`,
    sha: c.sha,
    node_id: nodeId("C", c.sha),
    html_url: `${html(ctx)}/commit/${c.sha}`,
    comments_url: `${api(ctx)}/commits/${c.sha}/comments`,
    commit: {
      url: `${api(ctx)}/git/commits/${c.sha}`,
      author: c.author,
      committer: c.committer,
      message: c.message,
      comment_count: 0,
      tree: { sha: c.tree, url: `${api(ctx)}/git/trees/${c.tree}` },
      verification: unverified,
    },
    author: null,
    committer: null,
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api(ctx)}/commits/${p}`,
      html_url: `${html(ctx)}/commit/${p}`,
    })),
    stats: { additions: 0, deletions: 0, total: 0 },
    files: [],
  };
}

export function tagJson(ctx: RouteContext, sha: string) {
  const tag = gitSlice(ctx.repo).tags[sha];
  if (!tag) throw new HttpError(404, "Not Found");
  return {
    node_id: nodeId("T", sha),
    tag: tag.tag,
    sha,
    url: `${api(ctx)}/git/tags/${sha}`,
    message: tag.message,
    tagger: tag.tagger,
    object: { ...tag.object, url: `${api(ctx)}/git/${tag.object.type}s/${tag.object.sha}` },
    verification: unverified,
  };
}
