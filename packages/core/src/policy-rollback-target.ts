import { type BadMark, hasSucceeded, type LedgerEntry, liveEntry } from "./deployment-record.js";
import { checkBadVersion } from "./policy-bad-version.js";
import type { ForceOption, PolicyCode, PolicyOverride } from "./policy-decision.js";
import { isValidVersion } from "./version.js";

export interface RollbackOptions extends ForceOption {
  /** `previous` (the default of the rollback action) or an explicit version. */
  to: "previous" | string;
  /** Bad marks known beyond those in `history` (the newest deployment's carried list). */
  bad?: readonly BadMark[];
}

export interface RollbackEndpoint {
  version: string;
  /** Undefined for an explicit version that never ran here: take it from the release. */
  digest?: string;
  deploymentId?: number;
}

export type RollbackChoice =
  | {
      allowed: true;
      from: Required<RollbackEndpoint>;
      to: RollbackEndpoint;
      override?: PolicyOverride;
    }
  | { allowed: false; code: PolicyCode; message: string };

/**
 * Which version a rollback deploys, from an environment's ledger `history` (FastDeploy
 * entries only, newest first; it may be a prefix of the full history). The live deployment
 * is `liveEntry(history)`: the newest that succeeded. `previous` picks the newest version that
 * succeeded here before the live one, is another version, and is not marked bad; when the
 * live deployment's payload carries the `good` index, that list answers without older
 * entries. Bad marks come from `options.bad`, every entry's `bad` list and `rollback.from`.
 * A `not found` answer on a prefix may change with more history: callers that read lazily
 * call again with a longer prefix until it is found or the history ends.
 */
export function chooseRollbackTarget(
  history: readonly LedgerEntry[],
  options: RollbackOptions,
): RollbackChoice {
  const environment = history[0]?.environment ?? "the environment";
  const live = liveEntry(history);
  const liveIndex = live ? history.indexOf(live) : -1;
  if (!live) {
    return no(
      `nothing runs in ${environment}, so there is nothing to roll back from; use distribute`,
    );
  }
  const from = { version: live.version, digest: live.digest, deploymentId: live.deploymentId };
  const bad = badMarks(history, options.bad);

  if (options.to !== "previous") {
    const version = options.to;
    if (!isValidVersion(version)) {
      return no(
        `rollback target "${version}" is not a SemVer version; give a version such as 1.4.2 or "previous"`,
      );
    }
    if (version === live.version) {
      return no(`${environment} already runs ${version}; nothing to roll back to`);
    }
    const hold = checkBadVersion({ environment, version }, bad, options);
    if (!hold.allowed) return hold;
    const known = history.find((e) => e.version === version && hasSucceeded(e));
    const to = known
      ? { version, digest: known.digest, deploymentId: known.deploymentId }
      : { version };
    return { allowed: true, from, to, ...(hold.override ? { override: hold.override } : {}) };
  }

  const usable = (version: string) =>
    version !== live.version && !bad.some((b) => b.version === version);
  const indexed = live.payload.good?.find((g) => usable(g.version));
  if (indexed) {
    return {
      allowed: true,
      from,
      to: { version: indexed.version, digest: indexed.digest, deploymentId: indexed.deployment_id },
    };
  }
  const earlier = history.slice(liveIndex + 1).find((e) => hasSucceeded(e) && usable(e.version));
  if (earlier) {
    return {
      allowed: true,
      from,
      to: { version: earlier.version, digest: earlier.digest, deploymentId: earlier.deploymentId },
    };
  }
  return no(
    `no version succeeded in ${environment} before ${live.version} that is not marked bad; ` +
      "give the rollback an explicit version (to: 1.2.3)",
  );
}

/** Every bad mark the entries know: carried lists and the rollbacks themselves. */
export function badMarks(
  history: readonly LedgerEntry[],
  extra: readonly BadMark[] = [],
): BadMark[] {
  const marks = [...extra];
  for (const e of history) {
    marks.push(...(e.payload.bad ?? []));
    const rb = e.payload.rollback;
    if (rb) marks.push({ version: rb.from, reason: rb.reason, deployment_id: e.deploymentId });
  }
  const seen = new Set<string>();
  return marks.filter((m) => !seen.has(m.version) && seen.add(m.version));
}

function no(message: string): RollbackChoice {
  return { allowed: false, code: "rollback_target", message };
}
