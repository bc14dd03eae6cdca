import type { LedgerEntry } from "./deployment-record.js";

/**
 * DORA metrics over an environment's ledger, as plain records in, numbers out. The status
 * action maps ledger entries to `DoraDeployment`s (usually the production environment's) and
 * prints these; nothing here reads a clock or the network.
 *
 * Definitions (a window is [now − windowDays, now], by deployment creation time):
 * - a *change* is a deployment that is neither a rollback nor an undeploy and has finished;
 * - deployment frequency = successful changes in the window / windowDays;
 * - lead time = first success of a version here − its commit time, for versions whose first
 *   success here falls in the window (median and mean, hours);
 * - change failure rate = failed changes / changes, where a change failed when it ended in
 *   failure or error, or succeeded and was later rolled back from;
 * - time to restore = from the start of an incident (the first failure after a good state, or
 *   the rollback that undid a bad change) to the next success here; consecutive failures are
 *   one incident. Incidents not restored by `now` are counted in `unrestored`.
 */
export interface DoraDeployment {
  version: string;
  createdAt: string;
  /** Time of the final status; needed for successes and failures. */
  finishedAt?: string;
  /** `inactive` counts as success: it was superseded after succeeding. */
  outcome: "success" | "failure" | "error" | "pending";
  /** Set on rollback deployments: the version rolled back from. */
  rollbackFrom?: string;
  undeploy?: boolean;
  /** Commit time of the version's source. */
  committedAt?: string;
}

export interface DoraOptions {
  now: Date;
  windowDays: number;
}

export interface DurationStats {
  /** Hours; null without samples. */
  median: number | null;
  mean: number | null;
  samples: number;
}

export interface DoraMetrics {
  windowDays: number;
  from: string;
  to: string;
  changes: number;
  successfulChanges: number;
  failedChanges: number;
  /** Successful changes per day. */
  deploymentFrequency: number;
  leadTime: DurationStats;
  /** 0..1; null when there were no changes. */
  changeFailureRate: number | null;
  timeToRestore: DurationStats;
  unrestored: number;
}

/** A ledger entry as DORA sees it (`committedAt` from the payload when the writer set it). */
export function doraDeploymentOf(entry: LedgerEntry): DoraDeployment {
  const outcome =
    entry.state === "success" || entry.state === "inactive"
      ? "success"
      : entry.state === "failure" || entry.state === "error"
        ? entry.state
        : "pending";
  return {
    version: entry.version,
    createdAt: entry.createdAt,
    finishedAt: entry.finishedAt ?? entry.updatedAt,
    outcome,
    ...(entry.payload.rollback ? { rollbackFrom: entry.payload.rollback.from } : {}),
    ...(entry.payload.undeploy ? { undeploy: true } : {}),
    ...(entry.payload.committed_at ? { committedAt: entry.payload.committed_at } : {}),
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function doraMetrics(records: readonly DoraDeployment[], options: DoraOptions): DoraMetrics {
  const to = options.now.getTime();
  const from = to - options.windowDays * DAY;
  const inWindow = (iso: string | undefined) => {
    if (!iso) return false;
    const t = Date.parse(iso);
    return t >= from && t <= to;
  };
  const sorted = [...records].sort((a, b) => time(a.createdAt) - time(b.createdAt));
  const isChange = (d: DoraDeployment) => !d.rollbackFrom && !d.undeploy && d.outcome !== "pending";

  const rolledBack = rolledBackChanges(sorted, isChange);
  const failed = (d: DoraDeployment) =>
    d.outcome === "failure" || d.outcome === "error" || rolledBack.has(d);

  const changes = sorted.filter((d) => isChange(d) && inWindow(d.createdAt));
  const successful = changes.filter((d) => d.outcome === "success");
  const failedChanges = changes.filter(failed);

  const leadHours: number[] = [];
  const firstSuccess = new Map<string, DoraDeployment>();
  for (const d of sorted) {
    if (d.outcome === "success" && !d.undeploy && !firstSuccess.has(d.version))
      firstSuccess.set(d.version, d);
  }
  for (const d of firstSuccess.values()) {
    const done = d.finishedAt ?? d.createdAt;
    if (d.committedAt && inWindow(done)) leadHours.push((time(done) - time(d.committedAt)) / HOUR);
  }

  const { restoreHours, unrestored } = incidents(sorted, rolledBack, inWindow);
  return {
    windowDays: options.windowDays,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    changes: changes.length,
    successfulChanges: successful.length,
    failedChanges: failedChanges.length,
    deploymentFrequency: options.windowDays > 0 ? successful.length / options.windowDays : 0,
    leadTime: stats(leadHours),
    changeFailureRate: changes.length ? failedChanges.length / changes.length : null,
    timeToRestore: stats(restoreHours),
    unrestored,
  };
}

/** Each rollback undoes the newest successful change of its `from` version before it. */
function rolledBackChanges(
  sorted: readonly DoraDeployment[],
  isChange: (d: DoraDeployment) => boolean,
): Map<DoraDeployment, DoraDeployment> {
  const undone = new Map<DoraDeployment, DoraDeployment>();
  sorted.forEach((d, i) => {
    if (!d.rollbackFrom) return;
    for (let j = i - 1; j >= 0; j--) {
      const c = sorted[j]!;
      if (isChange(c) && c.outcome === "success" && c.version === d.rollbackFrom) {
        undone.set(c, d);
        return;
      }
    }
  });
  return undone;
}

function incidents(
  sorted: readonly DoraDeployment[],
  rolledBack: Map<DoraDeployment, DoraDeployment>,
  inWindow: (iso: string | undefined) => boolean,
): { restoreHours: number[]; unrestored: number } {
  // Events in time order: a failure or a rollback start (or extend) an incident, a success
  // that is not itself later rolled back ends it.
  const events: Array<{ at: number; kind: "down" | "up" }> = [];
  for (const d of sorted) {
    if (d.outcome === "failure" || d.outcome === "error") {
      events.push({ at: time(d.finishedAt ?? d.createdAt), kind: "down" });
    }
    const rollback = rolledBack.get(d);
    if (rollback) events.push({ at: time(rollback.createdAt), kind: "down" });
    if (d.outcome === "success" && !d.undeploy) {
      events.push({ at: time(d.finishedAt ?? d.createdAt), kind: "up" });
    }
  }
  // On a tie a failure comes first: a rollback created the instant its target succeeded
  // still opens (and the next success closes) an incident.
  events.sort((a, b) => a.at - b.at || (a.kind === "down" ? -1 : 1));
  const restoreHours: number[] = [];
  let unrestored = 0;
  let down: number | undefined;
  for (const e of events) {
    if (e.kind === "down") down ??= e.at;
    else if (down !== undefined) {
      if (inWindow(new Date(down).toISOString())) restoreHours.push((e.at - down) / HOUR);
      down = undefined;
    }
  }
  if (down !== undefined && inWindow(new Date(down).toISOString())) unrestored = 1;
  return { restoreHours, unrestored };
}

function stats(hours: number[]): DurationStats {
  if (!hours.length) return { median: null, mean: null, samples: 0 };
  const s = [...hours].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { median, mean, samples: s.length };
}

function time(iso: string): number {
  return Date.parse(iso);
}
