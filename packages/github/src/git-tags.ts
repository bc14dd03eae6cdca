import { FastDeployError } from "@fastdeploy/core";
import type { GitHubClient } from "./octokit.js";
import type { RepoRef } from "./release-assets.js";
import { statusOf } from "./release-store.js";

/**
 * Release tags as git sees them. A tag ref names either a commit (lightweight tag) or an
 * annotated tag object, which must be peeled to the commit it tags before comparing.
 */

export interface TagRef {
  name: string;
  /** What the ref names: the commit, or the annotated tag object. */
  objectSha: string;
  objectType: string;
}

export interface ResolvedTag extends TagRef {
  /** The commit the tag points at, annotated tags peeled. */
  commit: string;
}

/** A tag or commit cannot serve as a release's tag or target. */
export class TagError extends FastDeployError {
  override name = "TagError";
}

/** The tag points at another commit than the one being released. */
export class TagMismatchError extends TagError {
  override name = "TagMismatchError";
  constructor(
    readonly tag: string,
    readonly actual: string,
    readonly expected: string,
  ) {
    super(
      `Tag ${tag} points at commit ${actual}, but this release is of commit ${expected}. ` +
        "A release tag never moves: publish a new version, or delete the tag if it was created by mistake.",
    );
  }
}

const FULL_SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const MAX_TAG_DEPTH = 5;

/** Tag refs whose name starts with `prefix` (`v` lists v1.0.0, v1.1.0, …), in one request. */
export async function listTagRefs(
  client: GitHubClient,
  repo: RepoRef,
  prefix: string,
): Promise<TagRef[]> {
  // matching-refs answers every match at once and [] (not 404) when none match.
  const response = await client.rest.git.listMatchingRefs({ ...repo, ref: `tags/${prefix}` });
  return response.data.map((ref) => ({
    name: ref.ref.replace(/^refs\/tags\//, ""),
    objectSha: ref.object.sha,
    objectType: ref.object.type,
  }));
}

/** The tag `name` and the commit it points at, or undefined when the tag does not exist. */
export async function findTag(
  client: GitHubClient,
  repo: RepoRef,
  name: string,
): Promise<ResolvedTag | undefined> {
  const ref = (await listTagRefs(client, repo, name)).find((t) => t.name === name);
  if (!ref) return undefined;
  return { ...ref, commit: await peelTag(client, repo, ref) };
}

/** Follows annotated tag objects down to the commit they tag; one request per tag object. */
export async function peelTag(client: GitHubClient, repo: RepoRef, ref: TagRef): Promise<string> {
  let sha = ref.objectSha;
  let type = ref.objectType;
  for (let depth = 0; type === "tag"; depth++) {
    if (depth >= MAX_TAG_DEPTH) {
      throw new TagError(`Tag ${ref.name} nests more than ${MAX_TAG_DEPTH} tag objects.`);
    }
    const tag = await client.rest.git.getTag({ ...repo, tag_sha: sha });
    sha = tag.data.object.sha;
    type = tag.data.object.type;
  }
  if (type !== "commit") {
    throw new TagError(`Tag ${ref.name} points at a ${type}, not a commit.`);
  }
  return sha;
}

/** A full commit SHA for a commit-ish (branch, tag, short SHA); full SHAs cost no request. */
export async function resolveCommit(
  client: GitHubClient,
  repo: RepoRef,
  commitish: string,
): Promise<string> {
  if (FULL_SHA.test(commitish)) return commitish;
  try {
    const response = await client.rest.repos.getCommit({ ...repo, ref: commitish });
    return response.data.sha;
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 422) {
      throw new TagError(
        `"${commitish}" is not a commit, branch or tag of ${repo.owner}/${repo.repo}; ` +
          "pass a full commit SHA as target, or leave it empty to use the manifest's commit.",
      );
    }
    throw error;
  }
}
