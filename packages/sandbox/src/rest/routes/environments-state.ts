import type { RepoState } from "../types.js";
import {
  nodeId,
  repoApi,
  simpleUser,
  teamById,
  teamObject,
  userById,
  type Web,
} from "./users-objects.js";

/** One environment with its protection rules, as kept in the `environments` slice. */
export interface EnvironmentRecord {
  id: number;
  name: string;
  created_at: string;
  updated_at: string;
  wait_timer: number;
  prevent_self_review: boolean;
  reviewers: Array<{ type: "User" | "Team"; id: number }>;
  branch_policy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  policies: Array<{ id: number; name: string; type: "branch" | "tag" }>;
  /** Protection rule ids, allocated once so they stay stable across updates. */
  rule_ids: { wait_timer: number; required_reviewers: number; branch_policy: number };
}

/** Keyed by lower-cased name: environment names are case-insensitive on GitHub. */
export type EnvironmentsSlice = Record<string, EnvironmentRecord>;

export function environmentsOf(repo: RepoState): EnvironmentsSlice {
  let slice = repo.environments as EnvironmentsSlice | undefined;
  if (!slice) {
    slice = {};
    repo.environments = slice;
  }
  return slice;
}

export function findEnvironment(repo: RepoState, name: string): EnvironmentRecord | undefined {
  return environmentsOf(repo)[name.toLowerCase()];
}

export function findEnvironmentById(repo: RepoState, id: number): EnvironmentRecord | undefined {
  return Object.values(environmentsOf(repo)).find((e) => e.id === id);
}

/** Returns the environment, creating an unprotected one the way a deployment to it does. */
export function ensureEnvironment(
  repo: RepoState,
  name: string,
  nextId: () => number,
  now: string,
): EnvironmentRecord {
  const slice = environmentsOf(repo);
  const key = name.toLowerCase();
  let env = slice[key];
  if (!env) {
    env = {
      id: nextId(),
      name,
      created_at: now,
      updated_at: now,
      wait_timer: 0,
      prevent_self_review: false,
      reviewers: [],
      branch_policy: null,
      policies: [],
      rule_ids: { wait_timer: nextId(), required_reviewers: nextId(), branch_policy: nextId() },
    };
    slice[key] = env;
  }
  return env;
}

export function environmentUrls(web: Web, repo: RepoState, env: EnvironmentRecord) {
  return {
    url: `${repoApi(web, repo)}/environments/${encodeURIComponent(env.name)}`,
    html_url: `${web.serverUrl}/${repo.owner}/${repo.name}/deployments/activity_log?environments_filter=${encodeURIComponent(env.name)}`,
  };
}

/** The reviewer objects of a required_reviewers rule (simple-user or team). */
export function reviewerObjects(web: Web, repo: RepoState, env: EnvironmentRecord) {
  return env.reviewers.flatMap((r): unknown[] => {
    if (r.type === "User") {
      const user = userById(web.state, r.id);
      return user ? [{ type: "User" as const, reviewer: simpleUser(web, user.login) }] : [];
    }
    const team = teamById(web.state, r.id);
    return team ? [{ type: "Team" as const, reviewer: teamObject(web, team, repo.owner) }] : [];
  });
}

/** Only configured rules appear, as on GitHub: a wait timer of 0 or no reviewers means no rule. */
function protectionRules(web: Web, repo: RepoState, env: EnvironmentRecord) {
  const rules: unknown[] = [];
  const ids = env.rule_ids;
  if (env.wait_timer > 0) {
    rules.push({
      id: ids.wait_timer,
      node_id: nodeId("Gate", ids.wait_timer),
      type: "wait_timer",
      wait_timer: env.wait_timer,
    });
  }
  if (env.reviewers.length > 0) {
    rules.push({
      id: ids.required_reviewers,
      node_id: nodeId("Gate", ids.required_reviewers),
      prevent_self_review: env.prevent_self_review,
      type: "required_reviewers",
      reviewers: reviewerObjects(web, repo, env),
    });
  }
  if (env.branch_policy) {
    rules.push({
      id: ids.branch_policy,
      node_id: nodeId("Gate", ids.branch_policy),
      type: "branch_policy",
    });
  }
  return rules;
}

/** The `environment` schema. */
export function environmentObject(web: Web, repo: RepoState, env: EnvironmentRecord) {
  return {
    id: env.id,
    node_id: nodeId("Environment", env.id),
    name: env.name,
    ...environmentUrls(web, repo, env),
    created_at: env.created_at,
    updated_at: env.updated_at,
    protection_rules: protectionRules(web, repo, env),
    deployment_branch_policy: env.branch_policy ? { ...env.branch_policy } : null,
  };
}
