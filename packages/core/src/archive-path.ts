/**
 * Rules for the paths stored in an archive and its manifest. They are shared by the writer,
 * the manifest parser and the extractor so that what one accepts the others accept too.
 */

/** Longest path we store; PATH_MAX on Linux. */
export const MAX_PATH_BYTES = 4096;

const FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

/**
 * Why `path` is not a safe relative archive path, or undefined when it is. Safe means: POSIX
 * separators, relative, normalised (no empty, `.` or `..` segments, no trailing slash) and free
 * of control characters and backslashes, which would be separators on Windows and would break
 * the line-oriented SHA256SUMS format.
 */
export function archivePathProblem(path: string): string | undefined {
  if (path === "") return "must not be empty";
  if (path.startsWith("/")) return "must be relative (it starts with /)";
  if (/^[A-Za-z]:/.test(path)) return "must be relative (it starts with a drive letter)";
  if (FORBIDDEN.test(path)) return "must not contain control characters or backslashes";
  if (utf8Length(path) > MAX_PATH_BYTES) return `must not be longer than ${MAX_PATH_BYTES} bytes`;
  for (const segment of path.split("/")) {
    if (segment === "..") return "must not contain .. segments";
    if (segment === "." || segment === "")
      return "must be normalised (no ., empty segments or trailing /)";
  }
  return undefined;
}

/** UTF-8 length of a string without allocating (pure code, no Buffer). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Orders paths by their UTF-8 bytes, the order of `LC_ALL=C sort` and of our archives.
 * Code point order equals UTF-8 byte order; JavaScript's `<` compares UTF-16 units, which
 * differs for characters above U+FFFF, hence this function.
 */
export function comparePaths(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
