import type { ReviewFact } from "@fastdeploy/core";
import type { GitHubClient } from "./octokit.js";
import type { RepoRef } from "./release-assets.js";

/** A review of a workflow run for an environment (GET …/actions/runs/{run_id}/approvals). */
export interface RunApproval extends ReviewFact {
  userType: string;
  /** Environments the review covered (one review may approve several). */
  environments: string[];
}

/**
 * The reviews of a run, oldest first, limited to `environment` when given (case-insensitive,
 * as GitHub names environments). GitHub's approvals carry no review time; the approve action
 * records when it read them. One request.
 */
export async function readRunApprovals(
  client: GitHubClient,
  repo: RepoRef,
  runId: number,
  environment?: string,
): Promise<RunApproval[]> {
  const { data } = await client.rest.actions.getReviewsForRun({ ...repo, run_id: runId });
  const wanted = environment?.toLowerCase();
  return data
    .map((r) => ({
      login: r.user.login,
      userType: r.user.type,
      state: r.state,
      comment: r.comment,
      environments: r.environments.flatMap((e) => (e.name ? [e.name] : [])),
    }))
    .filter((r) => !wanted || r.environments.some((e) => e.toLowerCase() === wanted));
}

export interface EnvironmentReviewer {
  type: "User" | "Team";
  id: number;
  /** Login of a user, slug of a team. */
  name: string;
}

export interface EnvironmentProtection {
  name: string;
  /** Minutes a job waits before it may run. */
  waitTimer: number;
  preventSelfReview: boolean;
  reviewers: EnvironmentReviewer[];
  /** null: any branch or tag may deploy. */
  branchPolicy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
}

/**
 * An environment's protection rules (GET …/environments/{name}); undefined when the
 * environment does not exist, so a face can tell "unprotected" from "missing". One request.
 */
export async function readEnvironmentProtection(
  client: GitHubClient,
  repo: RepoRef,
  name: string,
): Promise<EnvironmentProtection | undefined> {
  let data: Awaited<ReturnType<GitHubClient["rest"]["repos"]["getEnvironment"]>>["data"];
  try {
    ({ data } = await client.rest.repos.getEnvironment({ ...repo, environment_name: name }));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
  const protection: EnvironmentProtection = {
    name: data.name,
    waitTimer: 0,
    preventSelfReview: false,
    reviewers: [],
    branchPolicy: data.deployment_branch_policy ?? null,
  };
  for (const rule of data.protection_rules ?? []) {
    if (rule.type === "wait_timer" && "wait_timer" in rule)
      protection.waitTimer = rule.wait_timer ?? 0;
    if (rule.type === "required_reviewers" && "reviewers" in rule) {
      protection.preventSelfReview = Boolean(rule.prevent_self_review);
      for (const r of rule.reviewers ?? []) {
        const who = r.reviewer as { id?: number; login?: string; slug?: string } | undefined;
        if (!who?.id || (r.type !== "User" && r.type !== "Team")) continue;
        protection.reviewers.push({ type: r.type, id: who.id, name: who.login ?? who.slug ?? "" });
      }
    }
  }
  return protection;
}
