import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/**
 * Writes tar archives byte by byte, independently of our writer, so tests can build the
 * hostile archives our writer refuses to produce (links, devices, `../x`, duplicates...).
 */
export interface RawEntry {
  path: string;
  content?: string | Buffer;
  /** Typeflag: "0" file, "1" hardlink, "2" symlink, "3" char device, "5" dir, "6" fifo, "x" PAX. */
  type?: string;
  linkname?: string;
  mode?: number;
  /** Overrides the size field (for lying headers). */
  size?: number;
  /** Puts the path in a PAX record instead of the name field. */
  paxPath?: boolean;
}

function header(entry: RawEntry, size: number, name: string): Buffer {
  const block = Buffer.alloc(512);
  block.write(name.slice(0, 100), 0, "utf8");
  const octal = (offset: number, length: number, value: number) =>
    block.write(`${value.toString(8).padStart(length - 1, "0")}\0`, offset, "latin1");
  octal(100, 8, entry.mode ?? 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, 0);
  block.write(entry.type ?? "0", 156, "latin1");
  block.write(entry.linkname ?? "", 157, "utf8");
  block.write("ustar\u000000", 257, "latin1");
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\0`, 148, "latin1");
  return block;
}

const pad = (length: number) => Buffer.alloc((512 - (length % 512)) % 512);

export function rawTar(entries: RawEntry[], options: { end?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const content = Buffer.from(entry.content ?? "");
    if (entry.paxPath) {
      const record = ` path=${entry.path}\n`;
      let length = Buffer.byteLength(record) + 2;
      if (String(length).length > 2) length++;
      const body = Buffer.from(`${length}${record}`);
      parts.push(
        header({ path: "pax", type: "x" }, body.length, "././@PaxHeader"),
        body,
        pad(body.length),
      );
    }
    parts.push(header(entry, entry.size ?? content.length, entry.paxPath ? "x" : entry.path));
    parts.push(content, pad(content.length));
  }
  if (options.end !== false) parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

export const digestOf = (content: string | Buffer) =>
  `sha256:${createHash("sha256").update(content).digest("hex")}`;
