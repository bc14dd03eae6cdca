import type { CheckFact } from "@fastdeploy/core";
import type { GitHubClient } from "./octokit.js";
import type { RepoRef } from "./release-assets.js";

export interface CommitCheck extends CheckFact {
  kind: "check_run" | "status";
  /** The raw conclusion (check run) or state (status). */
  detail: string;
}

/** What branch protection also accepts as a passing check run. */
const PASSING = new Set(["success", "neutral", "skipped"]);

/**
 * The checks on a commit: its check runs (the latest run per name) and its commit statuses
 * (the combined status holds the latest per context), for `checkRequiredChecks`. Costs one
 * request per 100 check runs plus one per 100 status contexts.
 */
export async function readCommitChecks(
  client: GitHubClient,
  repo: RepoRef,
  ref: string,
): Promise<CommitCheck[]> {
  const runs = await client.paginate(client.rest.checks.listForRef, {
    ...repo,
    ref,
    filter: "latest",
    per_page: 100,
  });
  const checks: CommitCheck[] = runs.map((run) => ({
    name: run.name,
    kind: "check_run",
    detail: run.status === "completed" ? (run.conclusion ?? "none") : run.status,
    result:
      run.status !== "completed"
        ? "pending"
        : PASSING.has(run.conclusion ?? "")
          ? "passed"
          : "failed",
  }));
  const { data: combined } = await client.rest.repos.getCombinedStatusForRef({
    ...repo,
    ref,
    per_page: 100,
  });
  for (const status of combined.statuses) {
    checks.push({
      name: status.context,
      kind: "status",
      detail: status.state,
      result:
        status.state === "success" ? "passed" : status.state === "pending" ? "pending" : "failed",
    });
  }
  return checks;
}
