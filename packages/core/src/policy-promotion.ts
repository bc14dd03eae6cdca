import { ALLOWED, type PolicyDecision, refuse } from "./policy-decision.js";

/** A version built once: the same version with another digest is another artifact. */
export interface VersionDigest {
  version: string;
  digest: string;
}

/**
 * Per `after` environment, the (version, digest) pairs that succeeded there. Only the pairs
 * for the version being promoted are needed, so the ledger can answer with one filtered
 * query per environment instead of the whole history.
 */
export type SuccessFacts = Record<string, readonly VersionDigest[]>;

/**
 * Promotion order: every `after` environment must hold a success of the same version AND
 * digest. A matching version with another digest is refused too: it means the artifact was
 * rebuilt, and what was tested there is not what would ship here.
 */
export function checkPromotionOrder(
  target: { environment: string } & VersionDigest,
  after: readonly string[],
  facts: SuccessFacts,
): PolicyDecision {
  for (const env of after) {
    const successes = facts[env] ?? [];
    if (successes.some((s) => s.version === target.version && s.digest === target.digest)) {
      continue;
    }
    const other = successes.find((s) => s.version === target.version);
    if (other) {
      return refuse(
        "promotion_order",
        `${target.environment} needs ${target.version} (${target.digest}) to have succeeded in ${env} first, ` +
          `but ${env} ran ${target.version} with another digest (${other.digest}); ` +
          `the release was rebuilt — deploy the published release to ${env}, then retry`,
      );
    }
    return refuse(
      "promotion_order",
      `${target.environment} needs ${target.version} (${target.digest}) to have succeeded in ${env} first; ` +
        `deploy it to ${env}, then retry`,
    );
  }
  return ALLOWED;
}

/**
 * Production deploys only versions published from a release tag, never a branch build. The
 * version's source ref (manifest `source.ref`) must be exactly the release tag of the version:
 * a prerelease such as 1.5.0-rc.1 tagged v1.5.0-rc.1 passes; 1.5.1-main.12.sha-1a2b3c4 built
 * from refs/heads/main does not.
 */
export function checkReleaseTag(
  target: { environment: string; version: string; sourceRef: string },
  options: { requireTag: boolean; tagPrefix?: string },
): PolicyDecision {
  if (!options.requireTag) return ALLOWED;
  const tag = `refs/tags/${options.tagPrefix ?? "v"}${target.version}`;
  if (target.sourceRef === tag) return ALLOWED;
  return refuse(
    "release_tag",
    `${target.environment} deploys only release tags, but ${target.version} was built from ` +
      `${target.sourceRef}; push the tag ${tag.slice("refs/tags/".length)} and deploy the version it builds`,
  );
}
