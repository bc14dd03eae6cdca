import { createHash } from "node:crypto";
import type { RepoState } from "../types.js";

/**
 * The repository's object graph: commits, annotated tag objects and refs, in the `git` slice.
 * No trees or blobs: FastDeploy only needs commit ancestry, tags and refs. Other route modules
 * (deployments, checks) resolve refs through `resolveCommitish`.
 */

export interface GitPerson {
  name: string;
  email: string;
  date: string;
}

export interface StoredCommit {
  sha: string;
  message: string;
  parents: string[];
  tree: string;
  author: GitPerson;
  committer: GitPerson;
}

export interface StoredTag {
  sha: string;
  tag: string;
  message: string;
  object: { sha: string; type: "commit" | "tree" | "blob" | "tag" };
  tagger: GitPerson;
}

export interface GitSlice {
  commits: Record<string, StoredCommit>;
  tags: Record<string, StoredTag>;
  /** Full ref name (`refs/heads/main`) → object sha (a commit, or a tag object when annotated). */
  refs: Record<string, string>;
}

export function gitSlice(repo: RepoState): GitSlice {
  repo.git ??= { commits: {}, tags: {}, refs: {} } satisfies GitSlice;
  return repo.git as GitSlice;
}

export const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

export interface SeedCommitOptions {
  message: string;
  /** Parent shas; default: the current head of `branch` (none for the first commit). */
  parents?: string[];
  /** ISO date; default: now. */
  date?: string;
  /** Branch to advance to the new commit; default: the repository's default branch. */
  branch?: string;
  /** Use this sha (e.g. mirror a commit of a real local git repository in a test). */
  sha?: string;
  author?: { name: string; email: string };
}

/** Adds a commit and moves `branch` to it, as a push would. Returns its sha. */
export function seedCommit(repo: RepoState, options: SeedCommitOptions, now: string): string {
  const git = gitSlice(repo);
  const branch = options.branch ?? repo.defaultBranch;
  const head = git.refs[`refs/heads/${branch}`];
  const parents = options.parents ?? (head ? [head] : []);
  for (const parent of parents) {
    if (!git.commits[parent]) throw new Error(`seedCommit: unknown parent ${parent}`);
  }
  const date = options.date ?? now;
  const person = { ...(options.author ?? { name: "Octocat", email: "octocat@github.com" }), date };
  const sequence = Object.keys(git.commits).length;
  const sha =
    options.sha ?? sha1(`commit\n${parents.join(" ")}\n${date}\n${options.message}\n${sequence}`);
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`seedCommit: not a 40-hex sha: ${sha}`);
  git.commits[sha] = {
    sha,
    message: options.message,
    parents,
    tree: sha1(`tree ${sha}`),
    author: person,
    committer: person,
  };
  git.refs[`refs/heads/${branch}`] = sha;
  return sha;
}

/** Follows annotated tag objects down to the commit they tag. */
export function peel(git: GitSlice, sha: string): string | undefined {
  let current = sha;
  for (let i = 0; i < 10; i++) {
    if (git.commits[current]) return current;
    const tag = git.tags[current];
    if (!tag) return undefined;
    current = tag.object.sha;
  }
  return undefined;
}

/**
 * Resolves what GitHub accepts as a commit-ish: a full or abbreviated (≥7) commit sha, a branch,
 * a tag (peeled), or `heads/x`, `tags/x`, `refs/heads/x`, `refs/tags/x`.
 */
export function resolveCommitish(repo: RepoState, ref: string): string | undefined {
  const git = gitSlice(repo);
  if (/^[0-9a-f]{40}$/.test(ref)) return peel(git, ref);
  const candidates = ref.startsWith("refs/")
    ? [ref]
    : [`refs/${ref}`, `refs/heads/${ref}`, `refs/tags/${ref}`];
  for (const name of candidates) {
    const target = git.refs[name];
    if (target) return peel(git, target);
  }
  if (/^[0-9a-f]{7,39}$/.test(ref)) {
    const found = Object.keys(git.commits).filter((sha) => sha.startsWith(ref));
    if (found.length === 1) return found[0];
  }
  return undefined;
}

/** Commits reachable from `sha`, newest first (breadth-first by date, like `git log`). */
export function history(git: GitSlice, sha: string): StoredCommit[] {
  const seen = new Set<string>();
  const out: StoredCommit[] = [];
  const queue = [sha];
  while (queue.length) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const commit = git.commits[next];
    if (!commit) continue;
    out.push(commit);
    queue.push(...commit.parents);
  }
  return out.sort((a, b) => b.committer.date.localeCompare(a.committer.date));
}

export interface Comparison {
  status: "identical" | "ahead" | "behind" | "diverged";
  aheadBy: number;
  behindBy: number;
  mergeBase: string | undefined;
  /** Commits in head but not in base, oldest first (as GitHub lists them). */
  commits: StoredCommit[];
}

export function compareCommits(git: GitSlice, base: string, head: string): Comparison {
  const baseSet = new Set(history(git, base).map((c) => c.sha));
  const headHistory = history(git, head);
  const headSet = new Set(headHistory.map((c) => c.sha));
  const ahead = headHistory.filter((c) => !baseSet.has(c.sha));
  const behindBy = [...baseSet].filter((s) => !headSet.has(s)).length;
  const mergeBase = headHistory.find((c) => baseSet.has(c.sha))?.sha;
  const status =
    base === head
      ? "identical"
      : ahead.length && behindBy
        ? "diverged"
        : ahead.length
          ? "ahead"
          : behindBy
            ? "behind"
            : "identical";
  return { status, aheadBy: ahead.length, behindBy, mergeBase, commits: ahead.reverse() };
}

/** The kind of object a sha names, for a ref's `object.type`. */
export function objectType(git: GitSlice, sha: string): "commit" | "tag" {
  return git.tags[sha] ? "tag" : "commit";
}
