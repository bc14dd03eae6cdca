import {
  FastDeployError,
  type FreezeWindow,
  type PayloadApproval,
  type PolicyCode,
  type PolicyOverride,
  type RolloutSpec,
} from "@fastdeploy/core";
import type { DeploymentLedger, GitHubClient, RepoRef } from "@fastdeploy/github";
import type { PassOutcome } from "./distribute-pass.js";
import type { RunShell, TargetResult } from "./distribute-targets.js";
import type { HealthGet } from "./health-check.js";
import type { Log } from "./ports.js";
import type { WaveResult } from "./rollout-waves.js";

/** The distribute engine's options, ports and result: the contract its faces build on. */

export interface DistributeOptions {
  repo: RepoRef;
  environment: string;
  version: string;
  /** The deploy command; with `undeploy`, the teardown. */
  command: string;
  targets: string[];
  parallel: number;
  /** `{target}` is substituted; any 2xx is healthy. */
  healthUrl?: string;
  healthTimeoutMs: number;
  /** Per target; a command that runs longer is stopped with its process tree. */
  targetTimeoutMs?: number;
  environmentUrl?: string;
  production: boolean;
  /**
   * Whether a production deploy marks its release latest. The release workflows set it false
   * and mark latest in a job that runs no user code, so the deploy job never needs
   * `contents: write`.
   */
  makeLatest: boolean;
  requireTag: boolean;
  /** Environments that must hold a success of this version and digest first. */
  after: string[];
  freeze: FreezeWindow[];
  tagPrefix: string;
  rollbackOnFailure: boolean;
  force: boolean;
  reason?: string;
  allowDowngrade: boolean;
  undeploy: boolean;
  /** The approve step's record, stored in the payload. */
  approval: PayloadApproval | null;
  /** Set by the rollback action: this deploy returns to `version` from `from`. */
  rollback?: { from: string; reason: string };
  /** The run's page: the deployment's log_url. */
  logUrl?: string;
  /** First wait between health attempts (tests shorten it). */
  healthInitialDelayMs?: number;
  /** Run per target after its deploy and through the bake; exit 0 = healthy. */
  healthCommand?: string;
  /** Deploy in growing waves, baking after each; absent: every target in one pass. */
  rollout?: RolloutSpec;
  /** The teardown a failed first deploy runs on the targets it reached. */
  undeployCommand?: string;
}

export interface DistributePorts {
  github: GitHubClient;
  log: Log;
  now: () => Date;
  runShell: RunShell;
  /** Scratch space for the downloaded and extracted releases (RUNNER_TEMP in an action). */
  tempDir: string;
  /** The deploy commands' base environment; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Aborting stops the commands and records `error` ("cancelled"). */
  signal?: AbortSignal;
  /** Share a ledger (and what it already read) with the caller, e.g. the rollback action. */
  ledger?: DeploymentLedger;
  /** The HTTP client for health checks; default FastDeploy's transport (health-check.ts). */
  fetch?: HealthGet;
  /**
   * The approval still being confirmed (the action reads GitHub's reviews of the run while the
   * release downloads and the ledger is read); when given, it replaces `options.approval`.
   * Awaited before any rule or write, so a failure to confirm still deploys nothing.
   */
  approval?: Promise<PayloadApproval | null>;
  onDeployment?: (deploymentId: number, open: boolean) => void;
}

export type DistributeStatus =
  | "deployed"
  | "already_deployed"
  | "failed"
  | "rolled_back"
  | "undeployed";

export interface AutomaticRollback {
  /** The version put back: the one live before the failed deploy ("" after a first deploy,
   * whose targets are torn down instead). */
  version: string;
  reason: string;
  outcome: PassOutcome | "not_started";
  deploymentId?: number;
  releaseUrl?: string;
  targets: TargetResult[];
  detail?: string;
}

export interface DistributeResult {
  status: DistributeStatus;
  environment: string;
  version: string;
  tag: string;
  digest: string;
  releaseId: number;
  releaseUrl: string;
  /** The requested version's deployment; for already_deployed, the live one. */
  deploymentId?: number;
  /** What ran in the environment before (nothing: undefined). */
  previousVersion?: string;
  targets: TargetResult[];
  /** The rollout's waves and how each ended; empty without a rollout. */
  waves: WaveResult[];
  environmentUrl?: string;
  production: boolean;
  approval: PayloadApproval | null;
  /** Rules force let through (recorded in the payload). */
  overrides: PolicyOverride[];
  rollback?: AutomaticRollback;
  /** Why the requested version is not live (status failed or rolled_back). */
  failure?: string;
  cancelled: boolean;
  /** Production: the release was marked latest, so pull-based clients follow it. */
  madeLatest: boolean;
  /** API requests this run cost. */
  requests: number;
}

export class DistributeError extends FastDeployError {
  override name = "DistributeError";
  constructor(
    message: string,
    readonly code?: PolicyCode | "verification" | "undeploy" | "cancelled",
  ) {
    super(message);
  }
}
