import { join } from "node:path";
import { FastDeployError } from "@fastdeploy/core";
import type { GitHubClient } from "./octokit.js";
import { type DownloadedAsset, downloadReleaseAsset, type RepoRef } from "./release-assets.js";

export class ReleaseNotFoundError extends FastDeployError {
  override name = "ReleaseNotFoundError";
}

export interface PublishedArtifact {
  releaseId: number;
  tag: string;
  htmlUrl: string;
  commit: string;
  archive: DownloadedAsset;
  manifest: DownloadedAsset;
  checksums: DownloadedAsset;
}

/**
 * Downloads the three assets of a published release (archive, manifest, SHA256SUMS) into
 * `dir`, streaming. Drafts are not releases yet: get-by-tag never returns them, which is
 * exactly right for a consumer. Costs 1 request + 3 downloads. `onRelease` is told the
 * release's target commit as soon as the release is found with its three assets, before they
 * download, so a caller can start a read that only needs it while the bytes come in.
 */
export async function downloadPublishedArtifact(
  client: GitHubClient,
  where: RepoRef & { tag: string },
  dir: string,
  onRelease?: (release: { commit: string }) => void,
): Promise<PublishedArtifact> {
  let release: Awaited<ReturnType<GitHubClient["rest"]["repos"]["getReleaseByTag"]>>["data"];
  try {
    ({ data: release } = await client.rest.repos.getReleaseByTag({
      owner: where.owner,
      repo: where.repo,
      tag: where.tag,
    }));
  } catch (error) {
    if ((error as { status?: number }).status === 404) {
      throw new ReleaseNotFoundError(
        `No published release with tag ${where.tag} in ${where.owner}/${where.repo}. ` +
          "Publish the version first (actions/publish), or check the version and the tag prefix.",
      );
    }
    throw error;
  }
  const pick = (label: string, test: (name: string) => boolean) => {
    const found = release.assets.filter((a) => test(a.name));
    if (found.length !== 1) {
      throw new ReleaseNotFoundError(
        `Release ${where.tag} must have exactly one ${label} asset, found ${found.length} ` +
          `(${release.assets.map((a) => a.name).join(", ") || "no assets"}). It was not published by FastDeploy or is incomplete.`,
      );
    }
    return found[0]!;
  };
  const archive = pick("archive (.tar.gz)", (n) => n.endsWith(".tar.gz"));
  const manifest = pick("manifest (.manifest.json)", (n) => n.endsWith(".manifest.json"));
  const checksums = pick("SHA256SUMS", (n) => n === "SHA256SUMS");
  onRelease?.({ commit: release.target_commitish });
  const get = (asset: { id: number; name: string }, signal?: AbortSignal) =>
    downloadReleaseAsset(
      client,
      { ...where, assetId: asset.id, name: asset.name },
      join(dir, asset.name),
      signal,
    );
  // The three downloads go out together; when a small file fails, the archive's download is
  // stopped (and its partial file removed) before the error surfaces, so a bad manifest or
  // checksum file never waits for gigabytes.
  const stopArchive = new AbortController();
  const archiving = get(archive, stopArchive.signal);
  // Handled at once: an archive that fails while the small files still download must not be
  // an unhandled rejection, which ends node's process; its error surfaces below all the same.
  archiving.catch(() => {});
  let checksumsFile: DownloadedAsset;
  let manifestFile: DownloadedAsset;
  try {
    [checksumsFile, manifestFile] = await Promise.all([get(checksums), get(manifest)]);
  } catch (error) {
    stopArchive.abort();
    await archiving.catch(() => {});
    throw error;
  }
  const archiveFile = await archiving;
  return {
    releaseId: release.id,
    tag: release.tag_name,
    htmlUrl: release.html_url,
    commit: release.target_commitish,
    archive: archiveFile,
    manifest: manifestFile,
    checksums: checksumsFile,
  };
}
