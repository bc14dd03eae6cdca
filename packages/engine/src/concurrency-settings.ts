// A `concurrency:` value (workflow or job level) evaluated and entered into its group:
// `concurrency: <group>` or `{group, cancel-in-progress, queue}`.
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#concurrency
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import type { Admission, ConcurrencyGroups, ConcurrencySettings } from "./concurrency.js";
import { evaluateToken } from "./expressions.js";

export interface GroupAdmission extends Admission {
  group: string;
}

export function concurrencySettings(
  token: TemplateToken | undefined,
  contexts: Record<string, unknown>,
): ConcurrencySettings | undefined {
  if (!token) return undefined;
  const value = evaluateToken(token, contexts);
  if (typeof value === "string" || typeof value === "number") {
    return String(value) === ""
      ? undefined
      : { group: String(value), cancelInProgress: false, queue: "single" };
  }
  if (value === null || typeof value !== "object") return undefined;
  const setting = value as Record<string, unknown>;
  const group = String(setting.group ?? "");
  if (group === "") return undefined;
  const cancel = setting["cancel-in-progress"];
  return {
    group,
    cancelInProgress: cancel === true || cancel === "true",
    queue: setting.queue === "max" ? "max" : "single",
  };
}

export function enterConcurrency(
  groups: ConcurrencyGroups,
  token: TemplateToken | undefined,
  contexts: Record<string, unknown>,
  onCancel: (reason: string) => void,
): GroupAdmission | undefined {
  const settings = concurrencySettings(token, contexts);
  if (!settings) return undefined;
  return { group: settings.group, ...groups.enter(settings, onCancel) };
}
