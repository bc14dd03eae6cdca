// Branch, tag and path filters of `on.push`, as "Workflow syntax for GitHub Actions → Filter
// pattern cheat sheet" defines them:
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#filter-pattern-cheat-sheet
//   *   zero or more characters, but not `/`
//   **  zero or more of any character
//   ?   zero or one of the preceding character
//   +   one or more of the preceding character
//   []  one character listed or in a range (a-z, A-Z, 0-9)
//   !   at the start of a pattern: negates the positive patterns before it
//   \   escapes the next special character

const cache = new Map<string, RegExp>();

/** One pattern (without its leading `!`) as an anchored regular expression. */
export function patternToRegExp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === "\\" && i + 1 < pattern.length) {
      source += escapeLiteral(pattern[++i] as string);
    } else if (char === "*") {
      if (pattern[i + 1] === "*") {
        source += ".*";
        i++;
      } else {
        source += "[^/]*";
      }
    } else if (char === "?" || char === "+") {
      source += char;
    } else if (char === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end === -1) {
        source += "\\[";
      } else {
        source += `[${pattern.slice(i + 1, end).replace(/[\\^]/g, "\\$&")}]`;
        i = end;
      }
    } else {
      source += escapeLiteral(char);
    }
  }
  const regExp = new RegExp(`^${source}$`);
  cache.set(pattern, regExp);
  return regExp;
}

function escapeLiteral(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * Whether a name passes a list of patterns: the last pattern that matches decides, a `!`
 * pattern excluding what earlier positive ones included ("If a name matches a positive and a
 * negative pattern, the last matching pattern takes precedence").
 */
export function matchesFilters(name: string, patterns: readonly string[]): boolean {
  let included = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith("!");
    const body = negated ? pattern.slice(1) : pattern;
    if (patternToRegExp(body).test(name)) included = !negated;
  }
  return included;
}
