import type { BadMark, FastDeployPayload, GoodMark, LedgerEntry } from "@fastdeploy/core";

/**
 * The carried-forward ledger index: why a rollback costs the same with 5 or 5,000
 * deployments in history.
 *
 * Reading a deployment's state costs one request (its newest status), so a query that walked
 * history would cost one request per deployment. Instead every FastDeploy deployment carries,
 * in its payload, what a later query needs to know about the history *before* it:
 *
 * - `bad`: the complete list of versions marked bad in the environment, including this
 *   deployment's own `rollback.from`. "Is X bad here?" reads only the newest deployment,
 *   whatever its state: page 1 of the list, no status request.
 * - `good`: the newest distinct versions that had succeeded here before this deployment was
 *   created, newest first, with digest and deployment id (= the live deployment and its own
 *   `good`). "Roll back to previous" reads only the live deployment's list.
 *
 * Writers build the index with `payloadWithIndex` from a `LedgerSnapshot` (live + bad) they
 * read anyway for the policies. Marks are never removed: force lets one deploy through, it
 * does not clear the hold. Lists are capped so payloads stay small; when an index is missing
 * (deployments written by another tool or an older FastDeploy) or exhausted, the queries
 * fall back to reading history, paying one request per deployment examined.
 */
export const GOOD_LIMIT = 20;
export const BAD_LIMIT = 100;

/** What a writer knows before creating a deployment. */
export interface LedgerSnapshot {
  environment: string;
  /** The newest FastDeploy deployment whose latest status is success (not an undeploy). */
  live: LedgerEntry | undefined;
  /** Every version marked bad here. */
  bad: BadMark[];
}

/** The payload fields a command decides; the index fields are derived. */
export type PayloadCore = Omit<FastDeployPayload, "bad" | "good">;

/**
 * The payload of the next deployment: `core` plus the carried index. A rollback's `from`
 * becomes a bad mark here, at creation, so the hold holds even if the rollback itself fails.
 */
export function payloadWithIndex(
  snapshot: LedgerSnapshot,
  core: PayloadCore,
  at: string = new Date().toISOString(),
): FastDeployPayload {
  const bad: BadMark[] = [];
  if (core.rollback) bad.push({ version: core.rollback.from, reason: core.rollback.reason, at });
  bad.push(...snapshot.bad);
  return { ...core, bad: distinct(bad).slice(0, BAD_LIMIT), good: goodBefore(snapshot.live) };
}

/** The successes before a deployment created now: the live one, then what it carried. */
export function goodBefore(live: LedgerEntry | undefined): GoodMark[] {
  if (!live) return [];
  const head: GoodMark = {
    version: live.version,
    digest: live.digest,
    deployment_id: live.deploymentId,
    ...(live.ref ? { ref: live.ref } : {}),
  };
  return distinct([head, ...(live.payload.good ?? [])]).slice(0, GOOD_LIMIT);
}

function distinct<T extends { version: string }>(marks: T[]): T[] {
  const seen = new Set<string>();
  return marks.filter((m) => !seen.has(m.version) && seen.add(m.version));
}
