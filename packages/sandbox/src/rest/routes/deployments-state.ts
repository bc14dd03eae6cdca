import { HttpError, type RepoState, type RouteContext } from "../types.js";
import { nodeId, repoApi, simpleUser, type Web } from "./users-objects.js";

export type DeploymentState =
  | "error"
  | "failure"
  | "inactive"
  | "in_progress"
  | "queued"
  | "pending"
  | "success";

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown>;
  original_environment: string;
  environment: string;
  description: string | null;
  creator: string;
  created_at: string;
  updated_at: string;
  transient_environment: boolean;
  production_environment: boolean;
  /** State of the newest status; "pending" while there is none. */
  latest_state: DeploymentState;
}

export interface DeploymentStatusRecord {
  id: number;
  state: DeploymentState;
  creator: string;
  description: string;
  environment: string;
  log_url: string;
  environment_url: string;
  created_at: string;
}

/**
 * The `deployments` slice. Records are keyed by id: integer keys keep ascending order in JS
 * objects (and through JSON), so creation order survives persistence without an extra list.
 * `active` indexes, per environment, the deployments whose newest status is success: that is
 * all auto_inactive has to visit, so a status costs the same with 5,000 deployments as with 5.
 */
export interface DeploymentsSlice {
  byId: Record<string, DeploymentRecord>;
  statuses: Record<string, DeploymentStatusRecord[]>;
  active: Record<string, number[]>;
}

export function deploymentsOf(repo: RepoState): DeploymentsSlice {
  let slice = repo.deployments as DeploymentsSlice | undefined;
  if (!slice) {
    slice = { byId: {}, statuses: {}, active: {} };
    repo.deployments = slice;
  }
  return slice;
}

export function findDeployment(ctx: RouteContext): DeploymentRecord {
  const d = deploymentsOf(ctx.repo).byId[ctx.params.deployment_id ?? ""];
  if (!d) throw new HttpError(404, "Not Found");
  return d;
}

export function deploymentObject(web: Web, repo: RepoState, d: DeploymentRecord) {
  const base = repoApi(web, repo);
  return {
    url: `${base}/deployments/${d.id}`,
    id: d.id,
    node_id: nodeId("Deployment", d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.original_environment,
    environment: d.environment,
    description: d.description,
    creator: simpleUser(web, d.creator),
    created_at: d.created_at,
    updated_at: d.updated_at,
    statuses_url: `${base}/deployments/${d.id}/statuses`,
    repository_url: base,
    transient_environment: d.transient_environment,
    production_environment: d.production_environment,
    performed_via_github_app: null,
  };
}

export function statusObject(
  web: Web,
  repo: RepoState,
  d: DeploymentRecord,
  s: DeploymentStatusRecord,
) {
  const base = repoApi(web, repo);
  return {
    url: `${base}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId("DeploymentStatus", s.id),
    state: s.state,
    creator: simpleUser(web, s.creator),
    description: s.description,
    environment: s.environment,
    // GitHub mirrors log_url into the deprecated target_url; unset URLs are empty strings.
    target_url: s.log_url,
    log_url: s.log_url,
    environment_url: s.environment_url,
    created_at: s.created_at,
    updated_at: s.created_at,
    deployment_url: `${base}/deployments/${d.id}`,
    repository_url: base,
    performed_via_github_app: null,
  };
}

function setActive(slice: DeploymentsSlice, d: DeploymentRecord, active: boolean): void {
  for (const [env, ids] of Object.entries(slice.active)) {
    const i = ids.indexOf(d.id);
    if (i >= 0 && (!active || env !== d.environment)) ids.splice(i, 1);
  }
  if (active) {
    const ids = slice.active[d.environment] ?? [];
    slice.active[d.environment] = ids;
    if (!ids.includes(d.id)) ids.push(d.id);
  }
}

export interface NewStatus {
  id: number;
  state: DeploymentState;
  creator: string;
  created_at: string;
  description?: string;
  environment?: string;
  log_url?: string;
  environment_url?: string;
  auto_inactive?: boolean;
  /** Ids for the inactive statuses auto_inactive adds. */
  nextId: () => number;
}

/**
 * Appends a status and applies auto_inactive exactly as documented: when the new status is
 * success, every *prior* deployment in the same environment that is neither transient nor
 * production and whose newest status is success gets an `inactive` status. Production
 * deployments are never deactivated this way (a trap the ledger must not rely on).
 */
export function addStatus(
  slice: DeploymentsSlice,
  d: DeploymentRecord,
  s: NewStatus,
): DeploymentStatusRecord {
  const list = slice.statuses[d.id] ?? [];
  slice.statuses[d.id] = list;
  const environment = s.environment ?? list.at(-1)?.environment ?? d.environment;
  const record: DeploymentStatusRecord = {
    id: s.id,
    state: s.state,
    creator: s.creator,
    description: s.description ?? "",
    environment,
    log_url: s.log_url ?? "",
    environment_url: s.environment_url ?? "",
    created_at: s.created_at,
  };
  list.push(record);
  d.environment = environment;
  d.latest_state = s.state;
  d.updated_at = s.created_at;
  setActive(slice, d, s.state === "success");
  if (s.state === "success" && s.auto_inactive !== false) {
    for (const id of [...(slice.active[environment] ?? [])]) {
      const prior = slice.byId[id];
      if (!prior || prior.id >= d.id || prior.transient_environment || prior.production_environment)
        continue;
      addStatus(slice, prior, {
        id: s.nextId(),
        state: "inactive",
        creator: s.creator,
        created_at: s.created_at,
        environment,
        auto_inactive: false,
        nextId: s.nextId,
      });
    }
  }
  return record;
}
