import type { RepoState } from "../types.js";
import { resolveCommitish } from "./git-model.js";

/**
 * Turns a ref (branch, tag, full ref or SHA) into a commit SHA for the deployment, check,
 * status and dispatch routes. By default the git model answers (so an unknown ref is a 422 or
 * 404, as on GitHub); `setRefResolver` swaps it, e.g. for a test that needs no commits.
 */
export type RefResolver = (repo: RepoState, ref: string) => string | undefined;

let current: RefResolver = resolveCommitish;

/** Installs a resolver; returning undefined means "no such ref". Pass nothing to restore. */
export function setRefResolver(resolver: RefResolver = resolveCommitish): void {
  current = resolver;
}

export function resolveRef(repo: RepoState, ref: string): string | undefined {
  return current(repo, ref);
}
