import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { FastDeployError } from "@fastdeploy/core";
import type { GitHubClient } from "./octokit.js";
import {
  type DownloadedAsset,
  type DownloadOptions,
  downloadReleaseAsset,
  type RepoRef,
} from "./release-assets.js";

/** The manifest and SHA256SUMS are kept in memory up to this size (typical ones are KBs). */
const KEEP_SMALL_FILES = 1024 * 1024;

export class ReleaseNotFoundError extends FastDeployError {
  override name = "ReleaseNotFoundError";
}

export interface PublishedArtifact {
  releaseId: number;
  tag: string;
  htmlUrl: string;
  commit: string;
  manifest: DownloadedAsset;
  checksums: DownloadedAsset;
  /** Where the archive is being written. */
  archivePath: string;
  /** The archive's download, still under way when this is returned. */
  archive: Promise<DownloadedAsset>;
  /** Stops the archive's download (its partial file removed); settles when it has stopped. */
  stopArchive(): Promise<void>;
}

export interface DownloadHooks {
  /**
   * Told the release's target commit as soon as its three assets are asked for, so a caller
   * can start a read that only needs it while they download.
   */
  onRelease?: (release: { commit: string }) => void;
  /** Receives the archive's bytes as they arrive (see downloadReleaseAsset's `copy`). */
  archiveCopy?: Writable;
}

/**
 * Downloads the three assets of a published release (archive, manifest, SHA256SUMS) into
 * `dir` (created if missing), streaming. Drafts are not releases yet: get-by-tag never returns
 * them, which is exactly right for a consumer. Costs 1 request + 3 downloads.
 *
 * Returns once the manifest and SHA256SUMS are in (kept in `bytes` too when small), with the
 * archive still downloading: a caller checks the small files while the big one comes, and
 * stops it when they do not hold up, so a bad manifest never waits for gigabytes.
 */
export async function downloadPublishedArtifact(
  client: GitHubClient,
  where: RepoRef & { tag: string },
  dir: string,
  hooks: DownloadHooks = {},
): Promise<PublishedArtifact> {
  // The directory is made while the release is looked up: the lookup is the critical path.
  const making = mkdir(dir, { recursive: true });
  making.catch(() => {});
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
  await making;
  const get = (asset: { id: number; name: string }, options: DownloadOptions = {}) =>
    downloadReleaseAsset(
      client,
      { ...where, assetId: asset.id, name: asset.name },
      join(dir, asset.name),
      options,
    );
  // The three downloads go out together.
  const stop = new AbortController();
  const archiving = get(archive, {
    signal: stop.signal,
    ...(hooks.archiveCopy ? { copy: hooks.archiveCopy } : {}),
  });
  // Handled at once: an archive that fails while the small files still download must not be
  // an unhandled rejection, which ends node's process; its error surfaces to whoever awaits it.
  archiving.catch(() => {});
  const small = Promise.all([
    get(checksums, { keep: KEEP_SMALL_FILES }),
    get(manifest, { keep: KEEP_SMALL_FILES }),
  ]);
  small.catch(() => {});
  // Told once the downloads are asked for, so a caller's reads queue behind them.
  hooks.onRelease?.({ commit: release.target_commitish });
  const stopArchive = async () => {
    stop.abort();
    await archiving.catch(() => {});
  };
  let checksumsFile: DownloadedAsset;
  let manifestFile: DownloadedAsset;
  try {
    [checksumsFile, manifestFile] = await small;
  } catch (error) {
    await stopArchive();
    throw error;
  }
  return {
    releaseId: release.id,
    tag: release.tag_name,
    htmlUrl: release.html_url,
    commit: release.target_commitish,
    manifest: manifestFile,
    checksums: checksumsFile,
    archivePath: join(dir, archive.name),
    archive: archiving,
    stopArchive,
  };
}
