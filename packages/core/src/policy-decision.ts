/**
 * What every policy answers. A refusal carries a `code` a face can branch on and a `message`
 * a person can act on (what is wrong, what to do). An allowance may say which rule `force`
 * bypassed, so the deployment payload can record it next to the reason.
 */
export type PolicyCode =
  | "promotion_order"
  | "release_tag"
  | "outdated"
  | "already_deployed"
  | "bad_version"
  | "frozen"
  | "force_reason"
  | "rollback_target"
  | "review"
  | "required_checks";

export type PolicyDecision =
  | { allowed: true; override?: PolicyOverride }
  | { allowed: false; code: PolicyCode; message: string };

/** A rule that `force` (with a reason) let through; recorded in `payload.fastdeploy.force`. */
export interface PolicyOverride {
  rule: "bad-version" | "freeze" | "already-deployed";
  detail: string;
}

/** Force always needs a reason: it is written into the ledger for whoever asks later. */
export interface ForceOption {
  force?: boolean;
  reason?: string;
}

export const ALLOWED: PolicyDecision = { allowed: true };

export function refuse(code: PolicyCode, message: string): PolicyDecision {
  return { allowed: false, code, message };
}

/** True when force was asked for with a non-blank reason. */
export function forcedWithReason(option: ForceOption): boolean {
  return option.force === true && (option.reason ?? "").trim() !== "";
}

/** The refusal for `force` without a reason, naming the rule it was meant to bypass. */
export function missingReason(rule: string): PolicyDecision {
  return refuse(
    "force_reason",
    `force needs a reason to bypass the ${rule}; set the reason input (it is recorded on the deployment)`,
  );
}
