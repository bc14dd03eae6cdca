// Reading workflow files: the user's from their git repository at the run's commit (GitHub
// runs the workflow files of the commit it was triggered for), and this checkout's reusable
// workflows from its working tree.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export function git(repoDir: string, args: string[]): string {
  return execFileSync("git", args, {
    cwd: repoDir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The commit a ref or sha names in the repository, or a clear error. */
export function resolveCommit(repoDir: string, ref: string): string {
  try {
    return git(repoDir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).trim();
  } catch {
    throw new Error(
      `${ref} names no commit in ${repoDir}; push or tag it first (git tag, git branch), or pass the commit sha`,
    );
  }
}

/** The workflow files of `.github/workflows` at a commit, as repository paths. */
export function listWorkflowFiles(repoDir: string, sha: string): string[] {
  const out = git(repoDir, ["ls-tree", "--name-only", `${sha}:.github/workflows`]).trim();
  return out
    .split("\n")
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => `.github/workflows/${name}`)
    .sort();
}

export function readAtCommit(repoDir: string, sha: string, path: string): string | undefined {
  try {
    return git(repoDir, ["show", `${sha}:${path}`]);
  } catch {
    return undefined;
  }
}

export function existsAtCommit(repoDir: string, sha: string, path: string): boolean {
  try {
    git(repoDir, ["cat-file", "-e", `${sha}:${path}`]);
    return true;
  } catch {
    return false;
  }
}

/** Files changed by a push of `sha`: its diff against its first parent (against the empty
 * tree for a root commit). */
export function changedFiles(repoDir: string, sha: string): string[] {
  const out = git(repoDir, ["diff-tree", "--no-commit-id", "--name-only", "-r", "--root", sha]);
  return out.split("\n").filter(Boolean);
}

export function readWorkingTree(root: string, path: string): string | undefined {
  const file = join(root, path);
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}
