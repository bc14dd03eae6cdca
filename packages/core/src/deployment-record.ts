import { type PayloadRollout, parsePayloadRollout, type WaveRecord } from "./rollout-record.js";

/**
 * The deployment ledger's vocabulary: the lifecycle of a GitHub deployment as FastDeploy walks
 * it, and the payload FastDeploy writes on its own deployments. GitHub also creates a
 * deployment for every job that names an `environment:` (task `deploy`, empty payload); those
 * record that a job ran, not what runs, so `classifyDeployment` keeps them apart.
 */

/** The task FastDeploy sets on its deployments; GitHub's job deployments use `deploy`. */
export const FASTDEPLOY_TASK = "deploy:fastdeploy";

/** GitHub's deployment status states (`pending` is GitHub's legacy spelling of queued). */
export type DeploymentState =
  | "queued"
  | "pending"
  | "in_progress"
  | "success"
  | "failure"
  | "error"
  | "inactive";

export const DEPLOYMENT_STATES: readonly DeploymentState[] = [
  "queued",
  "pending",
  "in_progress",
  "success",
  "failure",
  "error",
  "inactive",
];

/**
 * queued → in_progress → success | failure | error; success → inactive (superseded, or
 * undeployed). A deployment that never got going may fail straight from queued (a verify
 * mismatch, a cancelled run). failure and error are final: a retry is a new deployment, so
 * the ledger never turns a failure into a success after the fact.
 */
const NEXT: Record<DeploymentState, readonly DeploymentState[]> = {
  queued: ["in_progress", "failure", "error"],
  pending: ["in_progress", "failure", "error"],
  // in_progress again: a rollout records each wave that baked healthy as it goes.
  in_progress: ["in_progress", "success", "failure", "error"],
  success: ["inactive"],
  failure: [],
  error: [],
  inactive: [],
};

/** `from` undefined means the deployment has no status yet (GitHub reads it as pending). */
export function canTransition(from: DeploymentState | undefined, to: DeploymentState): boolean {
  if (from === undefined) return to === "queued" || to === "pending" || to === "in_progress";
  return NEXT[from].includes(to);
}

export function isFinalState(state: DeploymentState): boolean {
  return NEXT[state].length === 0 || state === "success";
}

/** Who let this version into the environment (written by approve, read back by status). */
export interface PayloadApproval {
  approvers: Array<{ login: string; comment?: string; at?: string }>;
  /** Required checks that had succeeded on the commit. */
  checks?: string[];
}

/** A version rolled back from in this environment: never redeployed here without force. */
export interface BadMark {
  version: string;
  digest?: string;
  reason: string;
  /** The rollback deployment that recorded it. */
  deployment_id?: number;
  at?: string;
}

/** A version that succeeded here before this deployment was created, newest first. */
export interface GoodMark {
  version: string;
  digest: string;
  deployment_id: number;
  ref?: string;
}

/**
 * `payload.fastdeploy` of a FastDeploy deployment. `bad` and `good` are the ledger's
 * carried-forward index (see packages/github/src/ledger-index.ts): `bad` is the complete bad
 * list of the environment as of this deployment (including its own `rollback.from`), `good`
 * the newest distinct versions that had succeeded here before it. They let a query read the
 * newest few deployments instead of the whole history.
 */
export interface FastDeployPayload {
  version: string;
  digest: string;
  release_id: number;
  targets: string[];
  approval: PayloadApproval | null;
  rollback?: { from: string; reason: string };
  /** Why a policy was bypassed, and which ones (`overrides`), e.g. ["freeze", "bad-version"]. */
  force?: { reason: string; overrides?: string[] };
  /** The teardown of what runs: after it succeeds the environment reads undeployed. */
  undeploy?: boolean;
  /** Commit time of the version's source, for lead-time metrics. */
  committed_at?: string;
  /** Deployed in waves (see rollout-record.ts); each healthy wave adds a status. */
  rollout?: PayloadRollout;
  bad?: BadMark[];
  good?: GoodMark[];
}

export type DeploymentKind =
  | { kind: "fastdeploy"; payload: FastDeployPayload }
  /** GitHub's own job deployment, another tool's, or a malformed FastDeploy record. */
  | { kind: "foreign"; reason: string };

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * Tells FastDeploy's deployments from every other. Both the task and a well-formed payload
 * are required: a job deployment has task `deploy` and `{}`; a payload alone could be copied
 * by hand into any deployment. `payload` may be the JSON string GitHub stores.
 */
export function classifyDeployment(deployment: { task: string; payload: unknown }): DeploymentKind {
  if (deployment.task !== FASTDEPLOY_TASK) {
    return { kind: "foreign", reason: `task is "${deployment.task}", not "${FASTDEPLOY_TASK}"` };
  }
  let payload = deployment.payload;
  if (typeof payload === "string") {
    try {
      payload = JSON.parse(payload);
    } catch {
      return { kind: "foreign", reason: "payload is not JSON" };
    }
  }
  const parsed = parseFastDeployPayload(payload);
  return typeof parsed === "string"
    ? { kind: "foreign", reason: parsed }
    : { kind: "fastdeploy", payload: parsed };
}

/** The payload, or a string saying what is wrong with it. */
export function parseFastDeployPayload(payload: unknown): FastDeployPayload | string {
  const fd = isObject(payload) ? payload.fastdeploy : undefined;
  if (!isObject(fd)) return "payload has no fastdeploy object";
  const { version, digest, release_id, targets } = fd;
  if (typeof version !== "string" || version === "") return "fastdeploy.version is missing";
  if (typeof digest !== "string" || !DIGEST.test(digest)) {
    return "fastdeploy.digest is not sha256:<64 hex>";
  }
  if (typeof release_id !== "number") return "fastdeploy.release_id is not a number";
  if (!Array.isArray(targets) || !targets.every((t) => typeof t === "string")) {
    return "fastdeploy.targets is not a list of names";
  }
  const result: FastDeployPayload = {
    version,
    digest,
    release_id,
    targets: targets as string[],
    approval: isObject(fd.approval) ? (fd.approval as unknown as PayloadApproval) : null,
  };
  const rollback = fd.rollback;
  if (isObject(rollback) && typeof rollback.from === "string") {
    result.rollback = { from: rollback.from, reason: stringOr(rollback.reason, "") };
  }
  const force = fd.force;
  if (isObject(force)) {
    result.force = { reason: stringOr(force.reason, "") };
    if (Array.isArray(force.overrides)) result.force.overrides = force.overrides.map(String);
  }
  if (fd.undeploy === true) result.undeploy = true;
  if (typeof fd.committed_at === "string") result.committed_at = fd.committed_at;
  const rollout = parsePayloadRollout(fd.rollout);
  if (rollout) result.rollout = rollout;
  // Absent and empty differ: absent means "this deployment carries no index" (written by an
  // older or foreign writer), so queries must read further back.
  if (Array.isArray(fd.bad)) result.bad = fd.bad.filter(isBadMark);
  if (Array.isArray(fd.good)) result.good = fd.good.filter(isGoodMark);
  return result;
}

function isBadMark(value: unknown): value is BadMark {
  return isObject(value) && typeof value.version === "string";
}

function isGoodMark(value: unknown): value is GoodMark {
  return (
    isObject(value) &&
    typeof value.version === "string" &&
    typeof value.digest === "string" &&
    typeof value.deployment_id === "number"
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

/**
 * One FastDeploy deployment as the policies see it: plain data, no Octokit types. The ledger
 * adapter produces these; tests write them by hand.
 */
export interface LedgerEntry {
  deploymentId: number;
  environment: string;
  version: string;
  digest: string;
  /** State of the newest status; undefined when the deployment has none yet. */
  state: DeploymentState | undefined;
  createdAt: string;
  /** When the newest status was set. */
  updatedAt?: string;
  /** When it reached success, failure or error (an inactive one keeps its success time). */
  finishedAt?: string;
  ref?: string;
  sha?: string;
  payload: FastDeployPayload;
  /** A rollout's newest wave that baked healthy (from its statuses). */
  lastWave?: WaveRecord;
}

/**
 * Success, or success later made inactive — but not an undeploy. Inactive cannot be read as
 * "no longer runs": GitHub's own job deployment for the deploy job (same environment) ends in
 * success after FastDeploy's and, with auto_inactive, marks FastDeploy's fresh deployment
 * inactive. Only statuses after a success are ever inactive, in GitHub's lifecycle and ours.
 */
export function hasSucceeded(entry: Pick<LedgerEntry, "state" | "payload">): boolean {
  return (entry.state === "success" || entry.state === "inactive") && !entry.payload.undeploy;
}

/**
 * What runs now, from history newest first: the newest entry that succeeded. A newer undeploy
 * that succeeded means nothing runs; failed and unfinished ones do not change what runs.
 */
export function liveEntry(history: readonly LedgerEntry[]): LedgerEntry | undefined {
  for (const e of history) {
    if (e.state !== "success" && e.state !== "inactive") continue;
    return e.payload.undeploy ? undefined : e;
  }
  return undefined;
}

/**
 * The reason recorded for a rollback distribute ran by itself after a failed deploy: the
 * failure's own reason behind this prefix. The status board tells such rollbacks apart by it.
 */
const AUTOMATIC_ROLLBACK = "automatic: ";
export const automaticRollbackReason = (failure: string): string => AUTOMATIC_ROLLBACK + failure;
export const isAutomaticRollback = (reason: string): boolean =>
  reason.startsWith(AUTOMATIC_ROLLBACK);
