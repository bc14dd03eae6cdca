import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import type { FileMode, ManifestFile } from "@fastdeploy/core";
import { ArchiveError } from "./errors.js";
import { endOfArchive, fileHeader, padding } from "./tar-format.js";

export interface TarSource {
  /** Path inside the archive: relative, POSIX, normalised. */
  path: string;
  absPath: string;
}

const READ_CHUNK = 256 * 1024;

/**
 * Yields the tar stream of `files` (already sorted and checked) while hashing each file's
 * content as it passes, filling `out` with one manifest entry per file. Each file is read
 * once, in chunks, so memory stays flat whatever its size.
 */
export async function* tarStream(
  files: readonly TarSource[],
  mtime: number,
  out: ManifestFile[],
): AsyncGenerator<Buffer> {
  for (const file of files) {
    let handle: FileHandle;
    try {
      // O_NOFOLLOW: a symlink swapped in after collection must not be followed.
      handle = await open(file.absPath, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      throw new ArchiveError(
        file.path,
        `cannot be read (${(error as NodeJS.ErrnoException).code ?? error}); regular files only, no symlinks`,
      );
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) {
        throw new ArchiveError(file.path, "is not a regular file; only regular files are archived");
      }
      // git's rule: the owner's execute bit decides; everything else is normalised.
      const mode: FileMode = (stat.mode & 0o100) !== 0 ? "0755" : "0644";
      const size = stat.size;
      yield fileHeader(file.path, size, mode === "0755" ? 0o755 : 0o644, mtime);
      const hash = createHash("sha256");
      let read = 0;
      // A fresh buffer per chunk: the consumer (gzip) may still hold the previous one.
      while (read < size) {
        const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK, size - read));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, read);
        if (bytesRead === 0) break;
        const data = bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead);
        hash.update(data);
        read += bytesRead;
        yield data;
      }
      if (read !== size || (await handle.stat()).size !== size) {
        throw new ArchiveError(
          file.path,
          "changed while it was being archived; build, then package",
        );
      }
      const pad = padding(size);
      if (pad > 0) yield Buffer.alloc(pad);
      out.push({ path: file.path, size, digest: `sha256:${hash.digest("hex")}`, mode });
    } finally {
      await handle.close();
    }
  }
  yield endOfArchive();
}
