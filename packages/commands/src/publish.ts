import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { isPrerelease, tagForVersion } from "@fastdeploy/core";
import { type GitHubClient, ReleaseStore, type RepoRef, resolveCommit } from "@fastdeploy/github";
import type { Log, WorkflowArtifacts } from "./ports.js";
import {
  type FilePaths,
  findArtifactFiles,
  PublishFilesError,
  verifyPublishFiles,
} from "./publish-files.js";
import { PublishError } from "./publish-plan.js";
import { PublishRun } from "./publish-run.js";

export * from "./publish-draft.js";
export * from "./publish-files.js";
export * from "./publish-notes.js";
export * from "./publish-plan.js";

/**
 * publish: the Store. One GitHub Release per version, tag `v<version>` at the manifest's commit,
 * assets archive + manifest + SHA256SUMS. The release is a draft while assets upload and is
 * published last, so nobody sees it half done; once published it never changes. This file
 * checks the inputs and the files; publish-run.ts converges the release.
 */

export interface PublishOptions {
  repo: RepoRef;
  /** Local files, or `artifact`: the name of the workflow artifact build uploaded. */
  archive?: string;
  manifest?: string;
  checksums?: string;
  artifact?: string;
  /** Default: the manifest's version (anything else is refused). */
  version?: string;
  /** Default: `<tagPrefix><version>`. */
  tag?: string;
  tagPrefix?: string;
  /** Commit-ish the tag is created at. Default: the manifest's commit. */
  target?: string;
  /** Default: the version has a prerelease part. */
  prerelease?: boolean;
  /** Leave the release as a draft. */
  draft?: boolean;
  /** `auto` (GitHub's generated notes since the previous release) or the text. */
  notes?: string;
  makeLatest?: boolean;
}

export interface PublishPorts {
  github: GitHubClient;
  log: Log;
  /** Needed for the `artifact` option (the action uses @actions/artifact). */
  artifacts?: Pick<WorkflowArtifacts, "download">;
  /** Scratch space for a downloaded artifact (RUNNER_TEMP in an action). */
  tempDir: string;
}

/** `draft` only when the `draft` option left the release unpublished. */
export type PublishStatus = "published" | "already_published" | "draft";

export interface PublishedAsset {
  name: string;
  size: number;
  digest: string;
  url: string;
}

export interface PublishResult {
  status: PublishStatus;
  version: string;
  tag: string;
  /** The commit the tag points at. */
  commit: string;
  releaseId: number;
  releaseUrl: string;
  prerelease: boolean;
  assets: PublishedAsset[];
  /** API requests this publish cost. */
  requests: number;
}

export async function publish(
  options: PublishOptions,
  ports: PublishPorts,
): Promise<PublishResult> {
  const startRequests = ports.github.requestCount();
  const { paths, cleanup } = await resolvePaths(options, ports);
  try {
    return await publishFiles(options, ports, paths, startRequests);
  } finally {
    await cleanup();
  }
}

async function publishFiles(
  options: PublishOptions,
  ports: PublishPorts,
  paths: FilePaths,
  startRequests: number,
): Promise<PublishResult> {
  const { github, log } = ports;
  const verified = await log.group("Verify the archive, manifest and SHA256SUMS", async () => {
    const result = await verifyPublishFiles(paths);
    for (const file of result.files) log.info(`${file.name}: ${file.size} bytes, ${file.digest}`);
    return result;
  });
  const { manifest, files } = verified;

  const version = options.version ?? manifest.version;
  if (version !== manifest.version) {
    throw new PublishError(
      `Input version ${version} differs from the manifest's version ${manifest.version}; an ` +
        "artifact is published under the version it was built as: leave version empty or rebuild.",
    );
  }
  const tag = options.tag ?? tagForVersion(version, options.tagPrefix ?? "v");
  const prerelease = options.prerelease ?? isPrerelease(version);
  const makeLatest = options.makeLatest ?? false;
  if (prerelease && makeLatest) {
    throw new PublishError(
      `Version ${version} is published as a prerelease, which GitHub never marks latest; ` +
        "set make-latest to false or prerelease to false.",
    );
  }
  const repoName = `${options.repo.owner}/${options.repo.repo}`;
  if (manifest.source.repository.toLowerCase() !== repoName.toLowerCase()) {
    log.warning(
      `The manifest was built from ${manifest.source.repository}, not ${repoName}; its commit ` +
        "must exist in this repository for the tag.",
    );
  }
  const target = await resolveCommit(
    github,
    options.repo,
    options.target ?? manifest.source.commit,
  );
  if (target !== manifest.source.commit) {
    log.warning(
      `The tag ${tag} will point at ${target}, not at ${manifest.source.commit}, the commit the ` +
        "artifact was built from (the target input overrides it).",
    );
  }

  const store = new ReleaseStore(github, options.repo);
  const run = new PublishRun(
    options,
    ports,
    store,
    { version, tag, target, prerelease, makeLatest },
    files,
  );
  const result = await run.execute(manifest.created_at);
  return { ...result, requests: github.requestCount() - startRequests };
}

async function resolvePaths(
  options: PublishOptions,
  ports: PublishPorts,
): Promise<{ paths: FilePaths; cleanup: () => Promise<void> }> {
  const local = [options.archive, options.manifest, options.checksums];
  if (options.artifact) {
    if (local.some((p) => p !== undefined)) {
      throw new PublishFilesError(
        "Give either artifact or archive + manifest + checksums, not both.",
      );
    }
    if (!ports.artifacts) {
      throw new PublishFilesError("Workflow artifacts cannot be downloaded here; pass file paths.");
    }
    const dir = await mkdtemp(join(ports.tempDir, "fastdeploy-publish-"));
    const cleanup = () => rm(dir, { recursive: true, force: true });
    const name = options.artifact;
    const artifacts = ports.artifacts;
    try {
      await ports.log.group(`Download workflow artifact ${name}`, () =>
        artifacts.download(name, dir),
      );
      return { paths: await findArtifactFiles(dir, name), cleanup };
    } catch (error) {
      await cleanup();
      throw error;
    }
  }
  const [archive, manifest, checksums] = local;
  if (!archive || !manifest || !checksums) {
    const missing = ["archive", "manifest", "checksums"].filter((_, i) => !local[i]);
    throw new PublishFilesError(
      `Missing ${missing.join(", ")}: give archive, manifest and checksums (the build step's ` +
        "outputs), or artifact (the name of the workflow artifact build uploaded).",
    );
  }
  return { paths: { archive, manifest, checksums }, cleanup: async () => {} };
}
