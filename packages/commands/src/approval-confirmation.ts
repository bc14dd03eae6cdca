import type { PayloadApproval } from "@fastdeploy/core";
import { type GitHubClient, type RepoRef, readRunApprovals } from "@fastdeploy/github";
import type { Log } from "./ports.js";

/**
 * The approval distribute writes to the ledger: only what GitHub itself says about this run.
 *
 * The approve step's record reaches distribute as text (`FASTDEPLOY_APPROVAL`), which anything
 * earlier in the job could have set. So the approvers are read again from GitHub's record of
 * the run's reviews (GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals, "Get the
 * review history for a workflow run", https://docs.github.com/en/rest/actions/workflow-runs#get-the-review-history-for-a-workflow-run)
 * and a claimed approver who never approved this run for this environment is dropped with a
 * warning. The record's required checks are kept: approve read them from the API in the same
 * job, and they name checks, not people. One request, needing `actions: read`.
 */
export async function confirmApproval(
  claimed: PayloadApproval | null,
  run: { github: GitHubClient; repo: RepoRef; runId: number; environment: string; log: Log },
): Promise<PayloadApproval | null> {
  if (!claimed) return null;
  const { github, repo, runId, environment, log } = run;
  const checks = claimed.checks?.length ? { checks: claimed.checks } : {};
  const named = claimed.approvers.map((a) => a.login);
  if (!runId) {
    if (named.length)
      log.warning(
        `Not recording ${named.join(", ")} as approvers: outside a workflow run there are no GitHub reviews to confirm them.`,
      );
    return { approvers: [], ...checks };
  }
  let reviews: Awaited<ReturnType<typeof readRunApprovals>>;
  try {
    reviews = await readRunApprovals(github, repo, runId, environment);
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== 403 && status !== 404) throw error;
    log.warning(
      `Could not read the reviews of run ${runId} (GitHub answered ${status}), so no approver is recorded; give the job \`actions: read\` to record who approved.`,
    );
    return { approvers: [], ...checks };
  }
  const approved = reviews.filter((r) => r.state === "approved");
  const confirmed = new Set(approved.map((r) => r.login));
  const forged = named.filter((login) => !confirmed.has(login));
  if (forged.length)
    log.warning(
      `Not recording ${forged.join(", ")} as approver${forged.length === 1 ? "" : "s"}: GitHub has no approval by ${forged.length === 1 ? "them" : "any of them"} of run ${runId} for ${environment}.`,
    );
  const claimedAt = new Map(claimed.approvers.map((a) => [a.login, a.at]));
  const approvers = [...new Map(approved.map((r) => [r.login, r])).values()].map((r) => {
    const at = claimedAt.get(r.login);
    return { login: r.login, ...(r.comment ? { comment: r.comment } : {}), ...(at ? { at } : {}) };
  });
  return { approvers, ...checks };
}
