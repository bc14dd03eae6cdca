import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { FastDeployError, isPrerelease } from "@fastdeploy/core";
import type { GitHubClient, RepoRef } from "@fastdeploy/github";
import type { VerifiedRelease } from "./distribute-pass.js";
import { DistributeError } from "./distribute-types.js";
import type { Log } from "./ports.js";
import { verifyRelease } from "./verify.js";

/** The release side of a deploy: the verified artifact, its commit time, the latest mark. */

interface ReleasePorts {
  github: GitHubClient;
  log: Log;
}

/** What verifyRelease throws when the bytes are wrong (not when the release is missing). */
const VERIFICATION_ERRORS = new Set([
  "VerificationError",
  "ChecksumError",
  "ManifestError",
  "ArchiveError",
]);

/**
 * Downloads one version's release into `workDir/<version>/release`, verifies it (SHA256SUMS,
 * manifest, every file) and extracts it into `workDir/<version>/artifact`. Any mismatch is a
 * DistributeError ("verification") raised before anything ran or was written.
 */
export async function fetchVerifiedRelease(
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
  await mkdir(join(dir, "release"), { recursive: true });
  try {
    const verified = await ports.log.group(`Download and verify ${where.tag}`, () =>
      verifyRelease(
        {
          repo: where.repo,
          version: where.version,
          tagPrefix: where.tagPrefix,
          downloadDir: join(dir, "release"),
          extractTo: join(dir, "artifact"),
          ...(where.onRelease ? { onRelease: where.onRelease } : {}),
        },
        ports,
      ),
    );
    return {
      version: where.version,
      digest: verified.digest,
      releaseId: verified.releaseId,
      tag: verified.tag,
      releaseUrl: verified.releaseUrl,
      manifest: verified.manifest,
      dir: verified.extractedTo ?? join(dir, "artifact"),
      archive: verified.files.archive,
      manifestFile: verified.files.manifest,
    };
  } catch (error) {
    if (error instanceof FastDeployError && VERIFICATION_ERRORS.has(error.name)) {
      throw new DistributeError(
        `${where.tag} failed verification, so nothing was deployed: ${error.message}`,
        "verification",
      );
    }
    throw error;
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
    await ports.github.rest.repos.updateRelease({
      ...repo,
      release_id: release.releaseId,
      make_latest: "true",
    });
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
