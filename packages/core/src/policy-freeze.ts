import { describeFreezeWindow, type FreezeWindow, isFrozen } from "./freeze-window.js";
import {
  ALLOWED,
  type ForceOption,
  forcedWithReason,
  missingReason,
  type PolicyDecision,
  refuse,
} from "./policy-decision.js";

/**
 * Freeze windows: no deploy into an environment while one of its windows covers `at`. A
 * rollback is refused too (it changes what runs); an incident that needs one during a freeze
 * is exactly what force with a reason is for, and the reason lands in the ledger.
 */
export function checkFreeze(
  environment: string,
  windows: readonly FreezeWindow[],
  at: Date,
  option: ForceOption = {},
): PolicyDecision {
  const window = isFrozen(windows, at);
  if (!window) return ALLOWED;
  const text = describeFreezeWindow(window);
  if (forcedWithReason(option)) {
    return { allowed: true, override: { rule: "freeze", detail: `${environment} frozen ${text}` } };
  }
  if (option.force) return missingReason(`freeze window ${text} of ${environment}`);
  return refuse(
    "frozen",
    `${environment} is frozen (${text}) at ${at.toISOString()}; deploy after the window ends, ` +
      "or set force: true with a reason to override it",
  );
}
