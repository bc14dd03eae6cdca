import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { PassThrough } from "node:stream";
import { extractArchive, parseSha256Sums, sha256Bytes, sha256File } from "@fastdeploy/artifact";
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
  const small = await readSmallFiles(files);
  const archiveInfo = await statOrFail(files.archive, "archive");
  checkPolicy(files, small.manifest, archiveInfo.size, policy);
  const archive = await sha256File(files.archive);
  checkArchive(files, small, archive, log);

  const dest = policy.extractTo ?? (await mkdtemp(join(tmpdir(), "fastdeploy-verify-")));
  try {
    if (!policy.extractTo) await rm(dest, { recursive: true, force: true });
    await extractArchive({ archive: files.archive, dest, manifest: small.manifest });
  } finally {
    if (!policy.extractTo) await rm(dest, { recursive: true, force: true });
  }
  return verified(small.manifest, archive, policy, log);
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

/**
 * What the archive's extraction is stopped with. An error, not a bare destroy: a pipeline
 * built on a stream destroyed without one can wait forever for its end. Not a
 * VerificationError: a release whose download was stopped did not fail verification.
 */
const STOPPED = new Error("the archive's download was stopped");

/** A published release whose manifest and SHA256SUMS are in and agree; its archive is coming. */
export interface OpenedRelease {
  manifest: Manifest;
  version: string;
  /** The archive's digest as SHA256SUMS and the manifest state it (checked against its bytes). */
  digest: string;
  releaseId: number;
  tag: string;
  releaseUrl: string;
  files: ArtifactFiles;
  /**
   * Settles when the archive's last byte is in: fulfilled once its bytes match SHA256SUMS and
   * the manifest and every entry is extracted into `extractTo`; rejected otherwise (a
   * VerificationError, or the download's own error), with nothing left extracted.
   */
  archive: Promise<VerifiedArtifact>;
  /** Stops the archive's download and extraction, removing what they wrote. */
  close(): Promise<void>;
}

/**
 * Store mode, first half: finds a published release, downloads its assets, and checks the
 * manifest and SHA256SUMS as soon as they are in, while the archive still downloads. The
 * archive is extracted as it arrives and hashed once, by the download (one pass over its
 * bytes, not three: the download, a hash, the extraction); its digest is known only when the
 * last byte is in, and a mismatch then removes everything extracted. So a caller can do what needs only the manifest (read
 * the ledger, apply the rules) meanwhile, and must await `archive` before using the files.
 */
export async function openRelease(
  options: VerifyReleaseOptions & { downloadDir: string; extractTo: string },
  ports: { log: Log; github: GitHubClient },
): Promise<OpenedRelease> {
  const { log } = ports;
  const tag = tagForVersion(options.version, options.tagPrefix ?? "v");
  // Lets a small archive download whole while the manifest is still being checked.
  const archiveBytes = new PassThrough({ highWaterMark: 1024 * 1024 });
  // Its errors reach the extraction reading it; with none yet, they must not end the process.
  archiveBytes.on("error", () => {});
  let published: Awaited<ReturnType<typeof downloadPublishedArtifact>>;
  try {
    published = await downloadPublishedArtifact(
      ports.github,
      { ...options.repo, tag },
      options.downloadDir,
      {
        ...(options.onRelease ? { onRelease: options.onRelease } : {}),
        archiveCopy: archiveBytes,
      },
    );
  } catch (error) {
    archiveBytes.destroy(STOPPED);
    throw error;
  }
  const files = {
    archive: published.archivePath,
    manifest: published.manifest.path,
    checksums: published.checksums.path,
  };
  let small: SmallFiles;
  try {
    small = await readSmallFiles(files, {
      manifest: published.manifest.bytes,
      checksums: published.checksums.bytes,
    });
    if (small.manifest.version !== options.version) {
      throw new VerificationError(
        `Release ${tag} holds version ${small.manifest.version} in its manifest, not ${options.version}.`,
      );
    }
    checkPolicy(files, small.manifest, small.manifest.archive.size, options);
  } catch (error) {
    archiveBytes.destroy(STOPPED);
    await published.stopArchive();
    throw error;
  }
  const extracting = extractArchive({
    archive: files.archive,
    source: archiveBytes,
    // The download hashes the bytes as they arrive; the extraction does not hash them again.
    sourceDigest: published.archive,
    dest: options.extractTo,
    // Bytes that do not match the manifest (so SHA256SUMS, which names the same digest) are
    // refused by the extraction itself, everything it wrote removed.
    manifest: small.manifest,
  });
  extracting.catch(() => {});
  const archive = (async () => {
    const downloaded = await published.archive.catch(async (error: unknown) => {
      await extracting.catch(() => {});
      throw error;
    });
    // The bytes' own verdict comes first: a tampered archive is reported as such, not as the
    // broken entry or gzip stream the tampering made (the extraction fails on it as well, and
    // removes what it wrote).
    try {
      checkArchive(files, small, downloaded, log);
    } catch (error) {
      await extracting.catch(() => {});
      throw error;
    }
    await extracting;
    return verified(small.manifest, downloaded, options, log);
  })();
  archive.catch(() => {});
  return {
    manifest: small.manifest,
    version: small.manifest.version,
    digest: small.manifest.archive.digest,
    releaseId: published.releaseId,
    tag,
    releaseUrl: published.htmlUrl,
    files,
    archive,
    close: async () => {
      archiveBytes.destroy(STOPPED);
      await published.stopArchive();
      await archive.catch(() => {});
    },
  };
}

/** Store mode: downloads a published release's assets and verifies them (see openRelease). */
export async function verifyRelease(
  options: VerifyReleaseOptions,
  ports: { log: Log; github: GitHubClient },
): Promise<
  VerifiedArtifact & { releaseId: number; tag: string; releaseUrl: string; files: ArtifactFiles }
> {
  const tag = tagForVersion(options.version, options.tagPrefix ?? "v");
  const downloadDir = options.downloadDir ?? (await mkdtemp(join(tmpdir(), "fastdeploy-release-")));
  const extractTo = options.extractTo ?? (await mkdtemp(join(tmpdir(), "fastdeploy-verify-")));
  try {
    return await ports.log.group(`Download release ${tag}`, async () => {
      const opened = await openRelease({ ...options, downloadDir, extractTo }, ports);
      const { extractedTo, ...artifact } = await opened.archive;
      return {
        ...artifact,
        releaseId: opened.releaseId,
        tag,
        releaseUrl: opened.releaseUrl,
        files: opened.files,
        ...(options.extractTo ? { extractedTo } : {}),
      };
    });
  } finally {
    if (!options.downloadDir) await rm(downloadDir, { recursive: true, force: true });
    if (!options.extractTo) await rm(extractTo, { recursive: true, force: true });
  }
}

/** The manifest, parsed, and SHA256SUMS's line for the archive (when there is a SHA256SUMS). */
interface SmallFiles {
  manifest: Manifest;
  archiveSum?: string;
}

/**
 * Reads the manifest and SHA256SUMS and checks them against each other: SHA256SUMS must have
 * a line for the archive and one for the manifest, and the manifest's must match its bytes.
 */
async function readSmallFiles(
  files: ArtifactFiles,
  inMemory: { manifest?: Buffer | undefined; checksums?: Buffer | undefined } = {},
): Promise<SmallFiles> {
  // Read once: the same bytes are parsed and hashed for SHA256SUMS.
  const manifestBytes = inMemory.manifest ?? (await readManifest(files.manifest));
  const manifest = parseManifest(manifestBytes.toString("utf8"), basename(files.manifest));
  if (!files.checksums) return { manifest };
  const sumsName = basename(files.checksums);
  const sumsText =
    inMemory.checksums?.toString("utf8") ?? (await readFile(files.checksums, "utf8"));
  const sums = parseSha256Sums(sumsText, sumsName);
  const line = (path: string) => {
    const name = basename(path);
    const listed = sums.find((s) => s.name === name);
    if (!listed) {
      throw new VerificationError(
        `${sumsName} has no line for ${name}; it does not cover this artifact.`,
      );
    }
    return normalise(listed.digest);
  };
  const archiveSum = line(files.archive);
  const manifestSum = line(files.manifest);
  const manifestDigest = sha256Bytes(manifestBytes).digest;
  if (manifestSum !== manifestDigest) {
    throw new VerificationError(
      `${basename(files.manifest)} does not match ${sumsName}: the file is ${manifestDigest}, SHA256SUMS says ${manifestSum}.`,
    );
  }
  // Both name the archive's digest: when they disagree no archive can match both, and a
  // release's already-deployed check (which trusts the manifest's) must not pass.
  if (archiveSum !== manifest.archive.digest) {
    throw new VerificationError(
      `${basename(files.archive)} does not match ${sumsName}: its manifest says ${manifest.archive.digest}, SHA256SUMS says ${archiveSum}.`,
    );
  }
  return { manifest, archiveSum };
}

async function readManifest(path: string): Promise<Buffer> {
  const info = await statOrFail(path, "manifest");
  if (info.size > MAX_MANIFEST_BYTES) {
    throw new VerificationError(
      `${basename(path)}: oversized manifest (${formatSize(info.size)}, the limit is ${formatSize(MAX_MANIFEST_BYTES)}).`,
    );
  }
  return readFile(path);
}

/** The archive's bytes against SHA256SUMS, then against its manifest. */
function checkArchive(
  files: ArtifactFiles,
  small: SmallFiles,
  archive: { digest: string; size: number },
  log?: Log,
): void {
  const name = basename(files.archive);
  const { manifest, archiveSum } = small;
  if (archiveSum !== undefined) {
    if (archiveSum !== archive.digest) {
      throw new VerificationError(
        `${name} does not match ${basename(files.checksums!)}: the file is ${archive.digest}, SHA256SUMS says ${archiveSum}.`,
      );
    }
    log?.info(`SHA256SUMS matches ${name} and ${basename(files.manifest)}.`);
  }
  if (archive.digest !== manifest.archive.digest || archive.size !== manifest.archive.size) {
    throw new VerificationError(
      `${name} does not match its manifest: the file is ${archive.digest} (${archive.size} bytes), ` +
        `the manifest says ${manifest.archive.digest} (${manifest.archive.size} bytes).`,
    );
  }
}

/** max-size and require-files, checked before anything is extracted. */
function checkPolicy(
  files: ArtifactFiles,
  manifest: Manifest,
  archiveSize: number,
  policy: VerifyPolicy,
): void {
  const name = basename(files.archive);
  if (policy.maxSize !== undefined && archiveSize > policy.maxSize) {
    throw new VerificationError(
      `${name} is ${formatSize(archiveSize)}, over max-size ${formatSize(policy.maxSize)}.`,
    );
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  const missing = (policy.requireFiles ?? []).filter((f) => !listed.has(f.replace(/^\.\//, "")));
  if (missing.length) {
    throw new VerificationError(`${name} lacks required files: ${missing.join(", ")}.`);
  }
}

function verified(
  manifest: Manifest,
  archive: { digest: string; size: number },
  policy: VerifyPolicy,
  log: Log,
): VerifiedArtifact {
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
