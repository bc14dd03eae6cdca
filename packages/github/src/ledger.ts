import {
  canTransition,
  type DeploymentState,
  FASTDEPLOY_TASK,
  FastDeployError,
  type FastDeployPayload,
  isFinalState,
  type SuccessFacts,
} from "@fastdeploy/core";
import { EnvironmentLedger } from "./ledger-environment.js";
import type { GitHubClient } from "./octokit.js";
import type { RepoRef } from "./release-assets.js";

/** The ledger refused or could not record something; the message says what to do. */
export class LedgerError extends FastDeployError {
  override name = "LedgerError";
}

export interface CreateDeploymentInput {
  /** The release tag (e.g. `v1.5.0`): the deployment points at the tagged commit. */
  ref: string;
  environment: string;
  /** `payload.fastdeploy`; build it with `payloadWithIndex` so later queries stay cheap. */
  payload: FastDeployPayload;
  production: boolean;
  /** Preview environments that go away; GitHub never marks them inactive on its own. */
  transient?: boolean;
  description?: string;
}

export interface StatusOptions {
  /** The run's URL; GitHub shows it as the deployment's log (and mirrors it to target_url). */
  log_url?: string;
  /** Where the environment can be reached; shown on success. */
  environment_url?: string;
  /** Cut to 140 characters, GitHub's limit. */
  description?: string;
  /**
   * On success, mark earlier successful deployments of the environment inactive (GitHub's
   * default is true). GitHub never does this to production or transient deployments.
   */
  auto_inactive?: boolean;
}

/**
 * A deployment FastDeploy created, walking its lifecycle; refuses impossible transitions.
 * Statuses are written one after another in the order they were asked for, even when the
 * caller does not wait for one before asking the next (GitHub orders them by creation).
 */
export class DeploymentHandle {
  /** The last status written. */
  state: DeploymentState | undefined = undefined;
  /** The last status asked for: what the next one must follow. */
  private next: DeploymentState | undefined = undefined;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ledger: DeploymentLedger,
    readonly id: number,
    readonly environment: string,
    readonly payload: FastDeployPayload,
  ) {}

  setStatus(state: DeploymentState, options: StatusOptions = {}): Promise<void> {
    if (!canTransition(this.next, state)) {
      return Promise.reject(
        new LedgerError(
          `deployment ${this.id} in ${this.environment} cannot go from ${this.next ?? "created"} to ${state}`,
        ),
      );
    }
    return this.enqueue(state, options);
  }

  /** True once a final status (success, failure, error) is written. */
  get final(): boolean {
    return this.state !== undefined && isFinalState(this.state);
  }

  /**
   * Writes a final state straight after whatever is under way, from any state that is not
   * final (including a deployment whose first status never got written), skipping the
   * lifecycle check: for recording an error or a cancel.
   */
  settle(state: "error" | "failure", options: StatusOptions = {}): Promise<void> {
    return this.enqueue(state, options);
  }

  /** Writes `state` after every status asked for before it, whether that one landed or not. */
  private enqueue(state: DeploymentState, options: StatusOptions): Promise<void> {
    this.next = state;
    const write = this.writes.then(async () => {
      await this.ledger.setStatus(this.id, state, options);
      this.state = state;
    });
    this.writes = write.catch(() => {});
    return write;
  }
}

/**
 * The deployment ledger of one repository over the GitHub Deployments API: FastDeploy writes
 * one deployment per distribute or rollback and walks its statuses; `environment(name)` answers
 * what runs where. Create one per command run: each environment view remembers what it read.
 */
export class DeploymentLedger {
  private readonly views = new Map<string, EnvironmentLedger>();

  constructor(
    readonly client: GitHubClient,
    readonly repo: RepoRef,
  ) {}

  /** The queries for one environment (memoised, so queries share their requests). */
  environment(name: string): EnvironmentLedger {
    let view = this.views.get(name);
    if (!view) {
      view = new EnvironmentLedger(this.client, this.repo, name);
      this.views.set(name, view);
    }
    return view;
  }

  async createDeployment(input: CreateDeploymentInput): Promise<DeploymentHandle> {
    const response = await this.client.rest.repos.createDeployment({
      ...this.repo,
      ref: input.ref,
      task: FASTDEPLOY_TASK,
      // auto_merge would merge the default branch into the ref first; a release tag is
      // immutable and what was verified is exactly what must deploy.
      auto_merge: false,
      // Omitted, GitHub requires every status context on the commit to have passed. The run
      // deploying this ref is itself still in progress (and its checks with it), so GitHub
      // would answer 409. Required checks are enforced by approve's `required-checks` instead.
      required_contexts: [],
      payload: { fastdeploy: input.payload } as unknown as Record<string, unknown>,
      environment: input.environment,
      production_environment: input.production,
      transient_environment: input.transient ?? false,
      description: input.description ?? `FastDeploy ${input.payload.version}`,
    });
    // 202 means GitHub merged instead of deploying; with auto_merge false it should never
    // happen, and if it does nothing was recorded, so the deploy must not go on.
    if (response.status !== 201 || !("id" in response.data)) {
      const message = "message" in response.data ? response.data.message : "no deployment";
      throw new LedgerError(
        `GitHub created no deployment for ${input.ref} in ${input.environment} (${response.status}: ` +
          `${message}); check that the tag exists and retry`,
      );
    }
    return new DeploymentHandle(this, response.data.id, input.environment, input.payload);
  }

  /** Adds a status. Prefer `DeploymentHandle.setStatus`, which checks the lifecycle. */
  async setStatus(
    deploymentId: number,
    state: DeploymentState,
    options: StatusOptions = {},
  ): Promise<void> {
    await this.client.rest.repos.createDeploymentStatus({
      ...this.repo,
      deployment_id: deploymentId,
      state,
      ...(options.log_url ? { log_url: options.log_url } : {}),
      ...(options.environment_url ? { environment_url: options.environment_url } : {}),
      ...(options.description ? { description: options.description.slice(0, 140) } : {}),
      ...(options.auto_inactive !== undefined ? { auto_inactive: options.auto_inactive } : {}),
    });
  }

  /** For `checkPromotionOrder`: the successes of `version` (tag `ref`) in each environment. */
  async promotionFacts(
    after: readonly string[],
    version: string,
    ref: string,
  ): Promise<SuccessFacts> {
    const facts: SuccessFacts = {};
    for (const env of after) facts[env] = await this.environment(env).successesOf(version, ref);
    return facts;
  }
}
