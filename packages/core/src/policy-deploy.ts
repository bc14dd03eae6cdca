import type { BadMark } from "./deployment-record.js";
import type { FreezeWindow } from "./freeze-window.js";
import { checkBadVersion } from "./policy-bad-version.js";
import type { ForceOption, PolicyCode, PolicyDecision, PolicyOverride } from "./policy-decision.js";
import { checkFreeze } from "./policy-freeze.js";
import { checkLiveVersion } from "./policy-outdated.js";
import { checkPromotionOrder, checkReleaseTag, type SuccessFacts } from "./policy-promotion.js";

/** Everything distribute knows before it deploys, as plain data gathered by the ledger. */
export interface DeployRequest extends ForceOption {
  environment: string;
  version: string;
  digest: string;
  /** Manifest `source.ref` of the version. */
  sourceRef: string;
  after: readonly string[];
  requireTag: boolean;
  tagPrefix?: string;
  freeze: readonly FreezeWindow[];
  at: Date;
  rollback?: boolean;
  allowDowngrade?: boolean;
}

export interface DeployFacts {
  /** Successes of this version in the `after` environments. */
  successes: SuccessFacts;
  live: { version: string; digest: string } | undefined;
  bad: readonly BadMark[];
}

export type DeployVerdict =
  | { allowed: true; overrides: PolicyOverride[] }
  | { allowed: false; code: PolicyCode; message: string };

/**
 * All deploy policies in the order a person would want to hear about them: is it frozen,
 * is this artifact eligible here (tag, promotion order), is it held (bad), does it go
 * backwards or change nothing. The first refusal wins; the overrides force used are
 * collected so the payload can record them (`force: {reason, overrides}`). A rollback skips
 * the promotion order: the version already ran here.
 */
export function evaluateDeploy(request: DeployRequest, facts: DeployFacts): DeployVerdict {
  const { environment, version, digest } = request;
  const decisions: Array<() => PolicyDecision> = [
    () => checkFreeze(environment, request.freeze, request.at, request),
    () =>
      checkReleaseTag(
        { environment, version, sourceRef: request.sourceRef },
        { requireTag: request.requireTag, tagPrefix: request.tagPrefix },
      ),
    () =>
      request.rollback
        ? { allowed: true }
        : checkPromotionOrder({ environment, version, digest }, request.after, facts.successes),
    () => checkBadVersion({ environment, version }, facts.bad, request),
    () =>
      checkLiveVersion({ environment, version, digest }, facts.live, {
        rollback: request.rollback,
        allowDowngrade: request.allowDowngrade,
        force: request.force,
      }),
  ];
  const overrides: PolicyOverride[] = [];
  for (const decide of decisions) {
    const decision = decide();
    if (!decision.allowed) return decision;
    if (decision.override) overrides.push(decision.override);
  }
  return { allowed: true, overrides };
}
