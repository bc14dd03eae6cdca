// A `uses:` step. This repository's node actions run through the runner harness's pieces
// (action.yml, INPUT_ variables with defaults, runStep) the way ActionRunner.cs and
// NodeScriptActionHandler.cs run them: cwd = GITHUB_WORKSPACE, the job token only through
// inputs, ACTIONS_RUNTIME_* for node actions only, `pre` before main (skipped with a warning for
// `./` actions), `post` registered before main runs and run at the job's end when post-if
// holds, state passed as STATE_<name>. GITHUB-FACTS 1.1-1.5.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { ActionStep } from "@actions/workflow-parser/model/workflow-template";
import { loadActionMetadata, resolveInputs } from "@fastdeploy/sandbox";
import { evaluateActionCondition } from "../expressions.js";
import { resolveActionReference, UnsupportedActionError } from "./action-reference.js";
import { evaluateTextMapping } from "./block-scalar.js";
import { type ActionIdentity, failedStepRun, type StepRun } from "./job-state.js";
import { checkout, setupNode } from "./stand-ins.js";
import { type StepInvocation, startProcess } from "./step-invocation.js";

/** A post stage waiting on the job's stack. */
export interface PostStep {
  id: string;
  name: string;
  /** action.yml's post-if (default always()). */
  condition: string;
  run(): Promise<StepRun>;
}

export async function runActionStep(
  step: StepInvocation,
  model: ActionStep,
  posts: PostStep[],
): Promise<StepRun> {
  const { state } = step;
  const { run } = state;
  const uses = model.uses.value;
  let reference: ReturnType<typeof resolveActionReference>;
  try {
    reference = resolveActionReference(uses, run);
  } catch (error) {
    if (error instanceof UnsupportedActionError) return failedStepRun(error.message);
    throw error;
  }
  const contexts = state.contexts(step.env, undefined, step.id);
  const given = evaluateTextMapping(step.definition.with, contexts, state.stepExpressions);
  if (reference.kind === "checkout") {
    return checkout(given, run.workspace, run.source, (line) => state.log(line));
  }
  if (reference.kind === "setup-node") {
    return setupNode(given, state.processEnv(step.env).PATH ?? "");
  }

  const metadata = loadActionMetadata(reference.dir);
  const identity: ActionIdentity = {
    path: reference.dir,
    repository: reference.repository,
    ref: reference.ref,
  };
  const actionContexts = state.contexts(step.env, identity, step.id);
  const inputs = resolveInputs(metadata, given, {
    github: actionContexts.github,
    runner: actionContexts.runner,
    env: actionContexts.env,
  });
  for (const warning of inputs.warnings) {
    state.annotations.push({ level: "warning", message: warning, source: "runner" });
  }
  const actionState: Record<string, string> = {};
  const stage = (script: string, cancellable = true) => {
    const target = resolve(metadata.dir, script);
    // NodeScriptActionHandler.cs checks the file before starting node.
    if (!existsSync(target)) return Promise.resolve(failedStepRun(`File not found: '${target}'`));
    const stateEnv: Record<string, string> = {};
    // The runner keeps the saved name as is: STATE_<name>, not upper-cased.
    for (const [key, value] of Object.entries(actionState)) stateEnv[`STATE_${key}`] = value;
    const extra = { ...inputs.env, ...(run.artifactEnv ?? {}), ...stateEnv };
    return startProcess(step, {
      script: target,
      cwd: run.workspace,
      env: state.processEnv(step.env, extra, identity, step.id),
      action: identity,
      cancellable,
    });
  };

  const { pre, preIf, post, postIf } = metadata.runs;
  if (pre && reference.local) {
    state.annotations.push({
      level: "warning",
      message: `\`pre\` execution is not supported for local action from '${uses}'`,
      source: "runner",
    });
  } else if (pre && evaluateActionCondition(preIf, actionContexts, state.status())) {
    const preResult = await stage(pre);
    Object.assign(actionState, preResult.state);
    if (!preResult.success) return preResult;
    state.absorb({ ...preResult, outputs: {} });
  }
  if (post) {
    posts.push({
      id: step.id,
      name: `Post ${step.name}`,
      condition: postIf,
      run: () => stage(post, false),
    });
  }
  const main = await stage(metadata.runs.main);
  Object.assign(actionState, main.state);
  return main;
}
