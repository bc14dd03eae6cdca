import { ALLOWED, type PolicyDecision, refuse } from "./policy-decision.js";
import type { VersionDigest } from "./policy-promotion.js";
import { compareVersions } from "./version.js";

export interface LiveCheckOptions {
  /** A rollback goes backwards on purpose. */
  rollback?: boolean;
  allowDowngrade?: boolean;
  /** Redeploy what already runs (no reason needed: it changes nothing that runs). */
  force?: boolean;
}

/**
 * No outdated deployments, and idempotence. Against what runs now (`live`, undefined when
 * nothing does):
 * - an older version (SemVer precedence) is refused unless a rollback or allow-downgrade;
 * - the same version with the same digest is `already_deployed` (a face reports it as a
 *   success and runs nothing) unless force;
 * - the same version with another digest deploys: what runs is not what was published.
 */
export function checkLiveVersion(
  target: { environment: string } & VersionDigest,
  live: VersionDigest | undefined,
  options: LiveCheckOptions = {},
): PolicyDecision {
  if (!live) return ALLOWED;
  const order = compareVersions(target.version, live.version);
  if (order === 0) {
    if (target.digest !== live.digest) return ALLOWED;
    if (options.force) {
      return {
        allowed: true,
        override: { rule: "already-deployed", detail: `redeploy of ${target.version}` },
      };
    }
    return refuse(
      "already_deployed",
      `${target.environment} already runs ${target.version} (${target.digest}); nothing to do ` +
        "(set force: true to deploy it again)",
    );
  }
  if (order > 0 || options.rollback || options.allowDowngrade) return ALLOWED;
  return refuse(
    "outdated",
    `${target.environment} runs ${live.version}, newer than ${target.version}; a deploy never goes ` +
      "backwards — use the rollback action, or set allow-downgrade: true",
  );
}
