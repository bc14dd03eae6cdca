import { quietLog, type StatusReport, status } from "@fastdeploy/commands";
import { FastDeployError } from "@fastdeploy/core";
import {
  GitRepositoryError,
  repositoryName,
  type SeedResult,
  seedFromGitRepository,
} from "@fastdeploy/engine";
import { createGitHubClient, type GitHubClient, type RepoRef } from "@fastdeploy/github";
import { type LocalGitHub, startLocalGitHub } from "@fastdeploy/sandbox";
import type { LocalStartSettings } from "../commands/local-options.js";
import { CliFailure } from "../errors.js";
import type { Io } from "../io.js";

/** The local GitHub's administrator: the default actor, and the user of the printed token. */
export const LOCAL_ADMIN = "octocat";

/** What `fastdeploy status` reports for the config's environments; none without a config. */
export async function statusReport(github: SeededGitHub): Promise<StatusReport | undefined> {
  const environments = github.seed.config?.environments.map((e) => e.name) ?? [];
  if (environments.length === 0) return undefined;
  return status(
    { repo: github.repo, environments, windowDays: 30 },
    { github: github.clientFor(LOCAL_ADMIN), log: quietLog },
  );
}

export interface SeededGitHub {
  local: LocalGitHub;
  seed: SeedResult;
  repo: RepoRef;
  /** A token of `login` in the local GitHub, made on first use and kept with the state. */
  tokenFor(login: string): string;
  /** A client acting as `login`, paced for loopback. */
  clientFor(login: string): GitHubClient;
  /** Saves the state (with --state) and stops every listener. */
  close(): Promise<void>;
}

/**
 * A local GitHub (REST API and artifact service) seeded from the git repository of the working
 * directory. With a state directory it starts from what an earlier run left and saves on close.
 */
export async function startSeededGitHub(
  settings: LocalStartSettings,
  io: Io,
): Promise<SeededGitHub> {
  const repository =
    settings.repository ?? (await repositoryName(settings.repoDir).catch(gitFailure));
  io.stderr(
    `Starting a local GitHub for ${repository}${settings.stateDir ? ` (state: ${settings.stateDir})` : ""}…\n`,
  );
  let seed: SeedResult | undefined;
  // Parts of the local GitHub unref their handles (Azurite's child process), so while it runs
  // and closes, a timer holds the process open; otherwise Node would exit mid-await.
  const alive = setInterval(() => {}, 2 ** 30);
  const local = await startLocalGitHub({
    repository,
    artifacts: true,
    ...(settings.stateDir ? { stateDir: settings.stateDir } : {}),
    ...(settings.port !== undefined ? { port: settings.port } : {}),
    seed: async (sandbox) => {
      seed = await seedFromGitRepository(sandbox, settings.repoDir, {
        repository,
        ...(settings.reviewers ? { reviewers: settings.reviewers } : {}),
        ...(settings.config ? { config: settings.config } : {}),
      });
      return seed.head;
    },
  }).catch((error: unknown) => {
    clearInterval(alive);
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new CliFailure(
        `port ${settings.port} is in use: pass another --port, or leave it out to take a free one`,
      );
    }
    if (error instanceof GitRepositoryError || error instanceof FastDeployError) {
      throw new CliFailure(error.message);
    }
    // Azurite missing (an installed CLI) and the like: the message says what to do.
    throw new CliFailure(`the local GitHub did not start: ${(error as Error).message}`);
  });
  const tokenFor = (login: string) => local.sandbox.userToken(login);
  const [owner = "", name = ""] = repository.split("/");
  return {
    local,
    seed: seed as SeedResult,
    repo: { owner, repo: name },
    tokenFor,
    clientFor: (login) =>
      createGitHubClient({
        token: tokenFor(login),
        apiUrl: local.sandbox.apiUrl,
        userAgent: "fastdeploy-local",
        writeIntervalMs: 0,
        retryBaseMs: 10,
      }),
    close: async () => {
      try {
        await local.close();
      } finally {
        clearInterval(alive);
      }
    },
  };
}

/** A repository git cannot read is the user's to fix: one line, no stack. */
function gitFailure(error: unknown): never {
  if (error instanceof GitRepositoryError) throw new CliFailure(error.message);
  throw error;
}

/** What the local GitHub holds, on stderr. */
export function describeSeed(github: SeededGitHub, settings: LocalStartSettings, io: Io): void {
  const { seed } = github;
  const list = (items: string[]) => (items.length ? items.join(", ") : "none");
  io.stderr(
    `${[
      `Repository ${seed.repository}: default branch ${seed.defaultBranch}, ${seed.addedCommits} new commit(s)`,
      `  branches: ${list(seed.branches)}; tags: ${list(seed.tags)}`,
      `  workflows: ${list(seed.workflows)}`,
      `  environments: ${list(seed.environments.map((e) => (e.reviewers.length ? `${e.name} (reviewers ${e.reviewers.join(", ")})` : e.name)))}`,
      seed.config
        ? ""
        : `  no ${settings.repoDir}/.github/fastdeploy.yml: run fastdeploy init to add environments\n`,
    ]
      .filter(Boolean)
      .join("\n")}\n`,
  );
}
