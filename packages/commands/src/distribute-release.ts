import { join } from "node:path";
import { FastDeployError, isPrerelease } from "@fastdeploy/core";
import { type GitHubClient, ReleaseStore, type RepoRef } from "@fastdeploy/github";
import type { VerifiedRelease } from "./distribute-pass.js";
import { DistributeError } from "./distribute-types.js";
import type { Log } from "./ports.js";
import { openRelease } from "./verify.js";

/** The release side of a deploy: the verified artifact, its commit time, the latest mark. */

interface ReleasePorts {
  github: GitHubClient;
  log: Log;
}

/** What a release's verification throws when the bytes are wrong (not when it is missing). */
const VERIFICATION_ERRORS = new Set([
  "VerificationError",
  "ChecksumError",
  "ManifestError",
  "ArchiveError",
]);

/** Verification errors become the distribute error that says nothing was deployed. */
function refusal(tag: string, error: unknown): unknown {
  if (error instanceof FastDeployError && VERIFICATION_ERRORS.has(error.name)) {
    return new DistributeError(
      `${tag} failed verification, so nothing was deployed: ${error.message}`,
      "verification",
    );
  }
  return error;
}

/**
 * Opens one version's release: downloads it into `workDir/<version>/release` and returns once
 * its manifest and SHA256SUMS are in and agree, with the archive still downloading and being
 * extracted into `workDir/<version>/artifact` (the release's `extracted` settles when its
 * bytes are verified; see openRelease). A mismatch in the small files is a DistributeError
 * ("verification") raised before anything was written.
 */
export async function openVerifiedRelease(
  where: {
    repo: RepoRef;
    version: string;
    tag: string;
    tagPrefix: string;
    workDir: string;
    onRelease?: (release: { commit: string }) => void;
  },
  ports: ReleasePorts,
): Promise<VerifiedRelease> {
  const dir = join(where.workDir, where.version);
  const extractTo = join(dir, "artifact");
  try {
    const opened = await openRelease(
      {
        repo: where.repo,
        version: where.version,
        tagPrefix: where.tagPrefix,
        downloadDir: join(dir, "release"),
        extractTo,
        ...(where.onRelease ? { onRelease: where.onRelease } : {}),
      },
      ports,
    );
    const extracted = opened.archive.then(
      () => undefined,
      (error: unknown) => {
        throw refusal(where.tag, error);
      },
    );
    extracted.catch(() => {}); // awaited by the pass that deploys it, or closed unused
    return {
      version: where.version,
      digest: opened.digest,
      releaseId: opened.releaseId,
      tag: opened.tag,
      releaseUrl: opened.releaseUrl,
      manifest: opened.manifest,
      dir: extractTo,
      archive: opened.files.archive,
      manifestFile: opened.files.manifest,
      extracted,
      close: () => opened.close(),
    };
  } catch (error) {
    throw refusal(where.tag, error);
  }
}

/** Commit time of the version's source, for lead-time metrics; optional, so never fatal. */
export async function commitTime(
  repo: RepoRef,
  commit: string,
  ports: ReleasePorts,
): Promise<string | undefined> {
  try {
    const { data } = await ports.github.rest.git.getCommit({ ...repo, commit_sha: commit });
    return data.committer.date;
  } catch (error) {
    ports.log.debug(
      `No commit time for ${commit}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}

/**
 * The release marked latest is the one production runs: pull-based clients (desktop apps,
 * devices) follow it. A prerelease is never latest on GitHub, so it is left alone. A refusal
 * (a job token without `contents: write`) is a warning: what runs is already recorded.
 */
export async function markLatest(
  repo: RepoRef,
  release: VerifiedRelease,
  ports: ReleasePorts,
): Promise<boolean> {
  if (isPrerelease(release.version)) {
    ports.log.info(`${release.version} is a prerelease; GitHub never marks one latest.`);
    return false;
  }
  try {
    await new ReleaseStore(ports.github, repo).makeLatest(release.releaseId);
    ports.log.info(`Marked ${release.tag} as the latest release.`);
    return true;
  } catch (error) {
    const status = (error as { status?: number }).status;
    ports.log.warning(
      `${release.version} is live, but ${release.tag} could not be marked latest` +
        `${status ? ` (HTTP ${status})` : ""}: grant the job \`contents: write\` so pull-based clients follow production.`,
    );
    return false;
  }
}
