// One workflow run from start to end: the run record in the local GitHub (queued →
// in_progress ⇄ waiting → completed), the pre-start permission check, the workflow-level
// concurrency group, the workflow's env, then its job graph.
// Run statuses and conclusions follow the REST reference for workflow runs
// (https://docs.github.com/en/rest/actions/workflow-runs#get-a-workflow-run).
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { refParts } from "@fastdeploy/sandbox";
import { enterConcurrency } from "./concurrency-settings.js";
import type { RunConclusion, RunResult } from "./engine-events.js";
import { evaluateToken } from "./expressions.js";
import { eventPayload, githubContext, type RunIdentity } from "./github-context.js";
import { conclusionOf, runJobGraph } from "./job-graph.js";
import type { LoadedWorkflow } from "./load-workflow.js";
import { parsePermissions, restrictedDefault } from "./permissions.js";
import { permissionViolations } from "./preflight.js";
import { runDefaults } from "./run-defaults.js";
import type { EngineDeps, RunState } from "./run-state.js";

export interface RunRequest {
  workflow: LoadedWorkflow;
  eventName: "push" | "workflow_dispatch";
  ref: string;
  sha: string;
  before?: string;
  actor: string;
  inputs: Record<string, unknown>;
  eventInputs?: Record<string, string>;
  /** Who started this attempt (a re-run's requester); default the actor. */
  triggeringActor?: string;
  /** Cancels the run (Ctrl-C in the CLI): running steps get the runner's cancellation. */
  signal?: AbortSignal;
}

/** An existing run to start a new attempt of (a re-run), instead of recording a new run. */
export interface RunAttempt {
  id: number;
  run_number: number;
  run_attempt: number;
}

function workflowName(workflow: LoadedWorkflow): string {
  const name = workflow.root.find("name");
  return name && "value" in name && typeof name.value === "string" ? name.value : workflow.file;
}

export async function runWorkflow(
  deps: EngineDeps,
  request: RunRequest,
  attempt?: RunAttempt,
): Promise<RunResult> {
  const { workflow } = request;
  const name = workflowName(workflow);
  const triggeringActor = request.triggeringActor ?? request.actor;
  const record =
    attempt ??
    deps.gates.createWorkflowRun(deps.repository, {
      workflowPath: workflow.file,
      name,
      event: request.eventName,
      headSha: request.sha,
      headBranch: refParts(request.ref).name,
      actor: request.actor,
      triggeringActor,
    });
  const ids = { runId: record.id, workflow: workflow.file };
  deps.emit({ type: "run-queued", ...ids, name, runNumber: record.run_number });
  const tempDir = mkdtempSync(join(tmpdir(), "fastdeploy-run-"));
  const identity: RunIdentity = {
    repository: deps.repository,
    apiUrl: deps.local.sandbox.apiUrl,
    eventName: request.eventName,
    ref: request.ref,
    sha: request.sha,
    ...(request.before ? { before: request.before } : {}),
    actor: request.actor,
    triggeringActor,
    workflowName: name,
    workflowPath: workflow.file,
    runId: record.id,
    runNumber: record.run_number,
    runAttempt: record.run_attempt,
    ...(request.eventInputs ? { eventInputs: request.eventInputs } : {}),
    workspace: "",
    eventPath: join(tempDir, "event.json"),
  };
  const event = eventPayload(identity);
  writeFileSync(identity.eventPath, JSON.stringify(event.payload, null, 2));
  const github = githubContext(identity, event);
  const cancel = new AbortController();
  const onAbort = () => cancel.abort();
  request.signal?.addEventListener("abort", onAbort, { once: true });
  if (request.signal?.aborted) cancel.abort();
  let waitingJobs = 0;
  const run: RunState = {
    deps,
    runId: record.id,
    workflowFile: workflow.file,
    ref: request.ref,
    sha: request.sha,
    actor: request.actor,
    github,
    eventPath: identity.eventPath,
    vars: deps.gates.variablesFor(deps.repository),
    signal: cancel.signal,
    artifactRunId: randomUUID(),
    results: [],
    waiting: (on) => {
      const before = waitingJobs;
      waitingJobs += on ? 1 : -1;
      if (before === 0 && waitingJobs === 1) {
        deps.gates.updateWorkflowRun(deps.repository, record.id, { status: "waiting" });
      } else if (before === 1 && waitingJobs === 0) {
        deps.gates.updateWorkflowRun(deps.repository, record.id, { status: "in_progress" });
      }
    },
  };
  const finish = (conclusion: RunConclusion, errors: string[]): RunResult => {
    request.signal?.removeEventListener("abort", onAbort);
    deps.gates.updateWorkflowRun(deps.repository, record.id, { status: "completed", conclusion });
    deps.emit({ type: "run-completed", ...ids, conclusion, errors });
    rmSync(tempDir, { recursive: true, force: true });
    return {
      runId: record.id,
      runNumber: record.run_number,
      workflow: workflow.file,
      name,
      conclusion,
      jobs: run.results,
      errors,
    };
  };

  const workflowPermissions = parsePermissions(workflow.root.find("permissions"));
  const violations = permissionViolations(
    workflow,
    workflow.template.jobs ?? [],
    restrictedDefault(),
    undefined,
  );
  if (violations.length > 0) return finish("failure", violations);

  const contexts = { github, inputs: request.inputs, vars: run.vars };
  let admission: ReturnType<typeof enterConcurrency>;
  try {
    admission = enterConcurrency(deps.groups, workflow.template.concurrency, contexts, () =>
      cancel.abort(),
    );
  } catch (error) {
    return finish("failure", [(error as Error).message]);
  }
  try {
    // "pending": waiting for a concurrency group, as GitHub lists such runs.
    if (admission?.pending) {
      deps.gates.updateWorkflowRun(deps.repository, record.id, { status: "pending" });
      deps.emit({ type: "run-pending", ...ids, group: admission.group });
    }
    if (admission && !(await admission.ready)) {
      return finish("cancelled", [
        `Canceling since a higher priority waiting request for ${admission.group} exists`,
      ]);
    }
    deps.gates.updateWorkflowRun(deps.repository, record.id, { status: "in_progress" });
    deps.emit({ type: "run-started", ...ids });
    const secrets = deps.gates.secretsFor(deps.repository);
    let env: Record<string, string>;
    try {
      env = workflow.template.env
        ? (evaluateToken(workflow.template.env, { ...contexts, secrets }) as Record<string, string>)
        : {};
    } catch (error) {
      return finish("failure", [(error as Error).message]);
    }
    const results = await runJobGraph(
      {
        workflow,
        jobs: workflow.template.jobs ?? [],
        inputs: request.inputs,
        secrets,
        env,
        workflowPermissions,
        inherited: restrictedDefault(),
        defaults: runDefaults(workflow.root.find("defaults"), contexts),
        idPrefix: "",
        namePrefix: "",
        jobWorkflowSha: request.sha,
      },
      run,
    );
    const conclusion = conclusionOf([...results.values()], cancel.signal.aborted);
    return finish(conclusion, []);
  } finally {
    admission?.release();
  }
}
