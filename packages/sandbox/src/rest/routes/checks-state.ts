import type { RepoState } from "../types.js";

/** Commit statuses and check runs per commit SHA (the `checks` slice of a repository). */
export interface CommitStatusRecord {
  id: number;
  state: "error" | "failure" | "pending" | "success";
  context: string;
  description: string | null;
  target_url: string | null;
  creator: string;
  created_at: string;
  updated_at: string;
}

export interface CheckRunRecord {
  id: number;
  head_sha: string;
  name: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  external_id: string | null;
  details_url: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  created_at: string;
}

export interface ChecksSlice {
  /** sha → statuses, oldest first. */
  statuses: Record<string, CommitStatusRecord[]>;
  /** sha → check runs, oldest first. */
  runs: Record<string, CheckRunRecord[]>;
}

export function checksOf(repo: RepoState): ChecksSlice {
  let slice = repo.checks as ChecksSlice | undefined;
  if (!slice) {
    slice = { statuses: {}, runs: {} };
    repo.checks = slice;
  }
  return slice;
}

/** The newest status per context, in first-seen context order (GitHub's combined view). */
export function latestStatuses(repo: RepoState, sha: string): CommitStatusRecord[] {
  const latest = new Map<string, CommitStatusRecord>();
  for (const s of checksOf(repo).statuses[sha] ?? []) latest.set(s.context, s);
  return [...latest.values()];
}

/** The newest check run per name (the default `filter=latest`). */
export function latestCheckRuns(repo: RepoState, sha: string): CheckRunRecord[] {
  const latest = new Map<string, CheckRunRecord>();
  for (const r of checksOf(repo).runs[sha] ?? []) latest.set(r.name, r);
  return [...latest.values()];
}

/** failure if any failure/error, pending if any pending or none at all, success otherwise. */
export function combinedState(statuses: readonly CommitStatusRecord[]): string {
  if (statuses.some((s) => s.state === "failure" || s.state === "error")) return "failure";
  if (statuses.length === 0 || statuses.some((s) => s.state === "pending")) return "pending";
  return "success";
}

const PASSING_CONCLUSIONS = new Set(["success", "neutral", "skipped"]);

/**
 * Every context a deployment's `required_contexts` check looks at: commit status contexts and
 * check run names, each reduced to whether it passed. A check run that has not completed
 * has not passed, which is why a deploying job's own checks make GitHub answer 409.
 */
export function commitContexts(repo: RepoState, sha: string): Map<string, boolean> {
  const contexts = new Map<string, boolean>();
  for (const s of latestStatuses(repo, sha)) contexts.set(s.context, s.state === "success");
  for (const r of latestCheckRuns(repo, sha)) {
    contexts.set(r.name, r.status === "completed" && PASSING_CONCLUSIONS.has(r.conclusion ?? ""));
  }
  return contexts;
}
