import {
  classifyDeployment,
  type DeploymentState,
  FASTDEPLOY_TASK,
  type FastDeployPayload,
  type LedgerEntry,
  parseWaveStatus,
  type WaveRecord,
} from "@fastdeploy/core";
import type { GitHubClient } from "./octokit.js";
import type { RepoRef } from "./release-assets.js";

/** A FastDeploy deployment as listed: everything but its state (which costs a request). */
export interface LedgerDeployment {
  deploymentId: number;
  environment: string;
  ref: string;
  sha: string;
  createdAt: string;
  production: boolean;
  transient: boolean;
  payload: FastDeployPayload;
}

export const PAGE_SIZE = 100;
const FINAL: ReadonlySet<DeploymentState> = new Set(["success", "failure", "error"]);

/**
 * One environment's FastDeploy deployments, newest first, read lazily and remembered: a page
 * of 100 is fetched only when an index past the loaded ones is asked for, a deployment's
 * statuses only when its state is asked for, and neither twice. Several queries on the same
 * history (live, bad marks, rollback target) therefore share their requests.
 *
 * The list is filtered by task `deploy:fastdeploy` on the server, so GitHub's job deployments
 * (task `deploy`) never cost a page; anything with the task but without a well-formed
 * FastDeploy payload is skipped as well (`skipped` counts them).
 */
export class LedgerHistory {
  private readonly loaded: LedgerDeployment[] = [];
  private readonly states = new Map<number, Promise<StatusFacts | undefined>>();
  private iterator: AsyncIterator<LedgerDeployment[]> | undefined;
  private exhausted = false;
  skipped = 0;

  constructor(
    private readonly client: GitHubClient,
    private readonly repo: RepoRef,
    readonly environment: string,
  ) {}

  /**
   * Pages of FastDeploy deployments straight from the API, newest first, one request per
   * page as the caller pulls; stop iterating and no further page is fetched. Not remembered:
   * prefer `deployment(i)` and `entry(i)`.
   */
  async *pages(filter: { ref?: string } = {}): AsyncGenerator<LedgerDeployment[]> {
    const pages = this.client.paginate.iterator(this.client.rest.repos.listDeployments, {
      ...this.repo,
      environment: this.environment,
      task: FASTDEPLOY_TASK,
      per_page: PAGE_SIZE,
      ...filter,
    });
    for await (const page of pages) {
      const own: LedgerDeployment[] = [];
      for (const d of page.data) {
        const kind = classifyDeployment({ task: d.task, payload: d.payload });
        if (kind.kind === "foreign") {
          this.skipped += 1;
          continue;
        }
        own.push({
          deploymentId: d.id,
          environment: d.environment,
          ref: d.ref,
          sha: d.sha,
          createdAt: d.created_at,
          production: d.production_environment ?? false,
          transient: d.transient_environment ?? false,
          payload: kind.payload,
        });
      }
      yield own;
    }
  }

  /** The i-th FastDeploy deployment, newest first, without its state; undefined past the end. */
  async deployment(index: number): Promise<LedgerDeployment | undefined> {
    while (this.loaded.length <= index && !this.exhausted) {
      this.iterator ??= this.pages()[Symbol.asyncIterator]();
      const next = await this.iterator.next();
      if (next.done) this.exhausted = true;
      else this.loaded.push(...next.value);
    }
    return this.loaded[index];
  }

  /** The i-th deployment with its state: one status request the first time. */
  async entry(index: number): Promise<LedgerEntry | undefined> {
    const d = await this.deployment(index);
    return d && this.withState(d);
  }

  /** Entries newest first, lazily; break out of the loop to stop paying for statuses. */
  async *entries(): AsyncGenerator<LedgerEntry> {
    for (let i = 0; ; i++) {
      const e = await this.entry(i);
      if (!e) return;
      yield e;
    }
  }

  /** Position of a loaded deployment, or -1 (it may still be on a page not read yet). */
  indexOf(deploymentId: number): number {
    return this.loaded.findIndex((d) => d.deploymentId === deploymentId);
  }

  /** A deployment by id: from the loaded pages, else one GET. Undefined if it is not ours. */
  async byId(deploymentId: number): Promise<LedgerDeployment | undefined> {
    const known = this.loaded.find((d) => d.deploymentId === deploymentId);
    if (known) return known;
    const { data } = await this.client.rest.repos.getDeployment({
      ...this.repo,
      deployment_id: deploymentId,
    });
    const kind = classifyDeployment({ task: data.task, payload: data.payload });
    if (kind.kind === "foreign" || data.environment !== this.environment) return undefined;
    return {
      deploymentId: data.id,
      environment: data.environment,
      ref: data.ref,
      sha: data.sha,
      createdAt: data.created_at,
      production: data.production_environment ?? false,
      transient: data.transient_environment ?? false,
      payload: kind.payload,
    };
  }

  async withState(d: LedgerDeployment): Promise<LedgerEntry> {
    let facts = this.states.get(d.deploymentId);
    if (!facts) {
      facts = this.readStatuses(d.deploymentId);
      this.states.set(d.deploymentId, facts);
    }
    const s = await facts;
    return {
      deploymentId: d.deploymentId,
      environment: d.environment,
      version: d.payload.version,
      digest: d.payload.digest,
      state: s?.state,
      createdAt: d.createdAt,
      ref: d.ref,
      sha: d.sha,
      payload: d.payload,
      ...(s ? { updatedAt: s.updatedAt } : {}),
      ...(s?.finishedAt ? { finishedAt: s.finishedAt } : {}),
      ...(s?.wave ? { lastWave: s.wave } : {}),
    };
  }

  /** GitHub lists statuses newest first, so the first is the current state. */
  private async readStatuses(deploymentId: number): Promise<StatusFacts | undefined> {
    // One page of up to 100 statuses costs the same request as one status, and also gives the
    // time the deployment finished, which an inactive one no longer shows on top.
    const { data } = await this.client.rest.repos.listDeploymentStatuses({
      ...this.repo,
      deployment_id: deploymentId,
      per_page: PAGE_SIZE,
    });
    const newest = data[0];
    if (!newest) return undefined;
    const finished = data.find((s) => FINAL.has(s.state as DeploymentState));
    // A rollout's newest healthy wave: where a re-run of it continues.
    const wave = data.map((s) => parseWaveStatus(s.description)).find((w) => w !== undefined);
    return {
      state: newest.state as DeploymentState,
      updatedAt: newest.created_at,
      finishedAt: finished?.created_at,
      ...(wave ? { wave } : {}),
    };
  }
}

interface StatusFacts {
  state: DeploymentState;
  updatedAt: string;
  finishedAt: string | undefined;
  wave?: WaveRecord;
}
