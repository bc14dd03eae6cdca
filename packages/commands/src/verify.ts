import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { extractArchive, parseSha256Sums, sha256File } from "@fastdeploy/artifact";
import {
  FastDeployError,
  formatSize,
  MAX_MANIFEST_BYTES,
  type Manifest,
  parseManifest,
  tagForVersion,
} from "@fastdeploy/core";
import { downloadPublishedArtifact, type GitHubClient, type RepoRef } from "@fastdeploy/github";
import type { Log } from "./ports.js";

export class VerificationError extends FastDeployError {
  override name = "VerificationError";
}

export interface ArtifactFiles {
  archive: string;
  manifest: string;
  checksums?: string;
}

export interface VerifyPolicy {
  /** Paths that must be in the archive. */
  requireFiles?: string[];
  /** Largest archive allowed, in bytes. */
  maxSize?: number;
  /** Keep the extracted tree here (distribute deploys from it); otherwise a temp dir, removed. */
  extractTo?: string;
}

export interface VerifiedArtifact {
  manifest: Manifest;
  version: string;
  digest: string;
  size: number;
  /** Set when `extractTo` was given. */
  extractedTo?: string;
}

/**
 * Checks an artifact end to end: SHA256SUMS against the archive and manifest, the manifest
 * against the archive's size and digest, and every entry of the archive against the
 * manifest (by extracting it safely). Any mismatch names the file and both digests.
 */
export async function verifyArtifact(
  files: ArtifactFiles,
  policy: VerifyPolicy,
  ports: { log: Log },
): Promise<VerifiedArtifact> {
  const { log } = ports;
  const manifestInfo = await statOrFail(files.manifest, "manifest");
  if (manifestInfo.size > MAX_MANIFEST_BYTES) {
    throw new VerificationError(
      `${basename(files.manifest)}: oversized manifest (${formatSize(manifestInfo.size)}, the limit is ${formatSize(MAX_MANIFEST_BYTES)}).`,
    );
  }
  // Read once: the same bytes are parsed and hashed for SHA256SUMS.
  const manifestBytes = await readFile(files.manifest);
  const manifest = parseManifest(manifestBytes.toString("utf8"), basename(files.manifest));
  const archiveInfo = await statOrFail(files.archive, "archive");

  if (policy.maxSize !== undefined && archiveInfo.size > policy.maxSize) {
    throw new VerificationError(
      `${basename(files.archive)} is ${formatSize(archiveInfo.size)}, over max-size ${formatSize(policy.maxSize)}.`,
    );
  }
  // SHA256SUMS is read while the archive is hashed; a failed read surfaces after the hash, as before.
  const sumsText = files.checksums ? readFile(files.checksums, "utf8") : undefined;
  sumsText?.catch(() => {});
  const archive = await sha256File(files.archive);
  if (files.checksums) {
    const sums = parseSha256Sums(await sumsText!, basename(files.checksums));
    const manifestDigest = `sha256:${createHash("sha256").update(manifestBytes).digest("hex")}`;
    for (const [path, digest] of [
      [files.archive, archive.digest],
      [files.manifest, manifestDigest],
    ] as const) {
      const name = basename(path);
      const listed = sums.find((s) => s.name === name);
      if (!listed) {
        throw new VerificationError(
          `${basename(files.checksums)} has no line for ${name}; it does not cover this artifact.`,
        );
      }
      if (normalise(listed.digest) !== digest) {
        throw new VerificationError(
          `${name} does not match ${basename(files.checksums)}: the file is ${digest}, SHA256SUMS says ${normalise(listed.digest)}.`,
        );
      }
    }
    log.info(`SHA256SUMS matches ${basename(files.archive)} and ${basename(files.manifest)}.`);
  }
  if (archive.digest !== manifest.archive.digest || archive.size !== manifest.archive.size) {
    throw new VerificationError(
      `${basename(files.archive)} does not match its manifest: the file is ${archive.digest} (${archive.size} bytes), ` +
        `the manifest says ${manifest.archive.digest} (${manifest.archive.size} bytes).`,
    );
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  const missing = (policy.requireFiles ?? []).filter((f) => !listed.has(f.replace(/^\.\//, "")));
  if (missing.length) {
    throw new VerificationError(
      `${basename(files.archive)} lacks required files: ${missing.join(", ")}.`,
    );
  }

  const dest = policy.extractTo ?? (await mkdtemp(join(tmpdir(), "fastdeploy-verify-")));
  try {
    if (!policy.extractTo) await rm(dest, { recursive: true, force: true });
    await extractArchive({ archive: files.archive, dest, manifest });
  } finally {
    if (!policy.extractTo) await rm(dest, { recursive: true, force: true });
  }
  log.info(
    `Verified ${manifest.name} ${manifest.version}: ${manifest.files.length} files, ${archive.digest}.`,
  );
  return {
    manifest,
    version: manifest.version,
    digest: archive.digest,
    size: archive.size,
    ...(policy.extractTo ? { extractedTo: policy.extractTo } : {}),
  };
}

export interface VerifyReleaseOptions extends VerifyPolicy {
  repo: RepoRef;
  version: string;
  tagPrefix?: string;
  /** Where the assets are downloaded; a fresh temp dir when left out (then removed). */
  downloadDir?: string;
  /**
   * Told the release's target commit once the release is found, before its assets download
   * and are checked, so a caller can start reads that only need it meanwhile.
   */
  onRelease?: (release: { commit: string }) => void;
}

/** Store mode: downloads a published release's assets and verifies them. */
export async function verifyRelease(
  options: VerifyReleaseOptions,
  ports: { log: Log; github: GitHubClient },
): Promise<
  VerifiedArtifact & { releaseId: number; tag: string; releaseUrl: string; files: ArtifactFiles }
> {
  const tag = tagForVersion(options.version, options.tagPrefix ?? "v");
  const dir = options.downloadDir ?? (await mkdtemp(join(tmpdir(), "fastdeploy-release-")));
  try {
    const published = await ports.log.group(`Download release ${tag}`, () =>
      downloadPublishedArtifact(ports.github, { ...options.repo, tag }, dir, options.onRelease),
    );
    const files = {
      archive: published.archive.path,
      manifest: published.manifest.path,
      checksums: published.checksums.path,
    };
    const verified = await verifyArtifact(files, options, ports);
    if (verified.version !== options.version) {
      throw new VerificationError(
        `Release ${tag} holds version ${verified.version} in its manifest, not ${options.version}.`,
      );
    }
    return {
      ...verified,
      releaseId: published.releaseId,
      tag,
      releaseUrl: published.htmlUrl,
      files,
    };
  } finally {
    if (!options.downloadDir) await rm(dir, { recursive: true, force: true });
  }
}

const normalise = (digest: string) => (digest.startsWith("sha256:") ? digest : `sha256:${digest}`);

async function statOrFail(path: string, what: string) {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new VerificationError(`The ${what} ${path} is not a file.`);
    return info;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new VerificationError(
        `The ${what} file ${path} does not exist; check the ${what} input.`,
      );
    }
    throw error;
  }
}
