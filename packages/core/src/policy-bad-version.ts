import type { BadMark } from "./deployment-record.js";
import {
  ALLOWED,
  type ForceOption,
  forcedWithReason,
  missingReason,
  type PolicyDecision,
  refuse,
} from "./policy-decision.js";

/**
 * The bad-version hold: a version rolled back from in an environment is never deployed there
 * again by a re-run of an old pipeline; only force with a reason lets it through.
 */
export function checkBadVersion(
  target: { environment: string; version: string },
  bad: readonly BadMark[],
  option: ForceOption = {},
): PolicyDecision {
  const mark = bad.find((b) => b.version === target.version);
  if (!mark) return ALLOWED;
  const why = mark.reason ? ` (${mark.reason})` : "";
  if (forcedWithReason(option)) {
    return {
      allowed: true,
      override: { rule: "bad-version", detail: `${target.version} was rolled back from${why}` },
    };
  }
  if (option.force) return missingReason(`bad-version hold on ${target.version}`);
  return refuse(
    "bad_version",
    `${target.version} was rolled back from in ${target.environment}${why} and is held there; ` +
      "deploy a fixed version, or set force: true with a reason",
  );
}
