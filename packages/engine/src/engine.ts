// The Engine: which workflows an event starts, everything checked before any run starts, then
// the runs, side by side, as GitHub starts every workflow an event triggers.
// Events: https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows
import { existsSync } from "node:fs";
import { join } from "node:path";
import { abortableSleep } from "@fastdeploy/commands";
import { FastDeployError } from "@fastdeploy/core";
import type { LocalGitHub } from "@fastdeploy/sandbox";
import { REPO_ROOT } from "@fastdeploy/sandbox";
import { ConcurrencyGroups } from "./concurrency.js";
import type { EngineEvent, RunResult } from "./engine-events.js";
import type { Clock, ReviewWait } from "./environment-gate.js";
import { runJob } from "./job/index.js";
import { type LoadedWorkflow, loadWorkflow, WorkflowRefusedError } from "./load-workflow.js";
import { unsupportedFeatures } from "./preflight.js";
import type { EngineDeps } from "./run-state.js";
import { type RunRequest, runWorkflow } from "./run-workflow.js";
import { dispatchInputs, pushStartsWorkflow, TriggerError } from "./triggers.js";
import {
  changedFiles,
  git,
  listWorkflowFiles,
  readAtCommit,
  resolveCommit,
} from "./workflow-files.js";

export interface EngineOptions {
  /** The user's git repository: .github/workflows, checkout source. */
  repoDir: string;
  /** This FastDeploy checkout (default: REPO_ROOT from @fastdeploy/sandbox). */
  actionsRoot?: string;
  /** From @fastdeploy/sandbox startLocalGitHub (sandbox + artifact service). */
  local: LocalGitHub;
  /** owner/name in the local GitHub. */
  repository: string;
  clock?: Clock;
  onEvent?: (event: EngineEvent) => void;
  /**
   * Asked when a job waits for review; the CLI answers from --approve/--reject or a prompt by
   * posting the review through the REST API with a reviewer's token. Undefined: the job waits.
   */
  onReviewWait?: ReviewWait;
}

export interface TriggerEvent {
  name: "push" | "workflow_dispatch";
  /** `refs/heads/main`, `refs/tags/v1.0.0` (a short branch or tag name is accepted too). */
  ref: string;
  /** The commit; default: what `ref` names in the repository. */
  sha?: string;
  /** workflow_dispatch inputs, as typed in GitHub's form. */
  inputs?: Record<string, string>;
  actor?: string;
  /** Only this workflow (`.github/workflows/x.yml` or `x.yml`); required for workflow_dispatch. */
  workflow?: string;
  /** Aborting it cancels the runs (Ctrl-C): they end `cancelled`. */
  signal?: AbortSignal;
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    // The listener goes with the timer: a wait that ends normally leaves none behind.
    await abortableSleep(ms, signal);
    if (signal?.aborted) throw signal.reason;
  },
};

/** A workflow the event starts, with its dispatch inputs. */
interface Start {
  workflow: LoadedWorkflow;
  inputs?: Record<string, unknown>;
  eventInputs?: Record<string, string>;
}

/** The engine cannot find FastDeploy's own actions, so no workflow using them could run. */
export class ActionsNotFoundError extends FastDeployError {
  override name = "ActionsNotFoundError";
}

export class Engine {
  private readonly deps: Omit<EngineDeps, "runJob">;
  /** What each finished run was started with, for re-runs. */
  private readonly started = new Map<number, RunRequest>();

  constructor(private readonly options: EngineOptions) {
    const actionsRoot = options.actionsRoot ?? REPO_ROOT;
    // Refused before anything starts when the engine found no FastDeploy beside it (a copied
    // bundle): every `fastdeploy/fastdeploy/...` step would be refused one by one, naming none
    // of the fix. A root given by the caller is taken as it is.
    const found =
      existsSync(join(actionsRoot, "action.yml")) && existsSync(join(actionsRoot, "actions"));
    if (options.actionsRoot === undefined && !found) {
      throw new ActionsNotFoundError(
        `FastDeploy's actions (action.yml and actions/) are not in ${actionsRoot}, where this engine looks for them: run it from a FastDeploy checkout (\`git clone https://github.com/fastdeploy/fastdeploy && cd fastdeploy && npm ci && npm run demo\`) or from the installed @fastdeploy/cli package, which carries them.`,
      );
    }
    let actionsSha = "0".repeat(40);
    try {
      actionsSha = git(actionsRoot, ["rev-parse", "HEAD"]).trim();
    } catch {
      // Not a git checkout (an installed CLI): job_workflow_sha stays zeros.
    }
    this.deps = {
      local: options.local,
      gates: options.local.sandbox,
      repository: options.repository,
      repoDir: options.repoDir,
      actionsRoot,
      actionsSha,
      clock: options.clock ?? realClock,
      emit: (event) => options.onEvent?.(event),
      ...(options.onReviewWait ? { onReviewWait: options.onReviewWait } : {}),
      groups: new ConcurrencyGroups(),
    };
  }

  /** Runs every workflow the event triggers; resolves when all of them have ended. Refuses
   * (rejects) before any run starts when a workflow cannot run locally. */
  async trigger(event: TriggerEvent): Promise<RunResult[]> {
    const { repoDir } = this.options;
    if (event.name !== "push" && event.name !== "workflow_dispatch") {
      throw new TriggerError(
        `the local engine runs push and workflow_dispatch events, not ${String(event.name)}`,
      );
    }
    const ref = fullRef(repoDir, event.ref);
    const sha = event.sha ?? resolveCommit(repoDir, ref);
    const actor = event.actor ?? this.options.repository.split("/")[0] ?? "octocat";
    if (event.name === "workflow_dispatch" && !event.workflow) {
      throw new TriggerError(
        "workflow_dispatch runs one workflow: name it (workflow: '.github/workflows/x.yml')",
      );
    }
    if (event.name === "push" && event.inputs && Object.keys(event.inputs).length > 0) {
      throw new TriggerError("inputs belong to workflow_dispatch; a push takes none");
    }
    const files = event.workflow ? [workflowPath(event.workflow)] : listWorkflowFiles(repoDir, sha);
    const sources = { repoDir, sha, actionsRoot: this.deps.actionsRoot };
    const refused: string[] = [];
    const loaded: LoadedWorkflow[] = [];
    for (const file of files) {
      const content = readAtCommit(repoDir, sha, file);
      if (content === undefined)
        throw new TriggerError(`${file} does not exist at ${ref} (${sha})`);
      try {
        loaded.push(await loadWorkflow(file, content, sources));
      } catch (error) {
        if (!(error instanceof WorkflowRefusedError)) throw error;
        refused.push(...error.problems);
      }
    }
    if (refused.length > 0) throw new WorkflowRefusedError(describe(files), refused);

    let changed: string[] | undefined;
    const changedOnce = () => {
      changed ??= changedFiles(repoDir, sha);
      return changed;
    };
    const starts = loaded.flatMap((workflow): Start[] => {
      const on = workflow.template.events ?? {};
      if (event.name === "push") {
        return on.push && pushStartsWorkflow(on.push, ref, changedOnce) ? [{ workflow }] : [];
      }
      if (!on.workflow_dispatch) {
        throw new TriggerError(
          `${workflow.file}: Workflow does not have 'workflow_dispatch' trigger`,
        );
      }
      return [
        { workflow, ...dispatchInputs(workflow.file, on.workflow_dispatch, event.inputs ?? {}) },
      ];
    });
    const problems = starts.flatMap(({ workflow }) =>
      unsupportedFeatures(workflow, workflow.template.jobs ?? [], sources),
    );
    if (problems.length > 0) {
      throw new WorkflowRefusedError(describe(starts.map((s) => s.workflow.file)), problems);
    }
    const before =
      event.name === "push" && ref.startsWith("refs/heads/") ? parentOf(repoDir, sha) : undefined;
    return Promise.all(
      starts.map(async (start) => {
        const request: RunRequest = {
          workflow: start.workflow,
          eventName: event.name,
          ref,
          sha,
          ...(before ? { before } : {}),
          actor,
          inputs: start.inputs ?? {},
          ...(start.eventInputs ? { eventInputs: start.eventInputs } : {}),
        };
        const result = await runWorkflow(
          { ...this.deps, runJob },
          { ...request, ...(event.signal ? { signal: event.signal } : {}) },
        );
        this.started.set(result.runId, request);
        return result;
      }),
    );
  }

  /**
   * Re-runs every job of a run this engine started: the same run id and number, the next
   * `run_attempt`, the same commit, ref, inputs and workflow file, as "Re-run all jobs" does
   * (https://docs.github.com/en/actions/how-tos/manage-workflow-runs/re-run-workflows-and-jobs).
   * Reviews given to an earlier attempt do not count for the new one.
   */
  async rerun(
    runId: number,
    options: { actor?: string; signal?: AbortSignal } = {},
  ): Promise<RunResult> {
    const request = this.started.get(runId);
    if (!request) {
      throw new TriggerError(
        `run ${runId} was not started by this engine; only its own runs can be re-run`,
      );
    }
    const attempt = this.deps.gates.rerunWorkflowRun(this.options.repository, runId, {
      ...(options.actor ? { triggeringActor: options.actor } : {}),
    });
    return runWorkflow(
      { ...this.deps, runJob },
      {
        ...request,
        ...(options.actor ? { triggeringActor: options.actor } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      attempt,
    );
  }
}

function describe(files: string[]): string {
  return files.length === 1 ? (files[0] as string) : `the workflows (${files.join(", ")})`;
}

function fullRef(repoDir: string, ref: string): string {
  if (ref.startsWith("refs/")) return ref;
  try {
    git(repoDir, ["show-ref", "--verify", "--quiet", `refs/tags/${ref}`]);
    return `refs/tags/${ref}`;
  } catch {
    return `refs/heads/${ref}`;
  }
}

function workflowPath(workflow: string): string {
  const path = workflow.replace(/^\.\//, "");
  return path.includes("/") ? path : `.github/workflows/${path}`;
}

function parentOf(repoDir: string, sha: string): string | undefined {
  try {
    return git(repoDir, ["rev-parse", "--verify", "--quiet", `${sha}^`]).trim() || undefined;
  } catch {
    return undefined;
  }
}
