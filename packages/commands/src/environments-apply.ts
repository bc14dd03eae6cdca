import { type EnvironmentConfig, FastDeployError } from "@fastdeploy/core";
import type { GitHubClient, RepoRef } from "@fastdeploy/github";
import type { Log } from "./ports.js";

/**
 * Setting up environments and their protection rules through the API: `fastdeploy init
 * --apply` on GitHub, and the seeding of a local GitHub from a git repository.
 */

/** A reviewer that does not exist, or more reviewers than GitHub accepts. */
export class EnvironmentSetupError extends FastDeployError {
  override name = "EnvironmentSetupError";
}

export interface Reviewer {
  type: "User" | "Team";
  id: number;
  /** Login of a user, `org/slug` of a team. */
  name: string;
}

/**
 * Resolves reviewer names to the ids the environments API takes: `login` (or `@login`) is a
 * user (GET /users/{username}), `org/slug` a team (GET /orgs/{org}/teams/{team_slug}).
 */
export async function resolveReviewers(client: GitHubClient, names: string[]): Promise<Reviewer[]> {
  const reviewers: Reviewer[] = [];
  for (const raw of names) {
    const name = raw.replace(/^@/, "");
    const [org, slug, extra] = name.split("/");
    try {
      if (slug !== undefined && extra === undefined && org) {
        const { data } = await client.rest.teams.getByName({ org, team_slug: slug });
        reviewers.push({ type: "Team", id: data.id, name });
      } else {
        const { data } = await client.rest.users.getByUsername({ username: name });
        reviewers.push({ type: "User", id: data.id, name: data.login });
      }
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      throw new EnvironmentSetupError(
        `Reviewer "${raw}" was not found: give a user login or an org/team slug that can see the repository.`,
      );
    }
  }
  if (reviewers.length > 6) {
    throw new EnvironmentSetupError(
      `GitHub accepts at most 6 reviewers per environment; ${reviewers.length} were given.`,
    );
  }
  return reviewers;
}

export interface EnvironmentSettings {
  name: string;
  /** Set reviewers (and prevent self-review) on this environment. */
  reviewed: boolean;
  /** Minutes a deploy job waits once approved; only set when given. */
  waitTimer?: number;
  /** Branch patterns whose workflow runs may deploy here. */
  branches: string[];
  /** Tag pattern whose workflow runs may deploy here (release tags, `v*`). */
  tagPattern: string;
}

/**
 * What `init --apply` sets on each environment of the config. Every environment may be
 * deployed from release tags (a tag pipeline passes through all of them) and from the default
 * branch (where promote.yml and rollback.yml are dispatched); the first one also from its
 * auto-deploy branches. Production and `require-review` environments get the reviewers.
 */
export function environmentSettings(
  environments: EnvironmentConfig[],
  options: { tagPrefix: string; defaultBranch: string; waitTimer?: number },
): EnvironmentSettings[] {
  return environments.map((env) => ({
    name: env.name,
    reviewed: env.production || env.requireReview,
    ...(env.production && options.waitTimer !== undefined ? { waitTimer: options.waitTimer } : {}),
    branches: [...new Set([options.defaultBranch, ...env.autoDeploy.branches])],
    tagPattern: `${options.tagPrefix}*`,
  }));
}

/**
 * Creates or updates one environment and its deployment branch and tag policies. Idempotent:
 * policies that exist already are left alone, so a second run changes nothing.
 */
export async function applyEnvironment(
  client: GitHubClient,
  repo: RepoRef,
  settings: EnvironmentSettings,
  reviewers: Reviewer[],
  log: Log,
): Promise<{ name: string; reviewers: string[]; policies: string[] }> {
  log.info(`Environment ${settings.name}: protection rules`);
  await client.rest.repos.createOrUpdateEnvironment({
    ...repo,
    environment_name: settings.name,
    ...(settings.waitTimer !== undefined ? { wait_timer: settings.waitTimer } : {}),
    ...(settings.reviewed
      ? {
          reviewers: reviewers.map((r) => ({ type: r.type, id: r.id })),
          prevent_self_review: true,
        }
      : {}),
    deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
  });
  const { data } = await client.rest.repos.listDeploymentBranchPolicies({
    ...repo,
    environment_name: settings.name,
    per_page: 100,
  });
  const wanted = [
    ...settings.branches.map((name) => ({ name, type: "branch" as const })),
    { name: settings.tagPattern, type: "tag" as const },
  ];
  for (const policy of wanted) {
    const exists = data.branch_policies.some(
      (p) => p.name === policy.name && (p.type ?? "branch") === policy.type,
    );
    if (exists) continue;
    log.info(`Environment ${settings.name}: allow ${policy.type} ${policy.name}`);
    await client.rest.repos.createDeploymentBranchPolicy({
      ...repo,
      environment_name: settings.name,
      ...policy,
    });
  }
  return {
    name: settings.name,
    reviewers: settings.reviewed ? reviewers.map((r) => r.name) : [],
    policies: wanted.map((p) => `${p.type}:${p.name}`),
  };
}
