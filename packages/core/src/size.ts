import { SizeError } from "./errors.js";

// SI units are powers of 1000 and IEC units powers of 1024, as in `du --si` and `numfmt`;
// a bare number is bytes. Units are case-insensitive except that they are always bytes.
const UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

const SIZE = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i;

/** Reads `500MB`, `2GiB`, `1.5 GB` or `1048576` as a whole number of bytes (rounded down). */
export function parseSize(text: string): number {
  const match = SIZE.exec(text.trim());
  const unit = match ? UNITS[match[2]!.toLowerCase()] : undefined;
  if (!match || unit === undefined) {
    throw new SizeError(
      `"${text}" is not a size; write a number of bytes or a number with a unit ` +
        "(B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), e.g. 500MB or 2GiB",
    );
  }
  const bytes = Math.floor(Number(match[1]) * unit);
  if (!Number.isSafeInteger(bytes)) throw new SizeError(`"${text}" is too large a size`);
  return bytes;
}

/** Formats bytes for people, in IEC units (`1.5 GiB`), for summaries and messages. */
export function formatSize(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index++;
  }
  const digits = index === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[index]}`;
}
