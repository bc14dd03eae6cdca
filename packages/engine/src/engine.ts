// The Engine: which workflows an event starts, everything checked before any run starts, then
// the runs, side by side, as GitHub starts every workflow an event triggers.
// Events: https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows
import type { LocalGitHub } from "@fastdeploy/sandbox";
import { REPO_ROOT } from "@fastdeploy/sandbox";
import { ConcurrencyGroups } from "./concurrency.js";
import type { EngineEvent, RunResult } from "./engine-events.js";
import type { Clock } from "./environment-gate.js";
import type { JobOutcome, JobRun } from "./job/types.js";
import { type LoadedWorkflow, loadWorkflow, WorkflowRefusedError } from "./load-workflow.js";
import { unsupportedFeatures } from "./preflight.js";
import type { EngineDeps } from "./run-state.js";
import { runWorkflow } from "./run-workflow.js";
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
  onReviewWait?: (wait: {
    runId: number;
    environment: string;
    reviewers: string[];
    job: string;
  }) => Promise<void> | void;
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
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          reject(signal.reason);
        },
        { once: true },
      );
    }),
};

type RunJob = (run: JobRun) => Promise<JobOutcome>;

/** A workflow the event starts, with its dispatch inputs. */
interface Start {
  workflow: LoadedWorkflow;
  inputs?: Record<string, unknown>;
  eventInputs?: Record<string, string>;
}

export class Engine {
  private readonly deps: Omit<EngineDeps, "runJob">;
  private executor: Promise<RunJob> | undefined;

  constructor(private readonly options: EngineOptions) {
    const actionsRoot = options.actionsRoot ?? REPO_ROOT;
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
        refused.push(error.message);
      }
    }
    if (refused.length > 0) throw new WorkflowRefusedError(files.join(", "), refused);

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
      throw new WorkflowRefusedError(starts.map((s) => s.workflow.file).join(", "), problems);
    }
    const runJob = await this.jobExecutor();
    const before =
      event.name === "push" && ref.startsWith("refs/heads/") ? parentOf(repoDir, sha) : undefined;
    return Promise.all(
      starts.map((start) =>
        runWorkflow(
          { ...this.deps, runJob },
          {
            workflow: start.workflow,
            eventName: event.name,
            ref,
            sha,
            ...(before ? { before } : {}),
            actor,
            inputs: start.inputs ?? {},
            ...(start.eventInputs ? { eventInputs: start.eventInputs } : {}),
          },
        ),
      ),
    );
  }

  private jobExecutor(): Promise<RunJob> {
    // The job executor imports @actions/workflow-parser's JSON at load time; loading it only
    // when a run starts keeps `new Engine()` cheap.
    this.executor ??= import("./job/index.js").then((m) => m.runJob);
    return this.executor;
  }
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
