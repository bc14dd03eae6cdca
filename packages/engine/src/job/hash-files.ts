// hashFiles(path, …) in a step's expressions, as the runner computes it (its hashFiles script
// over @actions/glob): the files under GITHUB_WORKSPACE that the patterns match, each hashed
// with SHA-256, and one SHA-256 over those digests; "" when nothing matches.
// Docs: https://docs.github.com/en/actions/reference/workflows-and-actions/expressions#hashfiles
// Patterns (the artifact package's globMatcher, as build's paths use): `*` and `?` within a
// path segment, `**` as a segment across segments, a leading `!` excludes (the last matching
// pattern decides), and a pattern naming a directory matches the files under it, as
// @actions/glob's do. Files are hashed in path order, so the result is stable.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { globMatcher } from "@fastdeploy/artifact";

/** A pattern matches the paths it names and, naming a directory, the files under it. */
function patternMatcher(pattern: string): (file: string) => boolean {
  const named = globMatcher(pattern);
  const under = globMatcher(`${pattern}/**`);
  return (file) => named(file) || under(file);
}

function filesUnder(dir: string, root: string, found: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // @actions/glob follows symbolic links by default.
      try {
        const target = statSync(path);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue;
      }
    }
    if (isDirectory) filesUnder(path, root, found);
    else if (isFile) found.push(relative(root, path).split(sep).join("/"));
  }
}

export function hashFiles(workspace: string, patterns: string[]): string {
  const rules = patterns
    .flatMap((p) => p.split("\n"))
    .map((p) => p.trim())
    .filter((p) => p !== "" && !p.startsWith("#"))
    .map((p) => {
      const negate = p.startsWith("!");
      let path = negate ? p.slice(1) : p;
      if (isAbsolute(path)) path = relative(workspace, path);
      path = path.replace(/^\.\//, "").replace(/\/+$/, "");
      return { negate, matches: patternMatcher(path) };
    });
  const files: string[] = [];
  filesUnder(workspace, workspace, files);
  const matched = files
    .filter((file) => {
      let included = false;
      for (const rule of rules) if (rule.matches(file)) included = !rule.negate;
      return included;
    })
    .sort();
  if (matched.length === 0) return "";
  const all = createHash("sha256");
  for (const file of matched) {
    all.update(
      createHash("sha256")
        .update(readFileSync(join(workspace, file)))
        .digest(),
    );
  }
  return all.digest("hex");
}
