import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  applyEnvironment,
  environmentSettings,
  quietLog,
  resolveReviewers,
} from "@fastdeploy/commands";
import { DEFAULT_CONFIG_PATH, type FastDeployConfig, loadConfig } from "@fastdeploy/core";
import { createGitHubClient } from "@fastdeploy/github";
import {
  gitSlice,
  type RepoState,
  type Sandbox,
  seedUser,
  seedWorkflow,
} from "@fastdeploy/sandbox";
import { parse as parseYaml } from "yaml";
import { readGitRepository } from "./git-repository-reader.js";
import { listWorkflowFiles, readAtCommit } from "./workflow-files.js";

/**
 * Seeds a local GitHub from a real git repository, so the user's own workflows, `doctor` and
 * `status` work against it: the repository (named after the origin remote or the directory),
 * every commit, branch and tag, the default branch, the workflow files of that branch, and the
 * environments of `.github/fastdeploy.yml` with the protection rules `fastdeploy init --apply`
 * would set on GitHub. Seeding again adds what is new and moves refs; releases, deployments,
 * runs and refs the local GitHub created itself (release tags) stay.
 */

export interface SeedOptions {
  /** `owner/name`; default from the origin remote, else `local/<directory name>`. */
  repository?: string;
  /** Required reviewers of production and require-review environments. */
  reviewers?: string[];
  /** Config file, relative to the repository (default .github/fastdeploy.yml). */
  config?: string;
}

/** The users who review local deploys unless told otherwise (docs/local-runs.md). */
export const LOCAL_REVIEWERS = ["alice", "bob"];

export interface SeedResult {
  repository: string;
  defaultBranch: string;
  /** The branch checked out in the repository; undefined on a detached HEAD. */
  currentBranch?: string;
  /** Head of the default branch. */
  head: string;
  /** Commits that were not in the local GitHub before. */
  addedCommits: number;
  branches: string[];
  tags: string[];
  workflows: string[];
  environments: Array<{ name: string; reviewers: string[] }>;
  /** The config the environments came from; undefined when the repository has none. */
  config?: FastDeployConfig;
}

export async function seedFromGitRepository(
  sandbox: Sandbox,
  repoDir: string,
  options: SeedOptions = {},
): Promise<SeedResult> {
  const snapshot = await readGitRepository(repoDir);
  const repository = options.repository ?? snapshot.repository;
  const repo = existingRepo(sandbox, repository) ?? sandbox.createRepo(repository, { init: false });
  repo.defaultBranch = snapshot.defaultBranch;

  const git = gitSlice(repo);
  let addedCommits = 0;
  for (const commit of snapshot.commits) {
    if (git.commits[commit.sha]) continue;
    git.commits[commit.sha] = { ...commit };
    addedCommits++;
  }
  for (const tag of snapshot.tags) git.tags[tag.sha] = { ...tag };
  Object.assign(git.refs, snapshot.refs);
  const head = snapshot.refs[`refs/heads/${snapshot.defaultBranch}`] ?? "";

  const workflows = await seedWorkflows(sandbox, repo, repoDir, head);
  const config = await readConfig(repoDir, options.config ?? DEFAULT_CONFIG_PATH);
  const environments = config
    ? await seedEnvironments(sandbox, repository, config, options.reviewers ?? LOCAL_REVIEWERS)
    : [];
  const refNames = (prefix: string) =>
    Object.keys(snapshot.refs)
      .filter((r) => r.startsWith(prefix))
      .map((r) => r.slice(prefix.length));
  return {
    repository: `${repo.owner}/${repo.name}`,
    defaultBranch: snapshot.defaultBranch,
    ...(snapshot.currentBranch ? { currentBranch: snapshot.currentBranch } : {}),
    head,
    addedCommits,
    branches: refNames("refs/heads/"),
    tags: refNames("refs/tags/"),
    workflows,
    environments,
    ...(config ? { config } : {}),
  };
}

function existingRepo(sandbox: Sandbox, repository: string): RepoState | undefined {
  try {
    return sandbox.repo(repository);
  } catch {
    return undefined;
  }
}

/** The workflows of the default branch, as GitHub lists them once they are pushed. */
async function seedWorkflows(
  sandbox: Sandbox,
  repo: RepoState,
  repoDir: string,
  head: string,
): Promise<string[]> {
  let paths: string[] = [];
  try {
    paths = listWorkflowFiles(repoDir, head);
  } catch {
    // No .github/workflows at that commit: a repository without workflows yet.
  }
  const known = new Set(
    Object.values(
      (repo.actions as { workflows?: Record<string, { path: string }> })?.workflows ?? {},
    ).map((w) => w.path),
  );
  for (const path of paths) {
    if (known.has(path)) continue;
    const { name, dispatchable } = workflowHeader(readAtCommit(repoDir, head, path) ?? "");
    seedWorkflow(sandbox.state, repo, { path, ...(name ? { name } : {}), dispatchable });
  }
  return paths;
}

/** The `name:` and whether `on:` has workflow_dispatch; a file that does not parse lists as is. */
function workflowHeader(text: string): { name?: string; dispatchable: boolean } {
  try {
    const doc = parseYaml(text) as { name?: unknown; on?: unknown } | null;
    const on = doc?.on;
    const events = typeof on === "string" ? [on] : Array.isArray(on) ? on : Object.keys(on ?? {});
    return {
      ...(typeof doc?.name === "string" ? { name: doc.name } : {}),
      dispatchable: events.includes("workflow_dispatch"),
    };
  } catch {
    return { dispatchable: false };
  }
}

async function readConfig(repoDir: string, file: string): Promise<FastDeployConfig | undefined> {
  let text: string;
  try {
    text = await readFile(join(repoDir, file), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  return loadConfig(text, file);
}

/**
 * The environments through the REST API, with the code `fastdeploy init --apply` runs, as the
 * repository's owner; reviewers are users of the local GitHub, created on demand.
 */
async function seedEnvironments(
  sandbox: Sandbox,
  repository: string,
  config: FastDeployConfig,
  reviewerLogins: string[],
): Promise<Array<{ name: string; reviewers: string[] }>> {
  const [owner = "", name = ""] = repository.split("/");
  for (const login of reviewerLogins) seedUser(sandbox.state, login);
  const token = sandbox.userToken(owner);
  const client = createGitHubClient({
    token,
    apiUrl: sandbox.apiUrl,
    userAgent: "fastdeploy-local-seed",
    writeIntervalMs: 0,
    retryBaseMs: 10,
  });
  const repo = { owner, repo: name };
  const reviewers = await resolveReviewers(client, reviewerLogins);
  const settings = environmentSettings(config.environments, {
    tagPrefix: config.tagPrefix,
    defaultBranch: sandbox.repo(repository).defaultBranch,
  });
  const applied = [];
  for (const env of settings) {
    const result = await applyEnvironment(client, repo, env, reviewers, quietLog);
    applied.push({ name: result.name, reviewers: result.reviewers });
  }
  return applied;
}
