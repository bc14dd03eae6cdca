import { refParts } from "../../runner/environment.js";
import type { RepoState, SandboxState } from "../types.js";
import { type EnvironmentRecord, ensureEnvironment } from "./environments-state.js";
import { nameMatches } from "./name-pattern.js";
import { type RulesetRecord, rulesetsOf } from "./rulesets.js";
import { teamById, userById } from "./users-objects.js";
import type { Clock } from "./workflow-runs.js";

/**
 * What an environment asks of a job before it runs, from "Deployments and environments"
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments):
 * the deployment branch and tag rules decide whether the run's ref may deploy at all; required
 * reviewers (any one of them approves), prevent self-review and the wait timer gate the job.
 * A job naming an environment that does not exist creates it without rules ("Referencing an
 * environment that does not exist will create an environment with the referenced name",
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idenvironment).
 */

export interface EnvironmentGate {
  allowed: boolean;
  /** GitHub's wording when the ref may not deploy here. */
  reason?: string;
  reviewers: Array<{ type: "User" | "Team"; login: string }>;
  preventSelfReview: boolean;
  waitTimerMinutes: number;
}

type Ref = { kind: "branch" | "tag" | "other"; name: string };

/** `refs/heads/x` is branch x, `refs/tags/x` tag x; a bare name is taken as a branch. */
function parseRef(ref: string): Ref {
  const { name, type } = refParts(ref);
  if (type) return { kind: type, name };
  return { kind: ref.startsWith("refs/") ? "other" : "branch", name };
}

/**
 * Rulesets stand in for branch protection rules, which the sandbox does not model; the docs
 * are silent on how rulesets count for "Protected branches only". An active branch ruleset's
 * ref_name conditions decide which branches it protects.
 */
function protects(repo: RepoState, ruleset: RulesetRecord, branch: string): boolean {
  const full = `refs/heads/${branch}`;
  const matches = (p: string) =>
    p === "~ALL" ||
    (p === "~DEFAULT_BRANCH" && branch === repo.defaultBranch) ||
    nameMatches(p, full) ||
    nameMatches(p, branch);
  const { include = [], exclude = [] } = ruleset.conditions?.ref_name ?? {};
  return include.some(matches) && !exclude.some(matches);
}

function branchRulesets(repo: RepoState): RulesetRecord[] {
  return Object.values(rulesetsOf(repo)).filter(
    (r) => r.target === "branch" && r.enforcement === "active",
  );
}

function refAllowed(repo: RepoState, env: EnvironmentRecord, ref: Ref): boolean {
  const policy = env.branch_policy;
  if (!policy) return true;
  if (policy.protected_branches) {
    // "If no branch protection rules are defined for any branch in the repository, then all
    // branches can deploy." Tags are refused (only branches are named; the safe reading),
    // which also covers "tags with the same name as a protected branch cannot deploy".
    if (ref.kind !== "branch") return false;
    const rulesets = branchRulesets(repo);
    return rulesets.length === 0 || rulesets.some((r) => protects(repo, r, ref.name));
  }
  // "The deployment branch or tag rule is matched against the GITHUB_REF of the workflow
  // run": branch rules see a branch's name, or the full ref for others (`refs/pull/*/merge`).
  const type = ref.kind === "tag" ? "tag" : "branch";
  return env.policies.some((p) => p.type === type && nameMatches(p.name, ref.name));
}

function reviewerLogins(state: SandboxState, env: EnvironmentRecord) {
  return env.reviewers.flatMap((r): EnvironmentGate["reviewers"] => {
    if (r.type === "User") {
      const user = userById(state, r.id);
      return user ? [{ type: "User", login: user.login }] : [];
    }
    const team = teamById(state, r.id);
    return team ? [{ type: "Team", login: team.slug }] : [];
  });
}

export function environmentGate(
  state: SandboxState,
  repo: RepoState,
  environment: string,
  at: { ref: string; sha: string },
  clock: Clock,
): EnvironmentGate {
  const env = ensureEnvironment(repo, environment, () => clock.nextId(), clock.now());
  const ref = parseRef(at.ref);
  const allowed = refAllowed(repo, env, ref);
  const what = ref.kind === "tag" ? "Tag" : "Branch";
  return {
    allowed,
    // Observed wording, e.g. amd/gaia#2935 and github/branch-deploy#388 (the docs give none).
    ...(allowed
      ? {}
      : {
          reason: `${what} "${ref.name}" is not allowed to deploy to ${env.name} due to environment protection rules.`,
        }),
    reviewers: reviewerLogins(state, env),
    preventSelfReview: env.prevent_self_review,
    waitTimerMinutes: env.wait_timer,
  };
}
