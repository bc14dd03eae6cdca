// `defaults.run` (shell, working-directory) of a workflow or a job, evaluated; the job's
// values override the workflow's.
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#defaultsrun
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { evaluateToken } from "./expressions.js";

export interface RunDefaults {
  shell?: string;
  workingDirectory?: string;
}

export function runDefaults(
  token: TemplateToken | undefined,
  contexts: Record<string, unknown>,
): RunDefaults {
  if (!token) return {};
  const run =
    (evaluateToken(token, contexts) as { run?: Record<string, string> } | null)?.run ?? {};
  return {
    ...(run.shell ? { shell: run.shell } : {}),
    ...(run["working-directory"] ? { workingDirectory: run["working-directory"] } : {}),
  };
}
