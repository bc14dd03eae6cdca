/**
 * The bytes of a POSIX ustar archive, with PAX extended headers for what ustar cannot hold
 * (paths over 100 bytes, sizes of 8 GiB or more). Only what our writer emits and our reader
 * accepts lives here; see https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html.
 */
export const BLOCK = 512;
/** Largest size an 11-digit octal field holds: 8 GiB - 1. */
const MAX_OCTAL_SIZE = 0o77777777777;
const NAME_BYTES = 100;

export const TYPE = {
  file: "0",
  oldFile: "\0",
  hardlink: "1",
  symlink: "2",
  char: "3",
  block: "4",
  directory: "5",
  fifo: "6",
  contiguous: "7",
  pax: "x",
  paxGlobal: "g",
  gnuLongName: "L",
  gnuLongLink: "K",
} as const;

export interface HeaderFields {
  path: string;
  size: number;
  /** Permission bits, e.g. 0o644. */
  mode: number;
  mtime: number;
  type: string;
  linkname?: string;
}

/**
 * The header block(s) of a regular file: a PAX header first when the path or size does not
 * fit ustar. Owner is uid/gid 0 with empty user and group names, so `tar -tv` shows `0/0`.
 */
export function fileHeader(path: string, size: number, mode: number, mtime: number): Buffer {
  const pathBytes = Buffer.from(path, "utf8");
  const records: string[] = [];
  if (pathBytes.length > NAME_BYTES) records.push(paxRecord("path", path));
  if (size > MAX_OCTAL_SIZE) records.push(paxRecord("size", String(size)));
  const header = block({
    // Readers that ignore PAX see a truncated name; the PAX record holds the real one.
    name: pathBytes.subarray(0, NAME_BYTES),
    size: Math.min(size, MAX_OCTAL_SIZE),
    mode,
    mtime,
    type: TYPE.file,
  });
  if (records.length === 0) return header;
  const body = Buffer.from(records.join(""), "utf8");
  const paxHeader = block({
    // A fixed name keeps archives reproducible; GNU tar and bsdtar both accept it.
    name: Buffer.from("././@PaxHeader"),
    size: body.length,
    mode: 0o644,
    mtime,
    type: TYPE.pax,
  });
  return Buffer.concat([paxHeader, body, Buffer.alloc(padding(body.length)), header]);
}

/** Two zero blocks end an archive. */
export function endOfArchive(): Buffer {
  return Buffer.alloc(2 * BLOCK);
}

export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function block(fields: { name: Buffer; size: number; mode: number; mtime: number; type: string }) {
  const buffer = Buffer.alloc(BLOCK);
  fields.name.copy(buffer, 0);
  octal(buffer, 100, 8, fields.mode);
  octal(buffer, 108, 8, 0); // uid
  octal(buffer, 116, 8, 0); // gid
  octal(buffer, 124, 12, fields.size);
  octal(buffer, 136, 12, fields.mtime);
  buffer.write(fields.type, 156, "latin1");
  buffer.write("ustar\u000000", 257, "latin1");
  // uname (265) and gname (297) stay empty; devmajor/devminor are zero-filled.
  octal(buffer, 329, 8, 0);
  octal(buffer, 337, 8, 0);
  buffer.fill(0x20, 148, 156);
  octal(buffer, 148, 7, checksum(buffer));
  return buffer;
}

function octal(buffer: Buffer, offset: number, length: number, value: number): void {
  buffer.write(`${value.toString(8).padStart(length - 1, "0")}\u0000`, offset, length, "latin1");
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum;
}

/** `"<length> <key>=<value>\n"`, where length counts the whole record including itself. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  const restBytes = Buffer.byteLength(rest);
  const digits = String(restBytes).length;
  let length = restBytes + digits;
  if (String(length).length > digits) length++;
  return `${length}${rest}`;
}

/** Parses a header block; undefined for an all-zero block (end of archive). */
export function parseHeader(header: Buffer): HeaderFields | undefined {
  if (header.every((byte) => byte === 0)) return undefined;
  const stored = readOctal(header, 148, 8);
  if (stored !== checksum(header)) throw new Error("header checksum mismatch (corrupt archive)");
  const magic = header.toString("latin1", 257, 263);
  if (magic !== "ustar\u0000" && magic !== "ustar ") {
    throw new Error("not a ustar header (unsupported or corrupt archive)");
  }
  const name = cString(header, 0, NAME_BYTES);
  const prefix = cString(header, 345, 155);
  return {
    path: prefix ? `${prefix}/${name}` : name,
    size: readSize(header),
    mode: readOctal(header, 100, 8) & 0o7777,
    mtime: readOctal(header, 136, 12),
    type: header.toString("latin1", 156, 157),
    linkname: cString(header, 157, 100),
  };
}

/** PAX records of an extended header body; only `path`, `linkpath` and `size` matter to us. */
export function parsePax(body: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < body.length) {
    const space = body.indexOf(0x20, offset);
    const length = Number(body.toString("latin1", offset, space));
    if (space === -1 || !Number.isSafeInteger(length) || length <= 0) {
      throw new Error("malformed PAX header");
    }
    const record = body.toString("utf8", space + 1, offset + length);
    const equals = record.indexOf("=");
    if (equals === -1 || !record.endsWith("\n")) throw new Error("malformed PAX record");
    records.set(record.slice(0, equals), record.slice(equals + 1, -1));
    offset += length;
  }
  return records;
}

function cString(buffer: Buffer, offset: number, length: number): string {
  const field = buffer.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.toString("utf8", 0, end === -1 ? length : end);
}

function readOctal(buffer: Buffer, offset: number, length: number): number {
  const text = buffer
    .toString("latin1", offset, offset + length)
    .replace(/[\0 ]+$/, "")
    .trim();
  if (!/^[0-7]*$/.test(text)) throw new Error("malformed numeric field in header");
  return text === "" ? 0 : Number.parseInt(text, 8);
}

/** Size field: octal, or GNU base-256 (high bit set) for large files written by other tools. */
function readSize(header: Buffer): number {
  if ((header[124]! & 0x80) === 0) return readOctal(header, 124, 12);
  let value = 0;
  for (let i = 125; i < 136; i++) value = value * 256 + header[i]!;
  if (header[124] !== 0x80 || !Number.isSafeInteger(value)) throw new Error("size too large");
  return value;
}
