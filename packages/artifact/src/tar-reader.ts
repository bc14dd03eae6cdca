import type { ByteReader } from "./byte-reader.js";
import { ArchiveError } from "./errors.js";
import { BLOCK, type HeaderFields, padding, parseHeader, parsePax, TYPE } from "./tar-format.js";

const MAX_PAX_BYTES = 1024 * 1024;

/** Why an entry type is refused; our writer only ever emits regular files. */
const REFUSED: Record<string, string> = {
  [TYPE.hardlink]: "hard links are refused (FastDeploy archives hold regular files only)",
  [TYPE.symlink]: "symbolic links are refused (FastDeploy archives hold regular files only)",
  [TYPE.char]: "device files are refused",
  [TYPE.block]: "device files are refused",
  [TYPE.fifo]: "FIFOs are refused",
  [TYPE.directory]: "directory entries are refused (directories are implied by file paths)",
  [TYPE.paxGlobal]: "global PAX headers are not supported",
  [TYPE.gnuLongName]: "GNU long-name entries are not supported (use PAX)",
  [TYPE.gnuLongLink]: "GNU long-link entries are not supported",
};

export interface TarEntry {
  path: string;
  size: number;
  mode: number;
  /** The body; must be consumed (or skipped with `skip`) before asking for the next entry. */
  body: () => AsyncGenerator<Buffer>;
}

/**
 * Yields the regular-file entries of an uncompressed tar stream, applying PAX `path` and
 * `size` records. Links, devices, directories and unknown types throw an `ArchiveError`
 * naming the entry; so do corrupt headers and data after the end-of-archive marker.
 */
export async function* readTar(reader: ByteReader): AsyncGenerator<TarEntry> {
  let pax: Map<string, string> | undefined;
  for (;;) {
    const block = await reader.read(BLOCK);
    if (!block) throw new ArchiveError(undefined, "truncated archive (no end-of-archive marker)");
    let header: HeaderFields | undefined;
    try {
      header = parseHeader(block);
    } catch (error) {
      throw new ArchiveError(undefined, (error as Error).message);
    }
    if (!header) {
      if (!(await reader.restIsZero())) {
        throw new ArchiveError(undefined, "data after the end-of-archive marker");
      }
      if (pax) throw new ArchiveError(undefined, "PAX header without an entry");
      return;
    }
    const path = pax?.get("path") ?? header.path;
    if (header.type === TYPE.pax) {
      if (pax) throw new ArchiveError(path, "two PAX headers in a row");
      if (header.size > MAX_PAX_BYTES) throw new ArchiveError(path, "PAX header too large");
      const body = (await reader.read(header.size)) ?? Buffer.alloc(0);
      await reader.read(padding(header.size));
      try {
        pax = parsePax(body);
      } catch (error) {
        throw new ArchiveError(path, (error as Error).message);
      }
      continue;
    }
    const refused = REFUSED[header.type];
    if (refused) {
      const target = header.linkname ? ` (pointing to "${header.linkname}")` : "";
      throw new ArchiveError(path, `${refused}${target}`);
    }
    if (
      header.type !== TYPE.file &&
      header.type !== TYPE.oldFile &&
      header.type !== TYPE.contiguous
    ) {
      throw new ArchiveError(path, `unknown entry type "${header.type}" is refused`);
    }
    const paxSize = pax?.get("size");
    const size = paxSize === undefined ? header.size : Number(paxSize);
    if (!Number.isSafeInteger(size) || size < 0) throw new ArchiveError(path, "invalid size");
    pax = undefined;
    let consumed = false;
    yield {
      path,
      size,
      mode: header.mode,
      body: async function* () {
        consumed = true;
        yield* reader.chunks(size);
        await reader.read(padding(size));
      },
    };
    if (!consumed) {
      for await (const _ of reader.chunks(size + padding(size))) {
        // skipped
      }
    }
  }
}
