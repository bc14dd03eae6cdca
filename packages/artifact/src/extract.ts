import { createHash } from "node:crypto";
import {
  closeSync,
  constants,
  createReadStream,
  fchmodSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  statSync,
  writeSync,
} from "node:fs";
import { open, rm, stat } from "node:fs/promises";
import { dirname, join, sep } from "node:path";
import { pipeline, type Readable, Transform } from "node:stream";
import { createGunzip, gunzipSync } from "node:zlib";
import {
  archivePathProblem,
  type FileMode,
  MAX_MANIFEST_FILES,
  type Manifest,
  type ManifestFile,
} from "@fastdeploy/core";
import { ByteReader } from "./byte-reader.js";
import { ArchiveError } from "./errors.js";
import { readTar } from "./tar-reader.js";

export interface ExtractOptions {
  /** The `.tar.gz` to extract (with `source`, only its name in messages). */
  archive: string;
  /**
   * The archive's bytes as they arrive (a download in progress), read instead of the file.
   * Their digest is known only at the end, so with a manifest the last check (size and digest)
   * refuses them after every entry was written, and removes what it wrote.
   */
  source?: Readable;
  /**
   * The digest and size of `source`'s bytes, from whoever already hashes them as they arrive
   * (the download does): awaited for that last check instead of hashing every byte again.
   */
  sourceDigest?: Promise<{ digest: string; size: number }>;
  /** A directory that does not exist yet or is empty. */
  dest: string;
  /**
   * When given, the archive must match it exactly: every entry listed with the same size,
   * mode and digest, every listed file present, and the archive's own size and digest.
   */
  manifest?: Manifest;
}

/**
 * Extracts a FastDeploy archive safely, in one streaming pass (gunzip → tar → hash → disk).
 * Refused: absolute paths, `..` segments, links of any kind, devices, FIFOs, directories,
 * duplicates, and (with a manifest) unlisted or altered entries. Files are created with
 * O_EXCL | O_NOFOLLOW under a fresh `dest`, so nothing is written outside it; on any error
 * everything written is removed and an `ArchiveError` names the entry.
 */
export async function extractArchive(options: ExtractOptions): Promise<ManifestFile[]> {
  const { dest, manifest } = options;
  const createdDest = prepareDestination(dest);
  const written = new Set<string>();
  const archiveHash = createHash("sha256");
  let archiveSize = 0;
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      archiveHash.update(chunk);
      archiveSize += chunk.length;
      done(null, chunk);
    },
  });
  // A source already destroyed (its download stopped before extraction began) would never
  // end a pipeline built on it.
  if (options.source?.destroyed) {
    if (createdDest) await rm(dest, { recursive: true, force: true });
    throw new ArchiveError(undefined, `archive ${options.archive} stopped before it was read`);
  }
  const bytes = options.sourceDigest
    ? (options.source as Readable)
    : pipeline(options.source ?? createReadStream(options.archive), hasher, () => {});
  const small = manifest !== undefined && manifest.archive.size <= SMALL_ARCHIVE_BYTES;
  const tar = small ? undefined : pipeline(bytes, createGunzip({ chunkSize: 64 * 1024 }), () => {});
  try {
    const files = await extractEntries(
      new ByteReader(
        tar ? tar[Symbol.asyncIterator]() : gunzipWhole(bytes, manifest!, options.archive),
      ),
      dest,
      manifest,
      written,
    );
    if (manifest) {
      const { digest, size } = options.sourceDigest
        ? await options.sourceDigest
        : { digest: `sha256:${archiveHash.digest("hex")}`, size: archiveSize };
      if (digest !== manifest.archive.digest || size !== manifest.archive.size) {
        throw new ArchiveError(
          undefined,
          `archive ${options.archive} has digest ${digest} (${size} bytes) but the manifest says ${manifest.archive.digest} (${manifest.archive.size} bytes)`,
        );
      }
    }
    return files;
  } catch (error) {
    (tar ?? bytes).destroy();
    // Nothing half-extracted is left behind: remove the destination or what we put in it.
    if (createdDest) await rm(dest, { recursive: true, force: true });
    else
      await Promise.all(
        [...written].map((top) => rm(join(dest, top), { recursive: true, force: true })),
      );
    if (error instanceof ArchiveError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !options.source && !(await exists(options.archive))) {
      throw new ArchiveError(undefined, `archive ${options.archive} does not exist`);
    }
    if (code?.startsWith("Z_")) {
      throw new ArchiveError(
        undefined,
        `archive ${options.archive} is not a valid gzip file (${(error as Error).message})`,
      );
    }
    throw new ArchiveError(undefined, (error as Error).message);
  }
}

/**
 * Archives up to this size (compressed, as the manifest states) are gunzipped in one call once
 * all their bytes are in: the streaming gunzip's trips through libuv's thread pool, one per
 * chunk and one to finish, cost more than the inflating of a small archive.
 */
const SMALL_ARCHIVE_BYTES = 1024 * 1024;

/**
 * The tar bytes of a small archive: read whole (never more than the manifest says, plus one
 * chunk), then inflated at once, to no more than the manifest's files can take up in a tar
 * (a gzip bomb stops there).
 */
async function* gunzipWhole(
  bytes: AsyncIterable<Buffer>,
  manifest: Manifest,
  archive: string,
): AsyncGenerator<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of bytes) {
    size += chunk.length;
    if (size > manifest.archive.size) {
      throw new ArchiveError(
        undefined,
        `archive ${archive} is larger than the ${manifest.archive.size} bytes its manifest says`,
      );
    }
    chunks.push(chunk);
  }
  // Each file: its data in whole blocks, a header, and a PAX header with its records (a long
  // path or size); then end-of-archive blocks, record padding and any global header.
  const block = 512;
  const blocks = (bytes: number) => Math.ceil(bytes / block) * block;
  const tarBytes = manifest.files.reduce(
    (total, file) => total + blocks(file.size) + 2 * block + blocks(2 * file.path.length + 256),
    64 * 1024,
  );
  try {
    yield gunzipSync(Buffer.concat(chunks, size), { maxOutputLength: tarBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new ArchiveError(
        undefined,
        `archive ${archive} inflates to more than its manifest's files can take up; refused`,
      );
    }
    throw error;
  }
}

async function extractEntries(
  reader: ByteReader,
  dest: string,
  manifest: Manifest | undefined,
  written: Set<string>,
): Promise<ManifestFile[]> {
  const expected = new Map(manifest?.files.map((file) => [file.path, file]));
  const realDest = realpathSync(dest);
  const safeDirs = new Set<string>([""]);
  const files: ManifestFile[] = [];
  const seen = new Set<string>();
  for await (const entry of readTar(reader)) {
    const { path } = entry;
    const problem = archivePathProblem(path);
    if (problem) throw new ArchiveError(path, `path ${problem}; refused`);
    if (seen.has(path)) throw new ArchiveError(path, "appears twice in the archive; refused");
    seen.add(path);
    if (seen.size > MAX_MANIFEST_FILES)
      throw new ArchiveError(path, `more than ${MAX_MANIFEST_FILES} entries`);
    const mode: FileMode = (entry.mode & 0o100) !== 0 ? "0755" : "0644";
    const listed = expected.get(path);
    if (manifest && !listed) throw new ArchiveError(path, "is not listed in the manifest; refused");
    if (listed && listed.size !== entry.size) {
      throw new ArchiveError(path, `has ${entry.size} bytes but the manifest says ${listed.size}`);
    }
    if (listed && listed.mode !== mode) {
      throw new ArchiveError(path, `has mode ${mode} but the manifest says ${listed.mode}`);
    }
    const parent = dirname(path) === "." ? "" : dirname(path);
    ensureDirectory(realDest, parent, safeDirs, path);
    written.add(path.split("/")[0]!);
    const digest = await writeFile(join(realDest, path), mode, entry, path);
    if (listed && listed.digest !== digest) {
      throw new ArchiveError(
        path,
        `content has digest ${digest} but the manifest says ${listed.digest}`,
      );
    }
    files.push({ path, size: entry.size, digest, mode });
  }
  for (const file of manifest?.files ?? []) {
    if (!seen.has(file.path))
      throw new ArchiveError(file.path, "is listed in the manifest but missing from the archive");
  }
  return files;
}

/**
 * Creates `dest` (false if it already existed, empty). An existing non-empty directory is
 * refused: extraction must never mix with or overwrite other files. Synchronous, like the
 * rest of the directory work here: a few metadata calls, each cheaper than a trip through
 * libuv's thread pool, which a busy runner keeps waiting.
 */
function prepareDestination(dest: string): boolean {
  mkdirSync(dirname(dest), { recursive: true });
  try {
    mkdirSync(dest);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (!statSync(dest).isDirectory() || readdirSync(dest).length > 0) {
    throw new ArchiveError(undefined, `destination ${dest} must be a new or empty directory`);
  }
  return false;
}

/**
 * mkdir -p inside dest, then checks the real path stays inside (defence in depth). Synchronous:
 * once per directory, and cheaper than two trips through the thread pool.
 */
function ensureDirectory(realDest: string, parent: string, safe: Set<string>, entry: string) {
  if (safe.has(parent)) return;
  const absolute = join(realDest, parent);
  try {
    mkdirSync(absolute, { recursive: true });
  } catch {
    throw new ArchiveError(
      entry,
      `its directory "${parent}" conflicts with a file of the same name`,
    );
  }
  const real = realpathSync(absolute);
  if (real !== absolute || !real.startsWith(realDest + sep)) {
    throw new ArchiveError(
      entry,
      `its directory resolves outside the destination (${real}); refused`,
    );
  }
  safe.add(parent);
}

/**
 * Entries up to this size are written with one synchronous open/write/chmod/close: four trips
 * through libuv's thread pool per file cost more than the writes themselves, and artifacts are
 * mostly small files. Larger entries stream, so memory stays flat.
 */
const SMALL_ENTRY_BYTES = 256 * 1024;
const CREATE_FLAGS =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

async function writeFile(
  absolute: string,
  mode: FileMode,
  entry: { size: number; body(): AsyncGenerator<Buffer> },
  path: string,
): Promise<string> {
  const hash = createHash("sha256");
  // Exact modes whatever the umask; the executable bit is what deploy scripts need.
  const permissions = mode === "0755" ? 0o755 : 0o644;
  if (entry.size <= SMALL_ENTRY_BYTES) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry.body()) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    let fd: number;
    try {
      fd = openSync(absolute, CREATE_FLAGS, 0o600);
    } catch (error) {
      refuseEntry(path, error);
    }
    try {
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
      fchmodSync(fd, permissions);
    } finally {
      closeSync(fd);
    }
    return `sha256:${hash.update(bytes).digest("hex")}`;
  }
  const handle = await open(absolute, CREATE_FLAGS, 0o600).catch((error: unknown) =>
    refuseEntry(path, error),
  );
  try {
    for await (const chunk of entry.body()) {
      hash.update(chunk);
      let offset = 0;
      while (offset < chunk.length) {
        offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten;
      }
    }
    await handle.chmod(permissions);
  } finally {
    await handle.close();
  }
  return `sha256:${hash.digest("hex")}`;
}

/** An entry whose file cannot be created (it exists, or a path part is a link) is refused. */
function refuseEntry(path: string, error: unknown): never {
  throw new ArchiveError(
    path,
    `cannot be created (${(error as NodeJS.ErrnoException).code}); refused`,
  );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
