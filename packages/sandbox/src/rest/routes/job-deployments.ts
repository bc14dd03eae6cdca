import { refParts } from "../../runner/environment.js";
import { ACTIONS_BOT } from "../credentials.js";
import type { RepoState } from "../types.js";
import { runUrls } from "./actions-state.js";
import { addStatus, type DeploymentRecord, deploymentsOf } from "./deployments-state.js";
import { ensureEnvironment } from "./environments-state.js";
import type { Web } from "./users-objects.js";
import { type Clock, requireRunRecord } from "./workflow-runs.js";

/**
 * The deployment GitHub itself records for a job that names an `environment:` ("When a
 * workflow references an environment, the environment will appear in the repository's
 * deployments", https://docs.github.com/en/actions/concepts/workflows-and-actions/deployment-environments),
 * unless the job says `deployment: false`. It is created when the job reaches its
 * environment, before any review, so that the review answer can list it: task `deploy`, an
 * empty payload, created by github-actions[bot], ref = the run's branch or tag name. The
 * deployment ledger tells FastDeploy's own records apart by task `deploy:fastdeploy` and
 * payload, and must never mistake these for them.
 *
 * Statuses: `queued` while the job waits for its gates (GitHub's own "waiting" state is not
 * in the REST description), then what finishJobDeployment records. A rejected review leaves
 * the ending to the engine, which records `failure` as the job fails.
 */

export type JobOutcome = "success" | "failure" | "error";

export function createJobDeployment(
  web: Web,
  repo: RepoState,
  runId: number,
  environment: string,
  at: { ref: string; sha: string },
  clock: Clock,
): number {
  const run = requireRunRecord(repo, runId);
  const now = clock.now();
  const env = ensureEnvironment(repo, environment, () => clock.nextId(), now);
  const slice = deploymentsOf(repo);
  const d: DeploymentRecord = {
    id: clock.nextId(),
    sha: at.sha,
    ref: refParts(at.ref).name,
    task: "deploy",
    payload: {},
    original_environment: env.name,
    environment: env.name,
    description: null,
    creator: ACTIONS_BOT,
    created_at: now,
    updated_at: now,
    transient_environment: false,
    production_environment: env.name === "production",
    latest_state: "pending",
  };
  slice.byId[d.id] = d;
  addStatus(slice, d, {
    id: clock.nextId(),
    state: "queued",
    creator: ACTIONS_BOT,
    created_at: now,
    log_url: runUrls(web, repo, run).html_url,
    nextId: () => clock.nextId(),
  });
  run.job_deployments = [
    ...(run.job_deployments ?? []),
    { id: d.id, environment: env.name, run_attempt: run.run_attempt },
  ];
  return d.id;
}

export function finishJobDeployment(
  repo: RepoState,
  id: number,
  outcome: JobOutcome,
  clock: Clock,
  options: { environmentUrl?: string } = {},
): void {
  const slice = deploymentsOf(repo);
  const d = slice.byId[id];
  if (!d || d.creator !== ACTIONS_BOT || d.task !== "deploy") {
    throw new Error(
      `finishJobDeployment: ${id} is not a job deployment of ${repo.owner}/${repo.name}`,
    );
  }
  if (!["success", "failure", "error"].includes(outcome)) {
    throw new Error(
      `finishJobDeployment: outcome must be success, failure or error, got "${outcome}"`,
    );
  }
  const last = slice.statuses[id]?.at(-1);
  addStatus(slice, d, {
    id: clock.nextId(),
    state: outcome,
    creator: ACTIONS_BOT,
    created_at: clock.now(),
    log_url: last?.log_url,
    ...(outcome === "success" && options.environmentUrl
      ? { environment_url: options.environmentUrl }
      : {}),
    nextId: () => clock.nextId(),
  });
}
