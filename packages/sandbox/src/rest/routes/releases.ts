import { rmSync } from "node:fs";
import { join } from "node:path";
import { paginate } from "../paginate.js";
import { HttpError, type Route, type RouteContext } from "../types.js";
import { compareCommits, gitSlice, history, resolveCommitish } from "./git-model.js";
import {
  applyMakeLatest,
  assertTagFree,
  assertValidTagName,
  byNewest,
  findRelease,
  latestRelease,
  type MakeLatest,
  publish,
  releaseJson,
  releaseSlice,
  type StoredRelease,
} from "./release-model.js";

/**
 * Releases, with GitHub's traps: a draft gets no tag until it is published, get-by-tag never
 * returns drafts, several drafts may share a tag, a published tag is unique (422
 * already_exists), deleting a release keeps its tag, and `make_latest` decides /latest.
 */

interface ReleaseInput {
  tag_name?: string;
  target_commitish?: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
  make_latest?: MakeLatest;
  generate_release_notes?: boolean;
}

const json = (ctx: RouteContext, release: StoredRelease) => releaseJson(ctx, ctx.repo, release);

const createRelease: Route = {
  method: "POST",
  path: "/repos/{owner}/{repo}/releases",
  handler: (ctx) => {
    const input = ctx.body as ReleaseInput;
    const tag = input.tag_name ?? "";
    assertValidTagName(tag);
    const slice = releaseSlice(ctx.repo);
    assertTagFree(slice, tag);
    const now = ctx.now();
    const release: StoredRelease = {
      id: ctx.nextId(),
      tag_name: tag,
      target_commitish: input.target_commitish ?? ctx.repo.defaultBranch,
      name: input.name ?? null,
      body: input.body ?? null,
      draft: true,
      prerelease: input.prerelease ?? false,
      immutable: false,
      make_latest: input.make_latest ?? "true",
      created_at: now,
      published_at: null,
      updated_at: now,
      author: ctx.actor,
    };
    // An unknown target is refused even for drafts, before anything is stored.
    if (
      !gitSlice(ctx.repo).refs[`refs/tags/${tag}`] &&
      !resolveCommitish(ctx.repo, release.target_commitish)
    ) {
      throw new HttpError(422, "Validation Failed", [
        { resource: "Release", code: "invalid", field: "target_commitish" },
      ]);
    }
    if (input.generate_release_notes) {
      const notes = generateNotes(ctx, tag, release.target_commitish, undefined);
      release.name ??= notes.name;
      release.body = release.body ? `${release.body}\n\n${notes.body}` : notes.body;
    }
    if (!input.draft) publish(ctx.repo, release, now);
    slice.releases.push(release);
    return { status: 201, body: json(ctx, release), headers: { location: json(ctx, release).url } };
  },
};

const listReleases: Route = {
  method: "GET",
  path: "/repos/{owner}/{repo}/releases",
  handler: (ctx) => {
    const visible = releaseSlice(ctx.repo)
      .releases.filter((r) => !r.draft || ctx.canPush !== false)
      .sort(byNewest);
    const page = paginate(
      visible,
      ctx.query,
      `${ctx.apiUrl}/repos/${ctx.repo.owner}/${ctx.repo.name}/releases`,
    );
    return { status: 200, body: page.items.map((r) => json(ctx, r)), headers: page.headers };
  },
};

const getRelease: Route = {
  method: "GET",
  path: "/repos/{owner}/{repo}/releases/{release_id}",
  handler: (ctx) => ({ status: 200, body: json(ctx, findRelease(ctx, ctx.params.release_id!)) }),
};

const updateRelease: Route = {
  method: "PATCH",
  path: "/repos/{owner}/{repo}/releases/{release_id}",
  handler: (ctx) => {
    const release = findRelease(ctx, ctx.params.release_id!);
    const input = (ctx.body ?? {}) as ReleaseInput;
    const slice = releaseSlice(ctx.repo);
    if (input.tag_name !== undefined && input.tag_name !== release.tag_name) {
      if (release.immutable) {
        throw new HttpError(422, "Validation Failed", [
          {
            resource: "Release",
            code: "custom",
            field: "tag_name",
            message: "release is immutable",
          },
        ]);
      }
      assertValidTagName(input.tag_name);
      if (!release.draft) assertTagFree(slice, input.tag_name, release.id);
      release.tag_name = input.tag_name;
    }
    if (input.target_commitish !== undefined) release.target_commitish = input.target_commitish;
    if (input.name !== undefined) release.name = input.name;
    if (input.body !== undefined) release.body = input.body;
    if (input.prerelease !== undefined) release.prerelease = input.prerelease;
    if (input.make_latest !== undefined) release.make_latest = input.make_latest;
    const now = ctx.now();
    if (input.draft === false && release.draft) {
      publish(ctx.repo, release, now);
    } else if (input.draft === true && !release.draft) {
      if (release.immutable) {
        throw new HttpError(422, "Validation Failed", [
          { resource: "Release", code: "custom", field: "draft", message: "release is immutable" },
        ]);
      }
      release.draft = true;
      release.published_at = null;
      applyMakeLatest(slice, release);
    } else if (
      !release.draft &&
      (input.make_latest !== undefined || input.prerelease !== undefined)
    ) {
      applyMakeLatest(slice, release);
    }
    release.updated_at = now;
    return { status: 200, body: json(ctx, release) };
  },
};

const deleteRelease: Route = {
  method: "DELETE",
  path: "/repos/{owner}/{repo}/releases/{release_id}",
  handler: (ctx) => {
    const release = findRelease(ctx, ctx.params.release_id!);
    const slice = releaseSlice(ctx.repo);
    slice.releases = slice.releases.filter((r) => r.id !== release.id);
    for (const asset of slice.assets.filter((a) => a.release_id === release.id)) {
      rmSync(join(ctx.blobDir, asset.blob), { force: true });
    }
    slice.assets = slice.assets.filter((a) => a.release_id !== release.id);
    if (slice.latestId === release.id) slice.latestId = null;
    // The tag stays, as on GitHub.
    return { status: 204 };
  },
};

const getReleaseByTag: Route = {
  method: "GET",
  path: "/repos/{owner}/{repo}/releases/tags/{tag}",
  handler: (ctx) => {
    const release = releaseSlice(ctx.repo)
      .releases.filter((r) => !r.draft && r.tag_name === ctx.params.tag)
      .sort(byNewest)[0];
    if (!release) throw new HttpError(404, "Not Found");
    return { status: 200, body: json(ctx, release) };
  },
};

const getLatestRelease: Route = {
  method: "GET",
  path: "/repos/{owner}/{repo}/releases/latest",
  handler: (ctx) => {
    const release = latestRelease(releaseSlice(ctx.repo));
    if (!release) throw new HttpError(404, "Not Found");
    return { status: 200, body: json(ctx, release) };
  },
};

const generateReleaseNotes: Route = {
  method: "POST",
  path: "/repos/{owner}/{repo}/releases/generate-notes",
  handler: (ctx) => {
    const input = ctx.body as {
      tag_name: string;
      target_commitish?: string;
      previous_tag_name?: string;
    };
    return {
      status: 200,
      body: generateNotes(ctx, input.tag_name, input.target_commitish, input.previous_tag_name),
    };
  },
};

/**
 * GitHub lists merged pull requests; the sandbox has none, so it lists the commits between the
 * previous release's tag and this one, in the same Markdown layout.
 */
function generateNotes(
  ctx: RouteContext,
  tag: string,
  target: string | undefined,
  previousTag: string | undefined,
): { name: string; body: string } {
  const repo = ctx.repo;
  const git = gitSlice(repo);
  const head =
    (git.refs[`refs/tags/${tag}`] && resolveCommitish(repo, `refs/tags/${tag}`)) ||
    resolveCommitish(repo, target ?? repo.defaultBranch);
  if (!head) throw new HttpError(404, "Not Found");
  let previous = previousTag;
  if (previous !== undefined && !resolveCommitish(repo, `refs/tags/${previous}`)) {
    throw new HttpError(422, "Validation Failed", [
      { resource: "Release", code: "invalid", field: "previous_tag_name" },
    ]);
  }
  if (previous === undefined) {
    previous = releaseSlice(repo)
      .releases.filter((r) => !r.draft && r.tag_name !== tag && git.refs[`refs/tags/${r.tag_name}`])
      .sort(byNewest)
      .find((r) => {
        const sha = resolveCommitish(repo, `refs/tags/${r.tag_name}`);
        return sha !== undefined && compareCommits(git, sha, head).behindBy === 0;
      })?.tag_name;
  }
  const base = previous ? resolveCommitish(repo, `refs/tags/${previous}`) : undefined;
  // Oldest first either way.
  const commits = base ? compareCommits(git, base, head).commits : history(git, head).reverse();
  const full = `${ctx.serverUrl}/${repo.owner}/${repo.name}`;
  const lines = commits.map(
    (c) => `* ${c.message.split("\n")[0]} by @${ctx.actor} in ${c.sha.slice(0, 7)}`,
  );
  const changes = lines.length ? `## What's Changed\n${lines.join("\n")}\n\n` : "";
  const changelog = previous
    ? `**Full Changelog**: ${full}/compare/${previous}...${tag}`
    : `**Full Changelog**: ${full}/commits/${tag}`;
  return { name: tag, body: `${changes}${changelog}` };
}

export const routes: Route[] = [
  createRelease,
  listReleases,
  getRelease,
  updateRelease,
  deleteRelease,
  getReleaseByTag,
  getLatestRelease,
  generateReleaseNotes,
];
