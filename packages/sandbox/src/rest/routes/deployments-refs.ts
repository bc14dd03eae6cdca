import { createHash } from "node:crypto";
import type { RepoState } from "../types.js";

/**
 * Turns a ref (branch, tag, full ref or SHA) into a commit SHA for the deployment, check and
 * status routes. The git routes own refs and commits; they (or the server) plug their lookup
 * in with `setRefResolver`. Until then every ref resolves: a SHA to itself, any other name to
 * a deterministic fake SHA, so these modules work stand-alone.
 */
export type RefResolver = (repo: RepoState, ref: string) => string | undefined;

const SHA = /^[0-9a-f]{40}$/;

export const fallbackResolver: RefResolver = (repo, ref) =>
  SHA.test(ref)
    ? ref
    : createHash("sha1")
        .update(`${repo.owner}/${repo.name}:${ref.replace(/^refs\/(heads|tags)\//, "")}`)
        .digest("hex");

let current: RefResolver = fallbackResolver;

/** Installs the git module's resolver; returning undefined means "no such ref" (422/404). */
export function setRefResolver(resolver: RefResolver): void {
  current = resolver;
}

export function resolveRef(repo: RepoState, ref: string): string | undefined {
  return current(repo, ref);
}
