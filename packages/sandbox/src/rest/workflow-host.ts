import type { JobTokenRequest } from "./credentials.js";
import { secretsFor, setSecret } from "./routes/actions-secrets.js";
import { setVariable, variablesFor } from "./routes/actions-variables.js";
import { type EnvironmentGate, environmentGate } from "./routes/environment-gate.js";
import {
  createJobDeployment,
  finishJobDeployment,
  type JobOutcome,
} from "./routes/job-deployments.js";
import {
  type Clock,
  createWorkflowRun,
  type NewWorkflowRun,
  type ReviewState,
  type RunConclusion,
  type RunHandle,
  type RunStatus,
  requestReview,
  rerunWorkflowRun,
  reviewState,
  updateWorkflowRun,
} from "./routes/workflow-runs.js";
import type { RepoState, SandboxState } from "./types.js";

/**
 * What the local GitHub offers a local workflow engine, in one place. `Sandbox` implements it;
 * the engine (packages/engine) codes against these names. Everything here is also visible
 * through the REST API the jobs' actions call, and everything but job tokens survives a
 * restart when the sandbox has a `stateDir`.
 *
 * A job's life, as the engine drives it:
 * 1. `createWorkflowRun` when an event triggers a workflow (`rerunWorkflowRun` for a re-run);
 * 2. for a job with `environment:`: `environmentGate` (refuse the job with `reason` when not
 *    allowed), `createJobDeployment` unless `deployment: false`, then `requestReview` when the
 *    gate names reviewers or a wait timer, and poll `reviewState` until a reviewer answers
 *    through POST …/actions/runs/{run_id}/pending_deployments;
 * 3. `issueJobToken` with the job's effective permissions, `secretsFor` / `variablesFor` with
 *    its environment, run the steps, `finishJobDeployment`;
 * 4. `updateWorkflowRun` as jobs start and end.
 */
export interface WorkflowHost {
  /**
   * A job's GITHUB_TOKEN (`ghs_…`). Requests with it act as github-actions[bot] (type Bot),
   * only on `repository` (other public repositories are readable) and only within
   * `permissions` (unnamed scopes are none; `metadata: read` is implied). Beyond them the
   * answer is 403 "Resource not accessible by integration". Valid for this process only.
   */
  issueJobToken(request: JobTokenRequest): string;

  /** A user's token (`ghp_…`), e.g. for a reviewer; the user is created when new. Persisted. */
  userToken(login: string): string;

  /** Registers a run (status `queued`); GET …/actions/runs[/{run_id}] answer it. */
  createWorkflowRun(repository: string, run: NewWorkflowRun): RunHandle;

  /** Moves a run through GitHub's statuses; a conclusion comes with `completed` only. */
  updateWorkflowRun(
    repository: string,
    id: number,
    update: { status: RunStatus; conclusion?: RunConclusion | null },
  ): void;

  /**
   * A new attempt of the run (same id, number, sha and ref), queued with nothing pending.
   * Reviews of earlier attempts stay in GET …/approvals but `reviewState` ignores them.
   */
  rerunWorkflowRun(
    repository: string,
    id: number,
    options?: { triggeringActor?: string },
  ): RunHandle;

  /**
   * The environment's deployment branch/tag rule applied to `ref` (a full ref such as
   * `refs/tags/v1.2.3`), and its protection rules. Creates the environment when new, as a
   * job referencing it does on GitHub.
   */
  environmentGate(
    repository: string,
    environment: string,
    at: { ref: string; sha: string },
  ): EnvironmentGate;

  /** Parks the run at the environment: status `waiting`, listed in …/pending_deployments. */
  requestReview(repository: string, runId: number, environment: string): void;

  /** The latest answer for the environment in the run's current attempt. */
  reviewState(repository: string, runId: number, environment: string): ReviewState;

  /**
   * GitHub's own deployment for a job with `environment:` (task `deploy`, empty payload,
   * creator github-actions[bot], status `queued`). Returns its id.
   */
  createJobDeployment(
    repository: string,
    runId: number,
    environment: string,
    at: { ref: string; sha: string },
  ): number;

  /** Ends a job deployment; `environmentUrl` is the job's `environment.url` on success. */
  finishJobDeployment(
    repository: string,
    id: number,
    outcome: JobOutcome,
    options?: { environmentUrl?: string },
  ): void;

  /** A repository secret, or an environment's with `environment` (not settable through REST). */
  setSecret(
    repository: string,
    name: string,
    value: string,
    options?: { environment?: string },
  ): void;

  /** `secrets.*` for a job: repository secrets overlaid by its environment's. */
  secretsFor(repository: string, environment?: string): Record<string, string>;

  /** A variable, as POST/PATCH …/actions/variables (or the environment's) would set it. */
  setVariable(
    repository: string,
    name: string,
    value: string,
    options?: { environment?: string },
  ): void;

  /** `vars.*` for a job: repository variables overlaid by its environment's. */
  variablesFor(repository: string, environment?: string): Record<string, string>;
}

/** GitHub's timestamps have whole seconds, so objects created together tie on created_at. */
export function githubNow(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

type Host = WorkflowHost;
type Args<K extends keyof Host> = Host[K] extends (...args: infer A) => unknown ? A : never;

/** WorkflowHost over the sandbox's state; `Sandbox` adds the tokens and the listeners. */
export abstract class LocalWorkflowHost implements WorkflowHost {
  abstract state: SandboxState;
  abstract apiUrl: string;
  abstract serverUrl: string;
  abstract repo(fullName: string): RepoState;
  abstract issueJobToken(request: JobTokenRequest): string;
  abstract userToken(login: string): string;

  createWorkflowRun(...[repository, run]: Args<"createWorkflowRun">) {
    return createWorkflowRun(this.web(), this.repo(repository), run, this.clock());
  }

  updateWorkflowRun(...[repository, id, update]: Args<"updateWorkflowRun">) {
    updateWorkflowRun(this.repo(repository), id, update, this.clock());
  }

  rerunWorkflowRun(...[repository, id, options = {}]: Args<"rerunWorkflowRun">) {
    const repo = this.repo(repository);
    return rerunWorkflowRun(this.web(), repo, id, this.clock(), options.triggeringActor);
  }

  environmentGate(...[repository, environment, at]: Args<"environmentGate">) {
    return environmentGate(this.state, this.repo(repository), environment, at, this.clock());
  }

  requestReview(...[repository, runId, environment]: Args<"requestReview">) {
    requestReview(this.repo(repository), runId, environment, this.clock());
  }

  reviewState(...[repository, runId, environment]: Args<"reviewState">) {
    return reviewState(this.repo(repository), runId, environment);
  }

  createJobDeployment(...[repository, runId, environment, at]: Args<"createJobDeployment">) {
    const repo = this.repo(repository);
    return createJobDeployment(this.web(), repo, runId, environment, at, this.clock());
  }

  finishJobDeployment(...[repository, id, outcome, options]: Args<"finishJobDeployment">) {
    finishJobDeployment(this.repo(repository), id, outcome, this.clock(), options);
  }

  setSecret(...[repository, name, value, options = {}]: Args<"setSecret">) {
    setSecret(this.repo(repository), name, value, options, this.clock());
  }

  secretsFor(...[repository, environment]: Args<"secretsFor">) {
    return secretsFor(this.repo(repository), environment);
  }

  setVariable(...[repository, name, value, options = {}]: Args<"setVariable">) {
    setVariable(this.repo(repository), name, value, options.environment, this.clock().now());
  }

  variablesFor(...[repository, environment]: Args<"variablesFor">) {
    return variablesFor(this.repo(repository), environment);
  }

  private web() {
    return { apiUrl: this.apiUrl, serverUrl: this.serverUrl, state: this.state };
  }

  private clock(): Clock {
    return { nextId: () => this.state.nextId++, now: githubNow };
  }
}
