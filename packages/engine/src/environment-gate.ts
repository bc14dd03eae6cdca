// A job that names an `environment:` passes its protection rules before it starts, as
// "Deployments and environments" describes them
// (https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments):
// - deployment branches and tags: a ref the policy does not allow fails the job (the local
//   GitHub words the refusal as GitHub does);
// - required reviewers: "Only one of the required reviewers needs to approve the job for it to
//   proceed"; the run waits and the job is one of the run's pending deployments until someone
//   reviews it through POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments; a
//   rejection fails the job; prevent self-review is enforced by that endpoint;
// - wait timer: "Use a wait timer to delay a job for a specific amount of time after the job is
//   initially triggered"; the engine runs it down on its injectable clock, alongside the review.
// The docs do not say whether `deployment: false` skips the rules; the engine applies them
// anyway, the safe reading.

import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { isMapping } from "@actions/workflow-parser/templates/tokens/type-guards";
import { abortableSleep } from "@fastdeploy/commands";
import type { WorkflowHost } from "@fastdeploy/sandbox";
import type { EngineEvent } from "./engine-events.js";
import { evaluateToken } from "./expressions.js";

/** Told when a job starts waiting for a review: the CLI answers it (flags, a prompt). */
export type ReviewWait = (wait: {
  runId: number;
  environment: string;
  reviewers: string[];
  job: string;
}) => Promise<void> | void;

export interface EnvironmentRef {
  name: string;
  url?: TemplateToken;
  deployment: boolean;
}

/** `environment: prod` or `environment: {name, url, deployment}`, its name evaluated. */
export function environmentOf(
  token: TemplateToken | undefined,
  contexts: Record<string, unknown>,
): EnvironmentRef | undefined {
  if (!token) return undefined;
  if (isMapping(token)) {
    const name = token.find("name");
    const deployment = token.find("deployment");
    const ref: EnvironmentRef = {
      name: name ? String(evaluateToken(name, contexts) ?? "") : "",
      deployment: deployment ? evaluateToken(deployment, contexts) !== false : true,
    };
    const url = token.find("url");
    if (url) ref.url = url;
    return ref.name ? ref : undefined;
  }
  const name = String(evaluateToken(token, contexts) ?? "");
  return name ? { name, deployment: true } : undefined;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type GateOutcome =
  | { passed: true; approvedBy?: string; deploymentId?: number }
  | { passed: false; cancelled: boolean; reason: string };

export interface GateRequest {
  gates: WorkflowHost;
  repository: string;
  runId: number;
  workflow: string;
  job: string;
  environment: string;
  ref: string;
  sha: string;
  clock: Clock;
  signal: AbortSignal;
  emit(event: EngineEvent): void;
  onReviewWait?: ReviewWait;
  /** GitHub's own job deployment, unless `deployment: false`. */
  deployment: boolean;
  /** Marks the run waiting while any job waits, and in progress again after. */
  waiting(on: boolean): void;
}

/** How often the engine looks for a review that arrived through the REST API. */
const REVIEW_POLL_MS = 20;

export async function passEnvironmentGate(request: GateRequest): Promise<GateOutcome> {
  const { gates, repository, runId, environment } = request;
  const at = { ref: request.ref, sha: request.sha };
  const rules = gates.environmentGate(repository, environment, at);
  if (!rules.allowed) {
    return {
      passed: false,
      cancelled: false,
      reason:
        rules.reason ??
        `${request.ref} is not allowed to deploy to ${environment} due to environment protection rules.`,
    };
  }
  // Created before the wait, so the pending deployment is what reviewers see.
  const deploymentId = request.deployment
    ? gates.createJobDeployment(repository, runId, environment, at)
    : undefined;
  const passed = { passed: true as const, ...(deploymentId !== undefined ? { deploymentId } : {}) };
  const reviewers = rules.reviewers.map((r) => r.login);
  if (reviewers.length === 0 && rules.waitTimerMinutes <= 0) return passed;

  const common = { runId, workflow: request.workflow, job: request.job };
  gates.requestReview(repository, runId, environment);
  request.emit({
    type: "job-waiting",
    ...common,
    environment,
    reviewers,
    waitTimerMinutes: rules.waitTimerMinutes,
  });
  request.waiting(true);
  try {
    const timer =
      rules.waitTimerMinutes > 0
        ? request.clock.sleep(rules.waitTimerMinutes * 60_000, request.signal)
        : Promise.resolve();
    let review: Promise<GateOutcome> = Promise.resolve(passed);
    if (reviewers.length > 0) {
      review = waitForReview(request);
      await request.onReviewWait?.({ runId, environment, reviewers, job: request.job });
    }
    const [outcome] = await Promise.all([review, timer]);
    if (!outcome.passed && deploymentId !== undefined) {
      gates.finishJobDeployment(repository, deploymentId, "failure");
    }
    return outcome.passed ? { ...outcome, ...passed } : outcome;
  } catch (error) {
    if (deploymentId !== undefined) gates.finishJobDeployment(repository, deploymentId, "error");
    if (request.signal.aborted) return { passed: false, cancelled: true, reason: "cancelled" };
    throw error;
  } finally {
    request.waiting(false);
  }
}

async function waitForReview(request: GateRequest): Promise<GateOutcome> {
  const { gates, repository, runId, environment } = request;
  const common = { runId, workflow: request.workflow, job: request.job, environment };
  for (;;) {
    if (request.signal.aborted) {
      return {
        passed: false,
        cancelled: true,
        reason: "The run was canceled while waiting for review",
      };
    }
    const state = gates.reviewState(repository, runId, environment);
    if (state !== "pending") {
      if (state.state === "approved") {
        request.emit({ type: "job-approved", ...common, by: state.user, comment: state.comment });
        return { passed: true, approvedBy: state.user };
      }
      request.emit({ type: "job-rejected", ...common, by: state.user, comment: state.comment });
      return {
        passed: false,
        cancelled: false,
        reason: `The deployment to ${environment} was rejected by ${state.user}${state.comment ? `: ${state.comment}` : ""}`,
      };
    }
    await abortableSleep(REVIEW_POLL_MS, request.signal);
  }
}
