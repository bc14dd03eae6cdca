/**
 * Ruby `File.fnmatch` with FNM_PATHNAME, the syntax of deployment branch and tag rules
 * ("Wildcard characters will not match `/`", "Deployments and environments",
 * https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments,
 * which links https://ruby-doc.org/core-2.5.1/File.html#method-c-fnmatch) and of ruleset ref
 * names: `*` and `?` stay within one path segment, a `**` segment spans directories, `[a-z]` and
 * `[!a-z]` are classes, `\` escapes. The docs are silent on a leading dot, so `*` matches it.
 */
export function nameMatches(pattern: string, name: string): boolean {
  return toRegExp(pattern).test(name);
}

const cache = new Map<string, RegExp>();

function toRegExp(pattern: string): RegExp {
  const known = cache.get(pattern);
  if (known) return known;
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      source += literal(pattern[++i]!);
    } else if (c === "*" && pattern[i + 1] === "*" && pattern[i + 2] === "/") {
      source += "(?:[^/]*/)*";
      i += 2;
    } else if (c === "*") {
      source += "[^/]*";
    } else if (c === "?") {
      source += "[^/]";
    } else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end === -1) {
        source += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, end);
      const negated = body.startsWith("!") || body.startsWith("^");
      if (negated) body = body.slice(1);
      source += `[${negated ? "^" : ""}${body.replace(/[\\\]]/g, "\\$&")}]`;
      i = end;
    } else {
      source += literal(c);
    }
  }
  const re = new RegExp(`^${source}$`);
  cache.set(pattern, re);
  return re;
}

function literal(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
