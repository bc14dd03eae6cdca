import { nodeId } from "../objects.js";
import { paginate } from "../paginate.js";
import { HttpError, type Route, type RouteContext } from "../types.js";
import {
  compareCommits,
  type GitPerson,
  gitSlice,
  peel,
  resolveCommitish,
  type StoredCommit,
  sha1,
} from "./git-model.js";
import { api, commitJson, gitCommitJson, html, refJson, tagJson } from "./git-objects.js";
import { releaseSlice } from "./release-model.js";

/**
 * Git data: refs, annotated tags, commits, comparisons and the tag list. `{ref}` may contain
 * slashes (`tags/v1.2.3`); the router hands it over whole.
 */

function commitOr404(ctx: RouteContext, ref: string, code = 404): StoredCommit {
  const sha = resolveCommitish(ctx.repo, ref);
  const commit = sha ? gitSlice(ctx.repo).commits[sha] : undefined;
  if (!commit) {
    if (code === 422) throw new HttpError(422, `No commit found for SHA: ${ref}`);
    throw new HttpError(404, "Not Found");
  }
  return commit;
}

/** The tag of an immutable release is protected: it can be neither moved nor deleted. */
function assertNotImmutableTag(ctx: RouteContext, ref: string): void {
  const protectedTag = releaseSlice(ctx.repo).releases.some(
    (r) => r.immutable && `refs/tags/${r.tag_name}` === ref,
  );
  if (protectedTag) {
    throw new HttpError(422, "Cannot update or delete the tag of an immutable release.");
  }
}

const createRef: Route = {
  method: "POST",
  path: "/repos/{owner}/{repo}/git/refs",
  handler: (ctx) => {
    const { ref, sha } = ctx.body as { ref: string; sha: string };
    const git = gitSlice(ctx.repo);
    if (!/^refs\/[^/]+\/.+/.test(ref)) {
      throw new HttpError(
        422,
        "Reference name must start with 'refs/' and have at least two slashes.",
      );
    }
    if (git.refs[ref]) throw new HttpError(422, "Reference already exists");
    if (!git.commits[sha] && !git.tags[sha]) throw new HttpError(422, "Object does not exist");
    git.refs[ref] = sha;
    return {
      status: 201,
      body: refJson(ctx, ref, sha),
      headers: { location: `${api(ctx)}/git/${ref}` },
    };
  },
};

const getRef: Route = {
  method: "GET",
  path: "/repos/{owner}/{repo}/git/ref/{ref}",
  handler: (ctx) => {
    // GitHub wants `heads/x` or `tags/x` here; `refs/heads/x` is a 404.
    const name = `refs/${ctx.params.ref}`;
    const sha = gitSlice(ctx.repo).refs[name];
    if (!sha) throw new HttpError(404, "Not Found");
    return { status: 200, body: refJson(ctx, name, sha) };
  },
};

const updateRef: Route = {
  method: "PATCH",
  path: "/repos/{owner}/{repo}/git/refs/{ref}",
  handler: (ctx) => {
    const { sha, force } = ctx.body as { sha: string; force?: boolean };
    const git = gitSlice(ctx.repo);
    const name = ctx.params.ref!.startsWith("refs/") ? ctx.params.ref! : `refs/${ctx.params.ref}`;
    const current = git.refs[name];
    if (!current) throw new HttpError(422, "Reference does not exist");
    assertNotImmutableTag(ctx, name);
    if (!git.commits[sha] && !git.tags[sha]) throw new HttpError(422, "Object does not exist");
    if (!force) {
      const from = peel(git, current);
      const to = peel(git, sha);
      if (from && to && compareCommits(git, from, to).behindBy > 0) {
        throw new HttpError(422, "Update is not a fast forward");
      }
    }
    git.refs[name] = sha;
    return { status: 200, body: refJson(ctx, name, sha) };
  },
};

const deleteRef: Route = {
  method: "DELETE",
  path: "/repos/{owner}/{repo}/git/refs/{ref}",
  handler: (ctx) => {
    const git = gitSlice(ctx.repo);
    const name = ctx.params.ref!.startsWith("refs/") ? ctx.params.ref! : `refs/${ctx.params.ref}`;
    if (!git.refs[name]) throw new HttpError(422, "Reference does not exist");
    assertNotImmutableTag(ctx, name);
    delete git.refs[name];
    return { status: 204 };
  },
};

const matchingRefs: Route = {
  method: "GET",
  path: "/repos/{owner}/{repo}/git/matching-refs/{ref}",
  handler: (ctx) => {
    const prefix = `refs/${ctx.params.ref}`;
    const refs = Object.entries(gitSlice(ctx.repo).refs)
      .filter(([name]) => name.startsWith(prefix))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, sha]) => refJson(ctx, name, sha));
    return { status: 200, body: refs };
  },
};

const createTag: Route = {
  method: "POST",
  path: "/repos/{owner}/{repo}/git/tags",
  handler: (ctx) => {
    const input = ctx.body as {
      tag: string;
      message: string;
      object: string;
      type: "commit" | "tree" | "blob";
      tagger?: Partial<GitPerson>;
    };
    const git = gitSlice(ctx.repo);
    if (input.type === "commit" && !git.commits[input.object]) {
      throw new HttpError(422, "Object does not exist");
    }
    const tagger = {
      name: input.tagger?.name ?? ctx.actor,
      email: input.tagger?.email ?? `${ctx.actor}@users.noreply.github.com`,
      date: input.tagger?.date ?? ctx.now(),
    };
    const sha = sha1(`tag ${input.tag}\n${input.object}\n${tagger.date}\n${input.message}`);
    // Only the object: a ref to it is a separate createRef call, as on GitHub.
    git.tags[sha] = {
      sha,
      tag: input.tag,
      message: input.message,
      object: { sha: input.object, type: input.type },
      tagger,
    };
    return {
      status: 201,
      body: tagJson(ctx, sha),
      headers: { location: `${api(ctx)}/git/tags/${sha}` },
    };
  },
};

const getTag: Route = {
  method: "GET",
  path: "/repos/{owner}/{repo}/git/tags/{tag_sha}",
  handler: (ctx) => ({ status: 200, body: tagJson(ctx, ctx.params.tag_sha!) }),
};

const getGitCommit: Route = {
  method: "GET",
  path: "/repos/{owner}/{repo}/git/commits/{commit_sha}",
  handler: (ctx) => {
    const commit = gitSlice(ctx.repo).commits[ctx.params.commit_sha!];
    if (!commit) throw new HttpError(404, "Not Found");
    return { status: 200, body: gitCommitJson(ctx, commit) };
  },
};

const getCommit: Route = {
  method: "GET",
  path: "/repos/{owner}/{repo}/commits/{ref}",
  handler: (ctx) => ({
    status: 200,
    body: commitJson(ctx, commitOr404(ctx, ctx.params.ref!, 422)),
  }),
};

const compare: Route = {
  method: "GET",
  path: "/repos/{owner}/{repo}/compare/{basehead}",
  handler: (ctx) => {
    const [baseRef, headRef, ...rest] = ctx.params.basehead!.split("...");
    if (!baseRef || !headRef || rest.length) throw new HttpError(404, "Not Found");
    const base = commitOr404(ctx, baseRef);
    const head = commitOr404(ctx, headRef);
    const git = gitSlice(ctx.repo);
    const result = compareCommits(git, base.sha, head.sha);
    const mergeBase = git.commits[result.mergeBase ?? base.sha] ?? base;
    const all = result.commits.map((c) => commitJson(ctx, c));
    const page = paginate(all, ctx.query, `${api(ctx)}/compare/${ctx.params.basehead}`);
    return {
      status: 200,
      headers: page.headers,
      body: {
        url: `${api(ctx)}/compare/${baseRef}...${headRef}`,
        html_url: `${html(ctx)}/compare/${baseRef}...${headRef}`,
        permalink_url: `${html(ctx)}/compare/${ctx.repo.owner}:${base.sha}...${ctx.repo.owner}:${head.sha}`,
        diff_url: `${html(ctx)}/compare/${baseRef}...${headRef}.diff`,
        patch_url: `${html(ctx)}/compare/${baseRef}...${headRef}.patch`,
        base_commit: commitJson(ctx, base),
        merge_base_commit: commitJson(ctx, mergeBase),
        status: result.status,
        ahead_by: result.aheadBy,
        behind_by: result.behindBy,
        total_commits: result.aheadBy,
        commits: page.items,
        files: [],
      },
    };
  },
};

const listTags: Route = {
  method: "GET",
  path: "/repos/{owner}/{repo}/tags",
  handler: (ctx) => {
    const git = gitSlice(ctx.repo);
    // Newest tag first, like GitHub's listing (by the tagged commit's date, then name).
    const tags = Object.entries(git.refs)
      .filter(([name]) => name.startsWith("refs/tags/"))
      .map(([name, sha]) => ({ name: name.slice("refs/tags/".length), sha: peel(git, sha) ?? sha }))
      .sort(
        (a, b) =>
          (git.commits[b.sha]?.committer.date ?? "").localeCompare(
            git.commits[a.sha]?.committer.date ?? "",
          ) || b.name.localeCompare(a.name),
      )
      .map((t) => ({
        name: t.name,
        commit: { sha: t.sha, url: `${api(ctx)}/commits/${t.sha}` },
        zipball_url: `${api(ctx)}/zipball/refs/tags/${t.name}`,
        tarball_url: `${api(ctx)}/tarball/refs/tags/${t.name}`,
        node_id: nodeId("TAG", `${ctx.repo.id}:${t.name}`),
      }));
    const page = paginate(tags, ctx.query, `${api(ctx)}/tags`);
    return { status: 200, body: page.items, headers: page.headers };
  },
};

export const routes: Route[] = [
  createRef,
  getRef,
  updateRef,
  deleteRef,
  matchingRefs,
  createTag,
  getTag,
  getGitCommit,
  getCommit,
  compare,
  listTags,
];
