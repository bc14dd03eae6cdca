import { lstat, readdir } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import { archivePathProblem, comparePaths } from "@fastdeploy/core";
import { FileMatchError } from "./errors.js";
import { globBase, globMatcher, isGlob } from "./glob.js";

export interface CollectedFile {
  /** Path inside the archive: relative to `cwd`, POSIX separators. */
  path: string;
  absPath: string;
}

export interface CollectFilesOptions {
  cwd: string;
  /**
   * Files, directories (taken recursively) and globs (`*`, `?`, `**`), relative to `cwd`.
   * A pattern starting with `!` excludes what it matches. Every other pattern must match.
   */
  patterns: readonly string[];
}

/**
 * Resolves `path:` patterns to a sorted, unique list of regular files. Paths in the archive
 * are relative to `cwd` (`dist` gives `dist/index.html`). Symlinks, sockets and devices are
 * refused rather than followed: a link could pull files from outside the tree into a release.
 * Empty directories are not kept (archives hold files; directories are implied).
 */
export async function collectFiles(options: CollectFilesOptions): Promise<CollectedFile[]> {
  const includes: string[] = [];
  const excludes: ((path: string) => boolean)[] = [];
  for (const raw of options.patterns) {
    const pattern = raw.trim().replace(/^\.\//, "").replace(/\/+$/, "");
    if (pattern === "" || raw.trim() === "!") continue;
    if (pattern.startsWith("!")) {
      const negated = normalise(pattern.slice(1).trim().replace(/^\.\//, ""), raw);
      excludes.push(
        isGlob(negated)
          ? globMatcher(negated)
          : (p) => p === negated || p.startsWith(`${negated}/`),
      );
    } else includes.push(pattern === "." ? "." : normalise(pattern, raw));
  }
  if (includes.length === 0) {
    throw new FileMatchError(
      options.patterns.join(","),
      "no path given; list files, directories or globs to package",
    );
  }
  const found = new Map<string, string>();
  const walk: Walk = {
    cwd: options.cwd,
    found,
    // Applied while walking, so an excluded symlink or directory is never even looked at.
    excluded: (path) => excludes.some((exclude) => exclude(path)),
    matched: 0,
  };
  for (const pattern of includes) {
    walk.matched = 0;
    await expand(walk, pattern);
    if (walk.matched === 0) {
      throw new FileMatchError(
        pattern,
        `matched no files in ${options.cwd}; check the path and the working directory`,
      );
    }
  }
  const files = [...found]
    .map(([path, absPath]) => ({ path, absPath }))
    .sort((a, b) => comparePaths(a.path, b.path));
  if (files.length === 0) {
    throw new FileMatchError(includes.join(","), "every matched file is excluded by a ! pattern");
  }
  return files;
}

/** Refuses patterns that reach outside `cwd`; archive paths must stay inside the tree. */
function normalise(pattern: string, raw: string): string {
  if (isAbsolute(pattern) || pattern.includes("\\")) {
    throw new FileMatchError(raw, "must be relative to the working directory, with / separators");
  }
  const problem = archivePathProblem(pattern.replace(/\*\*/g, "x"));
  if (problem)
    throw new FileMatchError(raw, `${problem}; paths must stay inside the working directory`);
  return pattern;
}

interface Walk {
  cwd: string;
  found: Map<string, string>;
  excluded: (path: string) => boolean;
  /** Files the current pattern matched, excluded ones included (they did match). */
  matched: number;
}

/** Adds the files `pattern` names to `walk.found`. */
async function expand(walk: Walk, pattern: string): Promise<void> {
  const { cwd } = walk;
  if (!isGlob(pattern)) {
    const absPath = pattern === "." ? cwd : join(cwd, pattern);
    const kind = await kindOf(absPath);
    if (kind !== "missing") await add(walk, absPath, kind, pattern);
    return;
  }
  const match = globMatcher(pattern);
  const base = globBase(pattern);
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const absPath = join(dir, entry.name);
      const path = toPosix(relative(cwd, absPath));
      if (match(path)) await add(walk, absPath, await kindOf(absPath), pattern);
      else if (entry.isDirectory() && !walk.excluded(path)) await visit(absPath);
    }
  };
  await visit(base === "" ? cwd : join(cwd, base));
}

type Kind = "file" | "directory" | "missing" | "other";

async function kindOf(absPath: string): Promise<Kind> {
  const stat = await lstat(absPath).catch(() => undefined);
  if (!stat) return "missing";
  return stat.isFile() ? "file" : stat.isDirectory() ? "directory" : "other";
}

/** Adds a file, or a directory's files recursively. */
async function add(walk: Walk, absPath: string, kind: Kind, pattern: string): Promise<void> {
  const path = toPosix(relative(walk.cwd, absPath));
  if (path !== "" && walk.excluded(path)) {
    walk.matched++;
    return;
  }
  if (kind === "other") {
    throw new FileMatchError(
      pattern,
      `"${path}" is a symlink or special file; only regular files are packaged (copy the target in, or exclude it with !${path})`,
    );
  }
  if (kind === "file") {
    const problem = archivePathProblem(path);
    if (problem) throw new FileMatchError(pattern, `"${path}" cannot be archived: path ${problem}`);
    walk.found.set(path, absPath);
    walk.matched++;
    return;
  }
  for (const entry of await readdir(absPath, { withFileTypes: true })) {
    const child = join(absPath, entry.name);
    const childKind: Kind = entry.isFile() ? "file" : entry.isDirectory() ? "directory" : "other";
    await add(walk, child, childKind, pattern);
  }
}

function toPosix(path: string): string {
  return sep === "/" ? path : path.split(sep).join("/");
}
