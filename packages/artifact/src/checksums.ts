import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { ChecksumError } from "./errors.js";

/**
 * SHA256SUMS in GNU coreutils format (`<hex>  <name>\n`), so `sha256sum -c SHA256SUMS`
 * works for anyone. Names with newlines or backslashes would need coreutils' escaping; we
 * never produce such asset names, so they are refused instead.
 */
export interface Checksum {
  /** File name as written in SHA256SUMS (a release asset name). */
  name: string;
  /** `sha256:<hex>` (a bare hex digest is accepted on input). */
  digest: string;
}

const HEX = /^[0-9a-f]{64}$/;
const LINE = /^([0-9a-fA-F]{64}) ([ *])(.+)$/;

export function formatSha256Sums(entries: readonly Checksum[], file = "SHA256SUMS"): string {
  const names = new Set<string>();
  const lines = [...entries]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, digest }) => {
      const hex = digest.startsWith("sha256:") ? digest.slice(7) : digest;
      if (!HEX.test(hex))
        throw new ChecksumError(file, undefined, `digest of "${name}" must be sha256:<64 hex>`);
      if (name === "" || /[\n\r\\]/.test(name)) {
        throw new ChecksumError(
          file,
          undefined,
          `"${name}" cannot be listed (empty, newline or backslash)`,
        );
      }
      if (names.has(name)) throw new ChecksumError(file, undefined, `"${name}" is listed twice`);
      names.add(name);
      return `${hex}  ${name}\n`;
    });
  return lines.join("");
}

/** Strict parser: every line `<64 hex>` + two spaces (or space + `*`, binary mode) + name. */
export function parseSha256Sums(text: string, file = "SHA256SUMS"): Checksum[] {
  if (text.length > 1024 * 1024) throw new ChecksumError(file, undefined, "is larger than 1 MiB");
  if (text !== "" && !text.endsWith("\n"))
    throw new ChecksumError(file, undefined, "must end with a newline");
  const lines = text === "" ? [] : text.slice(0, -1).split("\n");
  const seen = new Set<string>();
  const entries = lines.map((line, index) => {
    const match = LINE.exec(line);
    if (!match || match[3]!.includes("\r")) {
      throw new ChecksumError(
        file,
        index + 1,
        'must be "<64 hex digits>  <file name>" (GNU sha256sum format, LF line endings)',
      );
    }
    const name = match[3]!;
    if (seen.has(name)) throw new ChecksumError(file, index + 1, `"${name}" is listed twice`);
    seen.add(name);
    return { name, digest: `sha256:${match[1]!.toLowerCase()}` };
  });
  if (entries.length === 0) throw new ChecksumError(file, undefined, "lists no files");
  return entries;
}

/** `sha256:<hex>` and size of bytes already in memory (a manifest, a SHA256SUMS). */
export function sha256Bytes(bytes: Buffer): { digest: string; size: number } {
  return {
    digest: `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
    size: bytes.length,
  };
}

/** `sha256:<hex>` and size of a file, read as a stream (flat memory for any size). */
export async function sha256File(path: string): Promise<{ digest: string; size: number }> {
  // One reused 1 MiB buffer: hashing a 2 GiB archive allocates nothing per chunk, so no
  // garbage piles up between collections and peak memory stays where uploads need it.
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(HASH_BUFFER_BYTES);
  const file = await open(path, "r");
  let size = 0;
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
    }
  } finally {
    await file.close();
  }
  return { digest: `sha256:${hash.digest("hex")}`, size };
}

const HASH_BUFFER_BYTES = 1024 * 1024;

/**
 * Checks files against SHA256SUMS entries: each of `actual` must be listed with the same
 * digest. The message names the file and both digests, so a mismatch is diagnosable from the
 * log alone. Entries of SHA256SUMS not in `actual` are ignored (other assets may be listed).
 */
export function verifyChecksums(
  listed: readonly Checksum[],
  actual: readonly Checksum[],
  file = "SHA256SUMS",
): void {
  const byName = new Map(listed.map((entry) => [entry.name, entry.digest]));
  for (const { name, digest } of actual) {
    const expected = byName.get(name);
    if (expected === undefined) throw new ChecksumError(file, undefined, `does not list "${name}"`);
    if (expected !== digest) {
      throw new ChecksumError(
        file,
        undefined,
        `"${name}" has digest ${digest} but ${file} says ${expected}`,
      );
    }
  }
}
