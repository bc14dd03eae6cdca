// A `run:` step, as the runner's ScriptHandler runs it: the script (its `${{ }}` already
// evaluated) written to a temp file and started by the step's shell, in
// GITHUB_WORKSPACE joined with working-directory (`defaults.run` when the step sets none).
// Docs: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsrun
import { resolve } from "node:path";
import { evaluateToken } from "../expressions.js";
import { asText, failedStepRun, type StepRun } from "./job-state.js";
import { prepareShell, ShellError } from "./shell.js";
import { checkWorkingDirectory, type StepInvocation, startProcess } from "./step-invocation.js";

/** Runs `script`, the step's `run:` already evaluated. */
export async function runScriptStep(step: StepInvocation, script: string): Promise<StepRun> {
  const { state, definition } = step;
  const contexts = state.contexts(step.env, undefined, step.id);
  const options = state.stepExpressions;
  const defaults = state.run.defaults ?? {};
  const shell = definition.shell
    ? asText(evaluateToken(definition.shell, contexts, options))
    : defaults.shell;
  const workingDirectory = definition.workingDirectory
    ? asText(evaluateToken(definition.workingDirectory, contexts, options))
    : defaults.workingDirectory;
  // Path.Combine(workspace, dir): an absolute working-directory stands on its own.
  const cwd = resolve(state.run.workspace, workingDirectory ?? "");

  const env = state.processEnv(step.env, {}, undefined, step.id);
  let command: ReturnType<typeof prepareShell>;
  try {
    command = prepareShell(shell, script, state.runnerTemp, env.PATH ?? "");
  } catch (error) {
    if (error instanceof ShellError) return failedStepRun(error.message);
    throw error;
  }
  for (const line of script.replace(/\n+$/, "").split("\n")) state.log(`  ${line}`);
  state.log(`  shell: ${command.display}`);
  const missing = checkWorkingDirectory(cwd);
  if (missing) return failedStepRun(missing);

  const result = await startProcess(step, {
    program: { file: command.file, args: command.args },
    script: command.file,
    cwd,
    env,
  });
  if (!result.success && !result.cancelled && !result.timedOut && result.exitCode !== 0) {
    // ScriptHandler.cs: the runner's own error line for a failed script.
    result.annotations.push({
      level: "error",
      message: `Process completed with exit code ${result.exitCode}.`,
      source: "runner",
    });
  }
  return result;
}
