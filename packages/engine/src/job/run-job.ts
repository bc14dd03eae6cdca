// The job executor: a job's steps run in order as the runner's StepsRunner.cs runs them, then
// the post steps LIFO, then the job's outputs and environment url.
// - Per step: env evaluated first, then `if` (status functions answer for the job so far),
//   then the step; a step that fails without continue-on-error fails the job.
// - Cancellation (the run's signal, or the job's timeout-minutes): the running step's `if`
//   is evaluated again with cancelled() true; when it no longer holds, the step is stopped
//   (SIGINT, SIGTERM, SIGKILL). Later steps run only if their `if` says so (always(), cancelled()).
// - outcome is the step's own result; conclusion applies continue-on-error
//   (https://docs.github.com/en/actions/reference/workflows-and-actions/contexts#steps-context).
import { rmSync } from "node:fs";
import { isActionStep, isRunStep } from "@actions/workflow-parser/model/type-guards";
import type { ActionStep, RunStep, Step } from "@actions/workflow-parser/model/workflow-template";
import { evaluateActionCondition, evaluateCondition, evaluateToken } from "../expressions.js";
import { type PostStep, runActionStep } from "./action-step.js";
import { evaluateText, evaluateTextMapping } from "./block-scalar.js";
import { finishJob } from "./job-outcome.js";
import { asText, asTextRecord, failedStepRun, JobState, type StepRun } from "./job-state.js";
import { cleanUpOrphans } from "./orphans.js";
import { runScriptStep } from "./script-step.js";
import { type StepDefinition, stepDefinitions } from "./step-definition.js";
import { MAX_TIMER_MS, type StepInvocation } from "./step-invocation.js";
import type { JobOutcome, JobRun } from "./types.js";

/** GitHub's default job timeout (workflow-syntax#jobsjob_idtimeout-minutes). */
const DEFAULT_TIMEOUT_MINUTES = 360;

export async function runJob(run: JobRun): Promise<JobOutcome> {
  const state = new JobState(run);
  const jobCancel = new AbortController();
  const cancel = () => {
    state.cancelled = true;
    jobCancel.abort();
  };
  const minutes = run.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES;
  const timeoutMs = minutes * 60_000;
  const timer =
    timeoutMs <= MAX_TIMER_MS
      ? setTimeout(() => {
          // What GitHub shows on a job that ran over (its conclusion is then `cancelled`).
          state.error(`The job has exceeded the maximum execution time of ${duration(minutes)}`);
          cancel();
        }, timeoutMs)
      : undefined;
  if (run.signal.aborted) cancel();
  else run.signal.addEventListener("abort", cancel, { once: true });
  const posts: PostStep[] = [];
  try {
    Object.assign(state.env, asTextRecord(run.contexts.env ?? {}));
    let setUp = true;
    try {
      if (run.job.env) {
        Object.assign(state.env, evaluateTextMapping(run.job.env, state.contexts()));
      }
    } catch (error) {
      // Like an error in "Set up job": no step runs.
      state.error(`Evaluating the job's env failed: ${(error as Error).message}`);
      state.failed = true;
      setUp = false;
    }
    const definitions = stepDefinitions(run.definition);
    for (const [index, step] of run.job.steps.entries()) {
      if (!setUp) break;
      await runOneStep(state, step, definitions[index] ?? {}, jobCancel.signal, posts);
    }
    // Post steps are a stack: the last registered runs first (ExecutionContext.cs L369).
    for (const post of posts.reverse()) await runPostStep(state, post);
  } finally {
    cleanUpOrphans(state.processGroups, (line) => state.log(line));
    clearTimeout(timer);
    run.signal.removeEventListener("abort", cancel);
    if (run.runnerTemp === undefined) rmSync(state.runnerTemp, { recursive: true, force: true });
  }
  return finishJob(state);
}

/** A Go-style duration as GitHub prints it: 1m0s, 1h0m0s, 30s. */
function duration(minutes: number): string {
  const total = Math.round(minutes * 60);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
}

/**
 * The step's name, or "Run " and the script's first line (`script`: the evaluated script, when
 * the step runs), or "Run " and the action. Best effort, as the runner treats it.
 */
function displayName(
  step: Step,
  state: JobState,
  contexts?: Record<string, unknown>,
  script?: string,
): string {
  if (step.name) {
    try {
      return contexts
        ? asText(evaluateToken(step.name, contexts, state.stepExpressions))
        : step.name.toString();
    } catch {}
  }
  if (isRunStep(step)) {
    const text = script ?? step.run.toString();
    return `Run ${(text.trimStart().split("\n")[0] ?? "").trim()}`;
  }
  return isActionStep(step) ? `Run ${step.uses.value}` : step.id;
}

async function runOneStep(
  state: JobState,
  step: Step,
  definition: StepDefinition,
  jobSignal: AbortSignal,
  posts: PostStep[],
): Promise<void> {
  const record = (outcome: string, conclusion: string, outputs: Record<string, string> = {}) => {
    state.steps[step.id] = { outputs, outcome, conclusion };
  };
  const name = displayName(step, state);
  if (!isRunStep(step) && !isActionStep(step)) {
    state.log(name);
    state.error(
      `The local engine does not run '${name}': background, wait and parallel steps are not supported.`,
    );
    state.failed = true;
    return record("failure", "failure");
  }
  await runExecutionStep(state, step, definition, jobSignal, posts, name, record);
}

async function runExecutionStep(
  state: JobState,
  step: RunStep | ActionStep,
  definition: StepDefinition,
  jobSignal: AbortSignal,
  posts: PostStep[],
  initialName: string,
  record: (outcome: string, conclusion: string, outputs?: Record<string, string>) => void,
): Promise<void> {
  let name = initialName;
  let env: Record<string, string> = {};
  let result: StepRun;
  let continueOnError = false;
  const stepCancel = new AbortController();
  const onJobCancel = () => {
    // StepsRunner.cs: on job cancellation the condition is tested again; a step whose `if`
    // still holds (always(), cancelled()) runs on.
    let holds = false;
    try {
      holds = evaluateCondition(
        step.if,
        state.contexts(env, undefined, step.id),
        state.status(),
        state.stepExpressions,
      );
    } catch {}
    if (!holds) stepCancel.abort();
  };
  try {
    env = evaluateTextMapping(
      step.env,
      state.contexts(undefined, undefined, step.id),
      state.stepExpressions,
    );
    const contexts = state.contexts(env, undefined, step.id);
    if (!evaluateCondition(step.if, contexts, state.status(), state.stepExpressions)) {
      state.log(`Skipped: ${displayName(step, state, contexts)} (if: ${step.if.expression})`);
      return record("skipped", "skipped");
    }
    // Evaluated once: the log shows its first line, the shell runs it.
    const script = isRunStep(step)
      ? evaluateText(step.run, contexts, state.stepExpressions)
      : undefined;
    name = displayName(step, state, contexts, script);
    continueOnError = Boolean(
      typeof step["continue-on-error"] === "object"
        ? evaluateToken(step["continue-on-error"], contexts, state.stepExpressions)
        : step["continue-on-error"],
    );
    const timeout = stepTimeout(state, definition, contexts);
    state.log(name);
    // A step started after the job was cancelled ran because its `if` allows it; the runner
    // does not cancel it again.
    if (!jobSignal.aborted) jobSignal.addEventListener("abort", onJobCancel, { once: true });
    const invocation: StepInvocation = {
      state,
      id: step.id,
      name,
      env,
      definition,
      signal: stepCancel.signal,
      timeoutMinutes: timeout,
    };
    result = isActionStep(step)
      ? await runActionStep(invocation, step, posts)
      : await runScriptStep(invocation, script ?? "");
  } catch (error) {
    // StepsRunner.cs: an error evaluating the step or starting it fails the step.
    result = failedStepRun((error as Error).message);
  } finally {
    jobSignal.removeEventListener("abort", onJobCancel);
  }
  state.absorb(result);
  const outcome = result.cancelled ? "cancelled" : result.success ? "success" : "failure";
  const conclusion = outcome === "failure" && continueOnError ? "success" : outcome;
  if (conclusion === "failure") state.failed = true;
  record(outcome, conclusion, result.outputs);
}

/**
 * The step's timeout-minutes: StepsRunner.cs sets a timeout only when it is above 0, and a
 * value it cannot read is reported and the step runs without one.
 */
function stepTimeout(
  state: JobState,
  definition: StepDefinition,
  contexts: Record<string, unknown>,
): number | undefined {
  if (!definition.timeoutMinutes) return undefined;
  const minutes = Number(evaluateToken(definition.timeoutMinutes, contexts, state.stepExpressions));
  if (Number.isNaN(minutes)) {
    state.error("An error occurred when attempting to determine the step timeout.");
    return undefined;
  }
  return minutes > 0 ? minutes : undefined;
}

async function runPostStep(state: JobState, post: PostStep): Promise<void> {
  let runs: boolean;
  try {
    runs = evaluateActionCondition(post.condition, state.contexts(), state.status());
  } catch (error) {
    // A post-if the engine cannot evaluate fails this post step, not the job's other ones.
    state.absorb(failedStepRun(`${post.name}: post-if: ${(error as Error).message}`));
    state.failed = true;
    return;
  }
  if (!runs) {
    state.log(`Skipped: ${post.name} (post-if: ${post.condition})`);
    return;
  }
  state.log(post.name);
  let result: StepRun;
  try {
    result = await post.run();
  } catch (error) {
    result = failedStepRun((error as Error).message);
  }
  state.absorb({ ...result, outputs: {} });
  if (!result.success) state.failed = true;
}
