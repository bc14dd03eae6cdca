import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FastDeployError, type Manifest, parseManifest } from "@fastdeploy/core";
import { downloadReleaseAsset, type GitHubClient, type RepoRef } from "@fastdeploy/github";

/** The version has no tag or release to check against; the message says what to do. */
export class VersionNotPublishedError extends FastDeployError {
  override name = "VersionNotPublishedError";
}

/**
 * The commit a release tag points at (lightweight or annotated). One request, two for an
 * annotated tag.
 */
export async function resolveTagCommit(
  client: GitHubClient,
  repo: RepoRef,
  tag: string,
): Promise<string> {
  let ref: Awaited<ReturnType<GitHubClient["rest"]["git"]["getRef"]>>["data"];
  try {
    ({ data: ref } = await client.rest.git.getRef({ ...repo, ref: `tags/${tag}` }));
  } catch (error) {
    if ((error as { status?: number }).status === 404) {
      throw new VersionNotPublishedError(
        `No tag ${tag} in ${repo.owner}/${repo.repo}: publish the version first (actions/publish), ` +
          "or check the version and the tag prefix.",
      );
    }
    throw error;
  }
  if (ref.object.type !== "tag") return ref.object.sha;
  const { data: annotated } = await client.rest.git.getTag({ ...repo, tag_sha: ref.object.sha });
  return annotated.object.sha;
}

/**
 * The manifest of a published release, downloaded alone (the archive can be gigabytes and
 * promotion order only needs the digest): 1 request for the release + 1 download.
 */
export async function readReleaseManifest(
  client: GitHubClient,
  repo: RepoRef,
  tag: string,
): Promise<{ manifest: Manifest; releaseId: number }> {
  let release: Awaited<ReturnType<GitHubClient["rest"]["repos"]["getReleaseByTag"]>>["data"];
  try {
    ({ data: release } = await client.rest.repos.getReleaseByTag({ ...repo, tag }));
  } catch (error) {
    if ((error as { status?: number }).status === 404) {
      throw new VersionNotPublishedError(
        `No published release with tag ${tag} in ${repo.owner}/${repo.repo}: publish the version ` +
          "first (actions/publish), or check the version and the tag prefix.",
      );
    }
    throw error;
  }
  const assets = release.assets.filter((a) => a.name.endsWith(".manifest.json"));
  if (assets.length !== 1) {
    throw new VersionNotPublishedError(
      `Release ${tag} must have exactly one .manifest.json asset, found ${assets.length}; ` +
        "it was not published by FastDeploy or is incomplete.",
    );
  }
  const asset = assets[0]!;
  const dir = await mkdtemp(join(tmpdir(), "fastdeploy-approve-"));
  try {
    const file = await downloadReleaseAsset(
      client,
      { ...repo, assetId: asset.id, name: asset.name },
      join(dir, asset.name),
    );
    return {
      manifest: parseManifest(await readFile(file.path, "utf8"), asset.name),
      releaseId: release.id,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
