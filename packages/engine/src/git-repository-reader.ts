import { execFile } from "node:child_process";
import { basename } from "node:path";
import { promisify } from "node:util";
import { FastDeployError } from "@fastdeploy/core";

/**
 * Reads what a local GitHub needs from a real git repository: its commits, branches, tags
 * (lightweight and annotated), default branch and the workflow files of that branch, through
 * the `git` command so any repository git reads (packed refs, worktrees) works.
 */

const run = promisify(execFile);

export interface GitIdentity {
  name: string;
  email: string;
  date: string;
}

export interface GitCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: GitIdentity;
  committer: GitIdentity;
}

export interface GitTagObject {
  sha: string;
  tag: string;
  message: string;
  object: { sha: string; type: "commit" | "tree" | "blob" | "tag" };
  tagger: GitIdentity;
}

export interface GitRepositorySnapshot {
  /** `owner/name` from the `origin` remote, else `local/<directory name>`. */
  repository: string;
  defaultBranch: string;
  /** The branch checked out; undefined on a detached HEAD. */
  currentBranch?: string;
  /** Every commit reachable from a branch or tag, parents before children. */
  commits: GitCommit[];
  /** Full ref name → the object it names (a commit, or a tag object when annotated). */
  refs: Record<string, string>;
  /** Annotated tag objects by sha. */
  tags: GitTagObject[];
}

export class GitRepositoryError extends FastDeployError {
  override name = "GitRepositoryError";
}

async function git(dir: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run("git", args, { cwd: dir, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    if (/not a git repository/i.test(stderr)) {
      throw new GitRepositoryError(
        `${dir} is not a git repository: run this inside your project's clone (or git init it first).`,
      );
    }
    throw new GitRepositoryError(`git ${args.join(" ")} failed in ${dir}: ${stderr}`);
  }
}

// Fields and records are split on control characters that git never puts in these values;
// `git log` spells them %x1f, `git for-each-ref` %1f.
const FIELD = "%x1f";
const RECORD = "%x1e";

export async function readGitRepository(dir: string): Promise<GitRepositorySnapshot> {
  await git(dir, ["rev-parse", "--git-dir"]);
  const refs = await readRefs(dir);
  if (!Object.keys(refs.refs).some((ref) => ref.startsWith("refs/heads/"))) {
    throw new GitRepositoryError(
      `${dir} has no commits yet: commit your files first (git add -A && git commit -m "first commit").`,
    );
  }
  const current = (
    await git(dir, ["symbolic-ref", "--quiet", "--short", "HEAD"]).catch(() => "")
  ).trim();
  return {
    repository: await repositoryName(dir),
    defaultBranch: await defaultBranch(dir, refs.refs, current),
    ...(current && refs.refs[`refs/heads/${current}`] ? { currentBranch: current } : {}),
    commits: await readCommits(dir),
    ...refs,
  };
}

async function readCommits(dir: string): Promise<GitCommit[]> {
  const format = ["%H", "%T", "%P", "%an", "%ae", "%aI", "%cn", "%ce", "%cI", "%B"].join(FIELD);
  const out = await git(dir, [
    "log",
    "--branches",
    "--tags",
    "--topo-order",
    "--reverse",
    `--format=${format}${RECORD}`,
  ]);
  return records(out).map((fields) => {
    const [
      sha = "",
      tree = "",
      parents = "",
      an = "",
      ae = "",
      ad = "",
      cn = "",
      ce = "",
      cd = "",
      msg = "",
    ] = fields;
    return {
      sha,
      tree,
      parents: parents.split(" ").filter(Boolean),
      message: msg.replace(/\n+$/, ""),
      author: { name: an, email: ae, date: utc(ad) },
      committer: { name: cn, email: ce, date: utc(cd) },
    };
  });
}

async function readRefs(dir: string): Promise<Pick<GitRepositorySnapshot, "refs" | "tags">> {
  const format = [
    "%(refname)",
    "%(objectname)",
    "%(objecttype)",
    "%(*objectname)",
    "%(*objecttype)",
    "%(taggername)",
    "%(taggeremail:trim)",
    "%(taggerdate:iso-strict)",
    "%(contents)",
  ].join("%1f");
  const out = await git(dir, ["for-each-ref", `--format=${format}%1e`, "refs/heads", "refs/tags"]);
  const refs: Record<string, string> = {};
  const tags: GitTagObject[] = [];
  for (const [ref = "", sha = "", type = "", target = "", targetType = "", ...rest] of records(
    out,
  )) {
    refs[ref] = sha;
    if (type !== "tag") continue;
    const [name = "", email = "", date = "", message = ""] = rest;
    tags.push({
      sha,
      tag: ref.replace(/^refs\/tags\//, ""),
      message: message.replace(/\n+$/, ""),
      object: { sha: target, type: targetType as GitTagObject["object"]["type"] },
      tagger: { name, email, date: utc(date) },
    });
  }
  return { refs, tags };
}

/** Lines of `git … --format=…%x1e` output, each split into its fields. */
function records(out: string): string[][] {
  return out
    .split("\x1e")
    .map((r) => r.replace(/^\n/, ""))
    .filter((r) => r.length > 0)
    .map((r) => r.split("\x1f"));
}

/** GitHub's timestamps are UTC with whole seconds. */
const utc = (iso: string) =>
  iso ? new Date(iso).toISOString().replace(/\.\d{3}Z$/, "Z") : new Date(0).toISOString();

const OWNER = /^[A-Za-z0-9-]{1,39}$/;

/** `owner/name` from the `origin` remote, else `local/<directory name>`. */
export async function repositoryName(dir: string): Promise<string> {
  const url = await git(dir, ["config", "--get", "remote.origin.url"]).catch(() => "");
  const match = /[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?\s*$/.exec(url);
  if (match?.[1] && match[2] && OWNER.test(match[1])) return `${match[1]}/${match[2]}`;
  const top = (await git(dir, ["rev-parse", "--show-toplevel"])).trim();
  const name = basename(top).replace(/[^A-Za-z0-9._-]+/g, "-") || "repository";
  return `local/${name}`;
}

/**
 * The branch GitHub would show first: the one the origin's HEAD names, else `main` or
 * `master`, else the branch checked out.
 */
async function defaultBranch(
  dir: string,
  refs: Record<string, string>,
  current: string,
): Promise<string> {
  const origin = await git(dir, ["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]).catch(
    () => "",
  );
  const fromOrigin = origin.trim().replace(/^refs\/remotes\/origin\//, "");
  for (const name of [fromOrigin, "main", "master"]) {
    if (name && refs[`refs/heads/${name}`]) return name;
  }
  if (current && refs[`refs/heads/${current}`]) return current;
  return Object.keys(refs)
    .find((ref) => ref.startsWith("refs/heads/"))!
    .replace(/^refs\/heads\//, "");
}
