import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { ChecksumError, parseSha256Sums, sha256Bytes, sha256File } from "@fastdeploy/artifact";
import {
  FastDeployError,
  MAX_MANIFEST_BYTES,
  type Manifest,
  parseManifest,
} from "@fastdeploy/core";

/**
 * The three files a release is made of (archive, manifest, SHA256SUMS), checked on this machine
 * before anything is sent: SHA256SUMS covers the archive and the manifest and matches their
 * bytes, and the manifest describes this very archive. Hashing streams, so a 2 GiB archive
 * costs a 1 MiB buffer.
 */

export type FileRole = "archive" | "manifest" | "checksums";

export interface PublishFile {
  role: FileRole;
  path: string;
  /** The asset name on the release. */
  name: string;
  size: number;
  /** `sha256:<hex>` */
  digest: string;
  contentType: string;
}

export interface VerifiedFiles {
  manifest: Manifest;
  /** Archive, manifest, SHA256SUMS: the upload order. */
  files: [PublishFile, PublishFile, PublishFile];
}

export interface FilePaths {
  archive: string;
  manifest: string;
  checksums: string;
}

/** The files given to publish are missing, inconsistent or do not match their checksums. */
export class PublishFilesError extends FastDeployError {
  override name = "PublishFilesError";
}

export const CHECKSUMS_NAME = "SHA256SUMS";
const CONTENT_TYPES: Record<FileRole, string> = {
  archive: "application/gzip",
  manifest: "application/json",
  checksums: "text/plain",
};

async function fileSize(path: string, role: FileRole): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new PublishFilesError(`The ${role} ${path} is not a file.`);
    return info.size;
  } catch (error) {
    if (error instanceof PublishFilesError) throw error;
    throw new PublishFilesError(
      `The ${role} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? error}); ` +
        "check the path, or pass the build step's outputs.",
    );
  }
}

/** Checks the three files against each other; throws saying which file is at fault. */
export async function verifyPublishFiles(paths: FilePaths): Promise<VerifiedFiles> {
  // The files are looked at together, each thread-pool trip beside the others, but a missing
  // one is reported in a fixed order (checksums, manifest, archive).
  const sizes = await Promise.allSettled([
    fileSize(paths.checksums, "checksums"),
    fileSize(paths.manifest, "manifest"),
    fileSize(paths.archive, "archive"),
  ]);
  for (const size of sizes) if (size.status === "rejected") throw size.reason;
  const [checksumsSize, manifestSize] = sizes.map((size) =>
    size.status === "fulfilled" ? size.value : 0,
  ) as [number, number, number];
  if (checksumsSize > 1024 * 1024) {
    throw new ChecksumError(basename(paths.checksums), undefined, "is larger than 1 MiB");
  }
  if (manifestSize > MAX_MANIFEST_BYTES) {
    throw new PublishFilesError(`The manifest ${paths.manifest} is larger than 16 MiB.`);
  }
  const archiveName = basename(paths.archive);
  const manifestName = basename(paths.manifest);
  const checksumsName = basename(paths.checksums);
  // Each small file is read once, parsed and hashed from the same bytes.
  const [manifestBytes, checksumsBytes] = await Promise.all([
    readFile(paths.manifest),
    readFile(paths.checksums),
  ]);
  const manifest = parseManifest(manifestBytes.toString("utf8"), manifestName);
  if (manifest.archive.name !== archiveName) {
    throw new PublishFilesError(
      `The manifest ${manifestName} describes archive ${manifest.archive.name}, but the archive ` +
        `given is ${archiveName}; publish the archive and manifest of the same build.`,
    );
  }

  const entries = parseSha256Sums(checksumsBytes.toString("utf8"), checksumsName);
  const sums = new Map(entries.map((e) => [e.name, e.digest]));
  // Hashed only once the small files hold: a hash of a 2 GiB archive started beside them
  // would read on, unstoppable, after a bad manifest had already failed the step.
  const archive = await sha256File(paths.archive);
  const manifestSum = sha256Bytes(manifestBytes);
  for (const [name, actual] of [
    [archiveName, archive.digest],
    [manifestName, manifestSum.digest],
  ] as const) {
    const listed = sums.get(name);
    if (listed === undefined) {
      throw new ChecksumError(checksumsName, undefined, `does not list ${name}`);
    }
    if (listed !== actual) {
      throw new ChecksumError(
        checksumsName,
        [...sums.keys()].indexOf(name) + 1,
        `${name} should be ${listed} but the file is ${actual}; the file changed after the build`,
      );
    }
  }
  const extra = [...sums.keys()].filter((n) => n !== archiveName && n !== manifestName);
  if (extra.length) {
    throw new ChecksumError(
      checksumsName,
      undefined,
      `lists ${extra.join(", ")}, which would not be published, so \`sha256sum -c\` would fail`,
    );
  }
  if (archive.size !== manifest.archive.size || archive.digest !== manifest.archive.digest) {
    throw new PublishFilesError(
      `The archive ${archiveName} is ${archive.size} bytes ${archive.digest}, but the manifest ` +
        `says ${manifest.archive.size} bytes ${manifest.archive.digest}; publish the archive and ` +
        "manifest of the same build.",
    );
  }
  const checksums = sha256Bytes(checksumsBytes);
  const file = (role: FileRole, path: string, name: string, sum: typeof archive): PublishFile => ({
    role,
    path,
    name,
    size: sum.size,
    digest: sum.digest,
    contentType: CONTENT_TYPES[role],
  });
  return {
    manifest,
    files: [
      file("archive", paths.archive, archiveName, archive),
      file("manifest", paths.manifest, manifestName, manifestSum),
      // Published as SHA256SUMS whatever the local name, so `sha256sum -c SHA256SUMS` works.
      file("checksums", paths.checksums, CHECKSUMS_NAME, checksums),
    ],
  };
}

/** The archive, manifest and SHA256SUMS inside a downloaded workflow artifact. */
export async function findArtifactFiles(dir: string, artifact: string): Promise<FilePaths> {
  const names = await readdir(dir, { recursive: true });
  const pick = (what: string, test: (name: string) => boolean) => {
    const found = names.filter((n) => test(basename(n)));
    if (found.length !== 1) {
      throw new PublishFilesError(
        `Workflow artifact "${artifact}" holds ${found.length === 0 ? "no" : found.length} ${what} ` +
          `(found: ${names.join(", ") || "nothing"}); publish the artifact the build step uploaded.`,
      );
    }
    return join(dir, found[0]!);
  };
  return {
    archive: pick("archive (*.tar.gz)", (n) => n.endsWith(".tar.gz")),
    manifest: pick("manifest (*.manifest.json)", (n) => n.endsWith(".manifest.json")),
    checksums: pick(CHECKSUMS_NAME, (n) => n === CHECKSUMS_NAME),
  };
}
