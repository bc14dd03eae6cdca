import { ALLOWED, type PolicyDecision, refuse } from "./policy-decision.js";

/** One review of a run for an environment, as GitHub's run approvals list it. */
export interface ReviewFact {
  login: string;
  state: "approved" | "rejected" | "pending";
  comment: string;
}

/**
 * `require-review`: someone other than the run's actor approved the run for the environment.
 * GitHub's `prevent_self_review` stops the actor from approving; this also holds where the
 * environment does not set it (or has no reviewers at all).
 *
 * Rejections: this runs inside the gated job, and GitHub never starts a job whose review was
 * rejected ("If a job is rejected, the workflow will fail", "Reviewing deployments",
 * https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/reviewing-deployments).
 * So when the run's approvals hold both a rejection and an approval, the rejection belongs to
 * an earlier attempt and the approval let this re-run through. GitHub documents neither the
 * order of GET …/runs/{run_id}/approvals nor whether it spans attempts (docs/security.md), so
 * the decision does not depend on the order: any approval outweighs earlier rejections, and a
 * rejection with no approval at all still refuses (the safe side).
 */
export function checkReview(
  run: { environment: string; actor: string },
  reviews: readonly ReviewFact[],
  options: { requireReview: boolean },
): PolicyDecision {
  const rejected = reviews.find((r) => r.state === "rejected");
  if (rejected && !reviews.some((r) => r.state === "approved")) {
    const why = rejected.comment ? `: "${rejected.comment}"` : "";
    return refuse("review", `${rejected.login} rejected this run for ${run.environment}${why}`);
  }
  if (!options.requireReview) return ALLOWED;
  if (reviews.some((r) => r.state === "approved" && r.login !== run.actor)) return ALLOWED;
  const self = reviews.some((r) => r.state === "approved" && r.login === run.actor);
  return refuse(
    "review",
    self
      ? `${run.environment} requires a review by someone other than ${run.actor}, who started the run and approved it; ask another reviewer to approve`
      : `${run.environment} requires a review and nobody approved this run; add required reviewers to the ${run.environment} environment so runs wait for one`,
  );
}

/** A check run or commit status on the version's commit, reduced to pass / fail / pending. */
export interface CheckFact {
  name: string;
  result: "passed" | "failed" | "pending";
}

/**
 * `required-checks`: each named check passed on the commit. A name may be a check run or a
 * commit status context; when both exist, either passing is not enough if the other failed.
 */
export function checkRequiredChecks(
  commit: string,
  required: readonly string[],
  checks: readonly CheckFact[],
): PolicyDecision {
  const problems: string[] = [];
  for (const name of required) {
    const found = checks.filter((c) => c.name === name);
    if (!found.length) problems.push(`${name} has not run`);
    else if (found.some((c) => c.result === "failed")) problems.push(`${name} failed`);
    else if (found.some((c) => c.result === "pending")) problems.push(`${name} is still running`);
  }
  if (!problems.length) return ALLOWED;
  return refuse(
    "required_checks",
    `required checks on ${commit.slice(0, 7)}: ${problems.join(", ")}; fix or re-run them, then retry`,
  );
}
