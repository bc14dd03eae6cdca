import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants, createGzip } from "node:zlib";
import { archivePathProblem, comparePaths, type ManifestFile } from "@fastdeploy/core";
import { ArchiveError } from "./errors.js";
import { type TarSource, tarStream } from "./tar-writer.js";

/**
 * mtime of every entry: 2000-01-01T00:00:00Z, a fixed SOURCE_DATE_EPOCH. Not 0, because some
 * tools (zip, Python's zipfile, older GNU tar) treat 1970 as an invalid or suspicious date.
 */
export const ARCHIVE_MTIME = 946_684_800;

export interface CreateArchiveOptions {
  /** Directory that `files[].path` is relative to when `absPath` is not given. */
  root: string;
  files: readonly { path: string; absPath?: string }[];
  /** The `.tar.gz` to write; replaced if it exists. */
  out: string;
  gzipLevel?: number;
  /** Seconds since the epoch stamped on every entry. */
  mtime?: number;
}

export interface ArchiveResult {
  /** Bytes of the compressed archive. */
  size: number;
  /** `sha256:<hex>` of the compressed archive. */
  digest: string;
  /** One entry per archived file, in archive order (sorted by UTF-8 bytes of path). */
  files: ManifestFile[];
}

/**
 * Writes a reproducible `.tar.gz` in one streaming pass: each file is read once and hashed,
 * tarred, gzipped, and the compressed bytes are hashed on their way to disk. Same tree and
 * same Node (zlib) version → byte-identical archive, whatever the mtimes, owners or umask.
 */
export async function createArchive(options: CreateArchiveOptions): Promise<ArchiveResult> {
  const level = options.gzipLevel ?? 6;
  if (!Number.isInteger(level) || level < 1 || level > 9) {
    throw new ArchiveError(undefined, `gzip level ${level} must be a whole number from 1 to 9`);
  }
  const sources = sortedSources(options);
  const files: ManifestFile[] = [];
  const hash = createHash("sha256");
  let size = 0;
  const digest = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      // zlib writes the gzip header with mtime 0, no name and the OS byte of the platform it
      // was built for (3 on Unix, 10 or 11 on Windows); pin it to 3 so archives agree.
      if (size <= 9 && size + chunk.length > 9) chunk[9 - size] = 3;
      size += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const gzip = createGzip({ level, chunkSize: 64 * 1024, strategy: constants.Z_DEFAULT_STRATEGY });
  try {
    await pipeline(
      tarStream(sources, options.mtime ?? ARCHIVE_MTIME, files),
      gzip,
      digest,
      createWriteStream(options.out),
    );
  } catch (error) {
    await rm(options.out, { force: true });
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(undefined, `cannot write ${options.out}: ${(error as Error).message}`);
  }
  return { size, digest: `sha256:${hash.digest("hex")}`, files };
}

function sortedSources(options: CreateArchiveOptions): TarSource[] {
  const sources = options.files.map((file) => {
    const problem = archivePathProblem(file.path);
    if (problem) throw new ArchiveError(file.path, `path ${problem}`);
    return { path: file.path, absPath: file.absPath ?? join(options.root, file.path) };
  });
  sources.sort((a, b) => comparePaths(a.path, b.path));
  const paths = new Set<string>();
  for (const [index, source] of sources.entries()) {
    if (index > 0 && sources[index - 1]!.path === source.path) {
      throw new ArchiveError(source.path, "is listed twice");
    }
    paths.add(source.path);
  }
  // Directories are implied by file paths (no directory entries), so a path cannot be both.
  for (const path of paths) {
    for (let cut = path.indexOf("/"); cut !== -1; cut = path.indexOf("/", cut + 1)) {
      if (paths.has(path.slice(0, cut))) {
        throw new ArchiveError(path, `is inside "${path.slice(0, cut)}", which is a file`);
      }
    }
  }
  return sources;
}
