// runAction / runActionWithPost: one job step that uses a node action, run as the Actions
// runner runs it. The harness starts Node 24, as `runs.using: node24` asks, from the `node` npm
// package (node_modules/node/bin/node), and falls back to the machine's node (process.execPath)
// where that package is not installed (node-runtime.ts).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import {
  type ActionMetadata,
  type ExpressionContext,
  loadActionMetadata,
  resolveInputs,
} from "./action-metadata.js";
import { buildJobContext, contextEnv, type GitHubOptions, hostEnv } from "./environment.js";
import type { WorkflowEvent } from "./events.js";
import { type CancelTimeouts, runStep, type StepResult } from "./step.js";

export interface RunActionOptions {
  /** `build`, `verify`, … (actions/<name>), `fastdeploy` (the root action), or a directory. */
  action: string;
  /** The step's `with:`. Declared inputs left out get their action.yml default. */
  inputs?: Record<string, string>;
  /** Defaults to a push of `github.ref` (a tag push for `refs/tags/*`). */
  event?: WorkflowEvent;
  /** The step's `env:` (and job env); it may override context variables, not file commands. */
  env?: Record<string, string>;
  /** GITHUB_WORKSPACE and the cwd; a fresh empty directory when left out. */
  workspace?: string;
  github?: GitHubOptions;
  /** ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL, … from the sandbox's artifact service. */
  artifactEnv?: Record<string, string>;
  /** Like `timeout-minutes`: cancels the step (SIGINT, SIGTERM, SIGKILL) when it runs over. */
  timeoutMs?: number;
  /** Aborting it cancels the run the way a cancelled workflow run does. */
  signal?: AbortSignal;
  cancelTimeouts?: CancelTimeouts;
  onOutput?: (line: string, stream: "stdout" | "stderr") => void;
  /** Sets RUNNER_DEBUG=1, as re-running with debug logging does. */
  debug?: boolean;
  /** Keep RUNNER_TEMP (and a generated workspace) for inspection. */
  keepTemp?: boolean;
}

export interface ActionRunResult extends StepResult {
  /** The temp directories used, for a test that looks at what the action left behind. */
  runnerTemp: string;
  workspace: string;
}

export interface PostRunResult {
  pre?: ActionRunResult;
  main: ActionRunResult;
  /** Absent when the action has no post, or post-if was false. */
  post?: ActionRunResult;
  /** The job's outcome as the post stage sees it. */
  success: boolean;
}

/** Evaluates pre-if/post-if; only the status functions appear in real action.yml files. */
export function evaluateCondition(condition: string, status: "success" | "failure" | "cancelled") {
  const expr = condition.replace(/^\$\{\{\s*|\s*\}\}$/g, "").trim();
  const table: Record<string, boolean> = {
    "always()": true,
    "success()": status === "success",
    "failure()": status === "failure",
    "cancelled()": status === "cancelled",
    "!cancelled()": status !== "cancelled",
  };
  const value = table[expr];
  if (value === undefined) throw new Error(`Unsupported pre-if/post-if condition: ${condition}`);
  return value;
}

interface Job {
  metadata: ActionMetadata;
  runnerTemp: string;
  workspace: string;
  baseEnv: Record<string, string>;
  stepEnv: Record<string, string>;
  inputEnv: Record<string, string>;
  inputWarnings: string[];
  masks: string[];
  cleanup: () => void;
}

function prepareJob(options: RunActionOptions): Job {
  const metadata = loadActionMetadata(options.action);
  const runnerTemp = mkdtempSync(join(tmpdir(), "fastdeploy-runner-temp-"));
  const ownWorkspace = options.workspace === undefined;
  const workspace = ownWorkspace
    ? mkdtempSync(join(tmpdir(), "fastdeploy-workspace-"))
    : resolve(options.workspace as string);
  const eventDir = join(runnerTemp, "_github_workflow");
  mkdirSync(eventDir, { recursive: true });
  const eventPath = join(eventDir, "event.json");
  const context = buildJobContext(options.github ?? {}, options.event, {
    workspace,
    runnerTemp,
    eventPath,
    actionPath: metadata.dir,
  });
  writeFileSync(eventPath, JSON.stringify(context.event.payload, null, 2));
  const baseEnv: Record<string, string> = {
    ...hostEnv(),
    ...contextEnv(context),
    ...(options.artifactEnv ?? {}),
    ...(options.debug ? { RUNNER_DEBUG: "1" } : {}),
  };
  const expressions: ExpressionContext = {
    github: context.github,
    runner: context.runner,
    env: options.env ?? {},
  };
  const inputs = resolveInputs(metadata, options.inputs ?? {}, expressions);
  const token = String(context.github.token);
  return {
    metadata,
    runnerTemp,
    workspace,
    baseEnv,
    stepEnv: options.env ?? {},
    inputEnv: inputs.env,
    inputWarnings: inputs.warnings,
    // The job token is a secret the runner masks from the first line on.
    masks: token ? [token] : [],
    cleanup: () => {
      if (options.keepTemp) return;
      rmSync(runnerTemp, { recursive: true, force: true });
      if (ownWorkspace) rmSync(workspace, { recursive: true, force: true });
    },
  };
}

async function runStage(
  job: Job,
  script: string,
  options: RunActionOptions,
  extra: { state: Record<string, string>; env: Record<string, string>; path: string[] },
  warnings: string[],
): Promise<ActionRunResult> {
  const state: Record<string, string> = {};
  // The runner does not upper-case the state name: `STATE_<name>` as saved.
  for (const [key, value] of Object.entries(extra.state)) state[`STATE_${key}`] = value;
  // Precedence as in the runner: GITHUB_ENV of earlier stages < the step's env < inputs.
  const env = { ...job.baseEnv, ...extra.env, ...job.stepEnv, ...job.inputEnv, ...state };
  if (extra.path.length > 0) {
    // Later additions come first on PATH, like the runner's PrependPath list reversed.
    env.PATH = [...[...extra.path].reverse(), env.PATH ?? ""].filter(Boolean).join(delimiter);
  }
  const target = resolve(job.metadata.dir, script);
  // The runner checks this before starting node (NodeScriptActionHandler.cs L116-118).
  if (!existsSync(target)) throw new Error(`File not found: '${target}'`);
  const result = await runStep({
    script: target,
    cwd: job.workspace,
    env,
    runnerTemp: job.runnerTemp,
    masks: job.masks,
    warnings,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    cancelTimeouts: options.cancelTimeouts,
    onOutput: options.onOutput,
  });
  // Masks registered in one stage stay masked in the next, as they do for the whole job.
  for (const mask of result.masks) if (!job.masks.includes(mask)) job.masks.push(mask);
  return { ...result, runnerTemp: job.runnerTemp, workspace: job.workspace };
}

/** Runs the action's `main` as one step. */
export async function runAction(options: RunActionOptions): Promise<ActionRunResult> {
  const job = prepareJob(options);
  try {
    return await runStage(job, job.metadata.runs.main, options, emptyCarry(), job.inputWarnings);
  } finally {
    job.cleanup();
  }
}

function emptyCarry() {
  return { state: {}, env: {}, path: [] as string[] };
}

/**
 * Runs `pre` (when present and pre-if holds), `main`, then `post` when post-if holds for the
 * job's status at that point, passing state, GITHUB_ENV and GITHUB_PATH along. The runner
 * ignores `pre` for local `uses: ./x` actions; pass `runPre: false` to mimic that.
 */
export async function runActionWithPost(
  options: RunActionOptions & { runPre?: boolean },
): Promise<PostRunResult> {
  const job = prepareJob(options);
  try {
    const carry = emptyCarry();
    const absorb = (r: ActionRunResult) => {
      Object.assign(carry.state, r.state);
      Object.assign(carry.env, r.env);
      carry.path.push(...r.path);
    };
    const status = (r: ActionRunResult) =>
      r.cancelled ? "cancelled" : r.success ? "success" : "failure";
    const { pre, preIf, post, postIf } = job.metadata.runs;
    let warnings = job.inputWarnings;
    let preResult: ActionRunResult | undefined;
    if (pre && options.runPre !== false && evaluateCondition(preIf, "success")) {
      preResult = await runStage(job, pre, options, carry, warnings);
      warnings = [];
      absorb(preResult);
    }
    const main =
      preResult && !preResult.success
        ? preResult // a failed pre fails the job; main is skipped as by `if: success()`
        : await runStage(job, job.metadata.runs.main, options, carry, warnings);
    if (main !== preResult) absorb(main);
    let postResult: ActionRunResult | undefined;
    if (post && evaluateCondition(postIf, status(main))) {
      // The post stage runs after cancellation too (always()); it gets no cancel signal.
      postResult = await runStage(job, post, { ...options, signal: undefined }, carry, []);
    }
    const success = main.success && (postResult?.success ?? true);
    return { pre: preResult, main, post: postResult, success };
  } finally {
    job.cleanup();
  }
}
