// One step about to run: what the job loop has already worked out for it, and the one way
// every kind of step starts a process (the runner harness's runStep).
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { runStep, type StepResult } from "@fastdeploy/sandbox";
import type { ActionIdentity, JobState } from "./job-state.js";
import type { StepDefinition } from "./step-definition.js";

/** setTimeout fires at once beyond 2^31-1 ms (about 24.8 days); longer limits are no limit. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface StepInvocation {
  state: JobState;
  /** The step's id (`__run`, `__run_2`, … when the workflow gives none). */
  id: string;
  name: string;
  /** The step's `env:`, evaluated. */
  env: Record<string, string>;
  definition: StepDefinition;
  /** Aborted when the job is cancelled and the step's condition no longer holds. */
  signal: AbortSignal;
  timeoutMinutes?: number;
}

export interface ProcessSpec {
  program?: { file: string; args: string[] };
  script: string;
  cwd: string;
  env: Record<string, string>;
  action?: ActionIdentity;
  /** Post steps are not cancelled with the job (post-if decides whether they run at all). */
  cancellable?: boolean;
}

/** A directory the step runs in, or the runner's kind of message when it is missing. */
export function checkWorkingDirectory(dir: string): string | undefined {
  if (existsSync(dir) && statSync(dir).isDirectory()) return undefined;
  return `An error occurred trying to start the process with working directory '${dir}': the directory does not exist. Create it in an earlier step, or fix working-directory.`;
}

/** Starts the step's process with the job's masks, log, cancel and timeout rules. */
export async function startProcess(step: StepInvocation, spec: ProcessSpec): Promise<StepResult> {
  const { state } = step;
  const limit =
    step.timeoutMinutes !== undefined ? Math.round(step.timeoutMinutes * 60_000) : undefined;
  const timeoutMs = limit !== undefined && limit <= MAX_TIMER_MS ? limit : undefined;
  const result = await runStep({
    script: resolve(spec.script),
    program: spec.program,
    processGroup: true,
    cwd: spec.cwd,
    env: spec.env,
    runnerTemp: state.runnerTemp,
    masks: [...state.run.masks],
    warnings: [],
    timeoutMs,
    // StepsRunner.cs: "The action '{DisplayName}' has timed out after {timeoutMinutes} minutes."
    timeoutMessage: `The action '${step.name}' has timed out after ${step.timeoutMinutes} minutes.`,
    signal: spec.cancellable === false ? undefined : step.signal,
    cancelTimeouts: state.run.cancelTimeouts,
    onOutput: (line) => state.log(line),
  });
  if (result.pid !== undefined) state.processGroups.add(result.pid);
  return result;
}
