import {
  checkPromotionOrder,
  checkRequiredChecks,
  checkReview,
  FastDeployError,
  type PayloadApproval,
  type PolicyDecision,
  tagForVersion,
} from "@fastdeploy/core";
import {
  DeploymentLedger,
  type GitHubClient,
  type RepoRef,
  readCommitChecks,
  readRunApprovals,
} from "@fastdeploy/github";
import { readReleaseManifest, resolveTagCommit } from "./approve-facts.js";
import type { Log } from "./ports.js";

/** A gate refused the promotion; the message lists every refusal and what to do. */
export class ApprovalError extends FastDeployError {
  override name = "ApprovalError";
}

export interface ApproveOptions {
  repo: RepoRef;
  environment: string;
  version: string;
  tagPrefix?: string;
  /** Environments that must hold a success of this version and digest. */
  after: string[];
  requireReview: boolean;
  /** Check runs or status contexts that must have passed on the version's commit. */
  requiredChecks: string[];
  /** The workflow run being approved, and who started it (both count as "self"). */
  run: { id: number; url: string; actor: string; triggeringActor: string };
  now?: () => Date;
}

export interface Approver {
  login: string;
  state: "approved" | "rejected" | "pending";
  comment: string;
  /** GitHub's approvals carry no time: this is when approve read them. */
  at: string;
}

/**
 * What approve found, as written to the `record` output. It is a superset of the
 * deployment payload's `approval` (approvers + names of the checks that passed), so
 * distribute can store it as is.
 */
export interface ApprovalRecord extends PayloadApproval {
  environment: string;
  version: string;
  approvers: Approver[];
  checks: string[];
  /** The `after` environments that hold a success of this version and digest. */
  after: string[];
  /** The version's commit and archive digest, when a gate needed them. */
  commit?: string;
  digest?: string;
  run_id: number;
  run_url: string;
  read_at: string;
}

export interface ApproveResult {
  approved: boolean;
  /** One message per refused gate, in the order review, checks, promotion order. */
  refusals: string[];
  record: ApprovalRecord;
}

/**
 * The approve gate: who approved this run for the environment, whether the required checks
 * passed on the version's commit, and whether the `after` environments hold a success of the
 * same version and digest. Every gate is evaluated (a person fixing one wants to hear about
 * all of them); the result says approved only when none refused. Requests: 1 for the
 * reviews, 1-2 for the tag + 1 per 100 checks + 1 for statuses when checks are required,
 * 2 for the manifest + 1 filtered list per `after` environment (+1 status per deployment
 * of that tag there) when an order is required.
 */
export async function approve(
  options: ApproveOptions,
  ports: { github: GitHubClient; log: Log },
): Promise<ApproveResult> {
  const { github, log } = ports;
  const { repo, environment, version } = options;
  const tag = tagForVersion(version, options.tagPrefix ?? "v");
  const readAt = (options.now?.() ?? new Date()).toISOString();
  const refusals: string[] = [];
  const refuse = (decision: PolicyDecision) => {
    if (!decision.allowed) refusals.push(decision.message);
  };

  const reviews = await log.group(`Reviews of run ${options.run.id} for ${environment}`, () =>
    readRunApprovals(github, repo, options.run.id, environment),
  );
  const approvers: Approver[] = reviews.map((r) => ({
    login: r.login,
    state: r.state,
    comment: r.comment,
    at: readAt,
  }));
  for (const a of approvers) log.info(`${a.login} ${a.state}${a.comment ? `: ${a.comment}` : ""}`);
  // A re-run may be triggered by someone other than the original actor; neither of them
  // may be the only approver, so both are folded into the one "actor" the policy knows.
  const selves = new Set([options.run.actor, options.run.triggeringActor].filter(Boolean));
  // The refusal names whichever of them approved, so the message says who may not.
  const self =
    reviews.find((r) => r.state === "approved" && selves.has(r.login))?.login ??
    (options.run.triggeringActor || options.run.actor);
  refuse(
    checkReview(
      { environment, actor: self },
      reviews.map((r) => (selves.has(r.login) ? { ...r, login: self } : r)),
      { requireReview: options.requireReview },
    ),
  );

  let commit: string | undefined;
  const passed: string[] = [];
  if (options.requiredChecks.length) {
    commit = await resolveTagCommit(github, repo, tag);
    const found = await log.group(`Checks on ${commit.slice(0, 7)} (${tag})`, () =>
      readCommitChecks(github, repo, commit!),
    );
    const decision = checkRequiredChecks(commit, options.requiredChecks, found);
    refuse(decision);
    for (const name of options.requiredChecks) {
      const named = found.filter((c) => c.name === name);
      if (named.length && named.every((c) => c.result === "passed")) passed.push(name);
    }
  }

  let digest: string | undefined;
  const held: string[] = [];
  if (options.after.length) {
    const { manifest } = await readReleaseManifest(github, repo, tag);
    digest = manifest.archive.digest;
    commit ??= manifest.source.commit;
    const ledger = new DeploymentLedger(github, repo);
    const facts = await log.group(`Promotion order: ${options.after.join(", ")}`, () =>
      ledger.promotionFacts(options.after, version, tag),
    );
    refuse(checkPromotionOrder({ environment, version, digest }, options.after, facts));
    for (const env of options.after) {
      if (facts[env]?.some((s) => s.digest === digest)) held.push(env);
    }
  }

  const record: ApprovalRecord = {
    environment,
    version,
    approvers,
    checks: passed,
    after: held,
    ...(commit ? { commit } : {}),
    ...(digest ? { digest } : {}),
    run_id: options.run.id,
    run_url: options.run.url,
    read_at: readAt,
  };
  return { approved: refusals.length === 0, refusals, record };
}

/** The refusals as one message for the failed step. */
export function approvalFailure(result: ApproveResult): ApprovalError {
  const { environment, version } = result.record;
  return new ApprovalError(
    `${version} is not approved for ${environment}: ${result.refusals.join("; ")}`,
  );
}
