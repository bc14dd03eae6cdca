/**
 * A minimal glob for `path:` inputs (Node 20 has no stable fs.glob): `*` and `?` match within
 * one path segment, `**` as a whole segment matches any number of segments (including none).
 * Dotfiles match like any other name, as in @actions/glob. Other characters are literal.
 */
export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** A matcher for relative POSIX paths, e.g. `dist/**\/*.js` matches `dist/a.js` and `dist/x/b.js`. */
export function globMatcher(pattern: string): (path: string) => boolean {
  const segments = pattern.split("/");
  let source = "";
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === "**") {
      source += last ? ".*" : "(?:[^/]+/)*";
      return;
    }
    source += segment.replace(/[.+^${}()|[\]\\*?]/g, (char) =>
      char === "*" ? "[^/]*" : char === "?" ? "[^/]" : `\\${char}`,
    );
    if (!last) source += "/";
  });
  const regex = new RegExp(`^${source}$`, "u");
  return (path) => regex.test(path);
}

/** The directory before the first glob segment: where a walk for `pattern` starts. */
export function globBase(pattern: string): string {
  const segments = pattern.split("/");
  const first = segments.findIndex((segment) => isGlob(segment));
  return segments.slice(0, first === -1 ? segments.length : first).join("/");
}
