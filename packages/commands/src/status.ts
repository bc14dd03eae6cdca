import {
  type DoraDeployment,
  type DoraMetrics,
  doraDeploymentOf,
  doraMetrics,
  type LedgerEntry,
} from "@fastdeploy/core";
import { DeploymentLedger, type GitHubClient, type RepoRef } from "@fastdeploy/github";
import type { Log } from "./ports.js";

export interface StatusOptions {
  repo: RepoRef;
  /** Environments to report; empty means every environment with FastDeploy deployments. */
  environments: string[];
  windowDays: number;
  now?: () => Date;
}

/** What runs in one environment, and its DORA metrics over the window. */
export interface EnvironmentStatus {
  /** null when nothing runs (never deployed, or undeployed). */
  version: string | null;
  /** When the live deployment succeeded. */
  deployed_at: string | null;
  deployment_id: number | null;
  digest: string | null;
  /** Logins that approved the live deployment, from its payload's approval record. */
  approved_by: string[];
  /** Set when what runs is a rollback: the version it replaced and why. */
  rollback?: { from: string; reason: string };
  /** Versions marked bad here (rolled back from): never redeployed without force. */
  held: string[];
  metrics: DoraMetrics;
}

export interface StatusReport {
  generated_at: string;
  window_days: number;
  environments: Record<string, EnvironmentStatus>;
}

/**
 * Reads the ledger for each environment: what runs (the live deployment, a handful of
 * requests) and the deployments created within the window for DORA metrics (one status
 * request per deployment in the window, plus one before it so an incident that began just
 * before the window can close inside it).
 */
export async function status(
  options: StatusOptions,
  ports: { github: GitHubClient; log: Log },
): Promise<StatusReport> {
  const { github, log } = ports;
  const now = options.now?.() ?? new Date();
  const ledger = new DeploymentLedger(github, options.repo);
  const names = options.environments.length
    ? options.environments
    : await environmentsOf(github, options.repo);
  const from = now.getTime() - options.windowDays * 86_400_000;
  const environments: Record<string, EnvironmentStatus> = {};
  for (const name of names) {
    const view = ledger.environment(name);
    const entries: LedgerEntry[] = [];
    for await (const e of view.history.entries()) {
      entries.push(e);
      if (Date.parse(e.createdAt) < from) break;
    }
    if (!options.environments.length && !entries.length) continue;
    const live = await view.live();
    // The bad marks ride on the newest deployment's payload: no request beyond the history's.
    const held = (await view.bad()).map((m) => m.version);
    const metrics = doraMetrics(entries.map(forLeadTime), {
      now,
      windowDays: options.windowDays,
    });
    environments[name] = {
      version: live?.version ?? null,
      deployed_at: live ? (live.finishedAt ?? live.updatedAt ?? live.createdAt) : null,
      deployment_id: live?.deploymentId ?? null,
      digest: live?.digest ?? null,
      approved_by: live ? approvedBy(live) : [],
      ...(live?.payload.rollback ? { rollback: live.payload.rollback } : {}),
      held,
      metrics,
    };
    log.info(
      `${name}: ${live ? `${live.version} (deployment ${live.deploymentId})` : "nothing runs"}; ` +
        `${entries.length} deployment(s) read for ${options.windowDays}-day metrics`,
    );
  }
  return {
    generated_at: now.toISOString(),
    window_days: options.windowDays,
    environments,
  };
}

/**
 * Lead time counts a version's first success here, but only the window's deployments are
 * read: a version that succeeded before the window (a rollback target, a redeploy) would
 * look new. Each payload's carried `good` index names the versions that had succeeded
 * before it, so such a deployment loses its commit time and yields no lead-time sample.
 */
function forLeadTime(entry: LedgerEntry): DoraDeployment {
  const d = doraDeploymentOf(entry);
  if (entry.payload.good?.some((g) => g.version === entry.version)) delete d.committedAt;
  return d;
}

function approvedBy(entry: LedgerEntry): string[] {
  const approvers = entry.payload.approval?.approvers ?? [];
  // approve's record keeps rejected and pending reviews too; only approvals let it in.
  return approvers
    .filter(
      (a) =>
        (a as { state?: string }).state === undefined ||
        (a as { state?: string }).state === "approved",
    )
    .map((a) => a.login);
}

/** Every environment of the repository, in GitHub's order (1 request per 100). */
async function environmentsOf(github: GitHubClient, repo: RepoRef): Promise<string[]> {
  const names: string[] = [];
  for (let page = 1; ; page++) {
    const { data } = await github.rest.repos.getAllEnvironments({ ...repo, per_page: 100, page });
    for (const env of data.environments ?? []) names.push(env.name);
    if ((data.environments ?? []).length < 100) return names;
  }
}
