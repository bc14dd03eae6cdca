// One job (one matrix leg) of `runs-on` kind: its concurrency group, its environment's
// protection rules, its token, secrets and variables, then its steps through the job executor
// (packages/engine/src/job), then GitHub's job deployment status.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Job } from "@actions/workflow-parser/model/workflow-template";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { LOCAL_SERVER_URL, type WorkflowHost } from "@fastdeploy/sandbox";
import { enterConcurrency } from "./concurrency-settings.js";
import type { JobConclusion, JobResult } from "./engine-events.js";
import { type EnvironmentRef, environmentOf, passEnvironmentGate } from "./environment-gate.js";
import { evaluateToken } from "./expressions.js";
import type { JobOutcome } from "./job/types.js";
import { jobContexts, legContexts } from "./job-contexts.js";
import { awaitJobTurn, engineVerdict, type Leg } from "./job-graph.js";
import { effectivePermissions, parsePermissions } from "./permissions.js";
import { runDefaults } from "./run-defaults.js";
import type { RunState, Scope } from "./run-state.js";

type JobTokenRequest = Parameters<WorkflowHost["issueJobToken"]>[0];

/** How GitHub's job deployment ends for a job's result. */
function deploymentState(result: JobOutcome["result"]): "success" | "failure" | "error" {
  return result === "success" ? "success" : result === "cancelled" ? "error" : "failure";
}

/** `timeout-minutes`, evaluated; a value that is no positive number is the workflow's error. */
function timeoutMinutes(token: TemplateToken | undefined, contexts: Record<string, unknown>) {
  if (!token) return undefined;
  const value = Number(evaluateToken(token, contexts));
  if (!(value > 0)) {
    throw new Error(`timeout-minutes must be a positive number of minutes, got '${String(value)}'`);
  }
  return value;
}

function rawValue(job: Leg, scope: Scope, key: string): TemplateToken | undefined {
  return scope.workflow.jobs.get(job.job.id.value)?.find(key);
}

export async function runJobLeg(leg: Leg, scope: Scope, run: RunState): Promise<JobResult> {
  const { deps } = run;
  const job = leg.job as Job;
  const ref = { runId: run.runId, workflow: run.workflowFile, job: leg.name };
  if (leg.signal.aborted)
    return engineVerdict(run, leg.id, leg.name, "cancelled", "cancelled before it started");
  deps.emit({ type: "job-queued", ...ref });
  const contexts = legContexts(run, scope, leg, job.id.value, {
    job_workflow_sha: scope.jobWorkflowSha,
  });
  const abort = new AbortController();
  const signal = AbortSignal.any([leg.signal, abort.signal]);
  let environment: EnvironmentRef | undefined;
  let admission: ReturnType<typeof enterConcurrency> | undefined;
  try {
    environment = environmentOf(job.environment, contexts);
    admission = enterConcurrency(deps.groups, job.concurrency, contexts, () => abort.abort());
  } catch (error) {
    return engineVerdict(run, leg.id, leg.name, "failure", (error as Error).message);
  }
  let deploymentId: number | undefined;
  const workspace = mkdtempSync(join(tmpdir(), "fastdeploy-job-"));
  const runnerTemp = mkdtempSync(join(tmpdir(), "fastdeploy-runner-temp-"));
  try {
    const replaced = await awaitJobTurn(run, leg, admission);
    if (replaced) return replaced;
    if (environment) {
      const gate = await passEnvironmentGate({
        gates: deps.gates,
        repository: deps.repository,
        runId: run.runId,
        workflow: run.workflowFile,
        job: leg.name,
        environment: environment.name,
        ref: run.ref,
        sha: run.sha,
        clock: deps.clock,
        signal,
        emit: deps.emit,
        ...(deps.onReviewWait ? { onReviewWait: deps.onReviewWait } : {}),
        deployment: environment.deployment,
        waiting: run.waiting,
      });
      if (!gate.passed) {
        return engineVerdict(
          run,
          leg.id,
          leg.name,
          gate.cancelled ? "cancelled" : "failure",
          gate.reason,
        );
      }
      deploymentId = gate.deploymentId;
    }
    if (signal.aborted)
      return engineVerdict(run, leg.id, leg.name, "cancelled", "cancelled before it started");

    const permissions = effectivePermissions(
      parsePermissions(rawValue(leg, scope, "permissions")),
      scope.workflowPermissions,
      scope.inherited,
    );
    const token = deps.gates.issueJobToken({
      repository: deps.repository,
      permissions: permissions as JobTokenRequest["permissions"],
      runId: run.runId,
      actor: run.actor,
    });
    // secretsFor/variablesFor overlay the environment's on the repository's.
    const secrets = {
      ...scope.secrets,
      ...(environment ? deps.gates.secretsFor(deps.repository, environment.name) : {}),
    };
    const vars = {
      ...run.vars,
      ...(environment ? deps.gates.variablesFor(deps.repository, environment.name) : {}),
    };
    const stepContexts = jobContexts(contexts, {
      token,
      workspace,
      runnerTemp,
      env: scope.env,
      vars,
      secrets,
    });
    const timeout = timeoutMinutes(rawValue(leg, scope, "timeout-minutes"), stepContexts);
    const continueOnError = rawValue(leg, scope, "continue-on-error");
    const mayFail = continueOnError ? Boolean(evaluateToken(continueOnError, stepContexts)) : false;
    const defaults = {
      ...scope.defaults,
      ...runDefaults(rawValue(leg, scope, "defaults"), stepContexts),
    };
    deps.emit({ type: "job-started", ...ref });
    const definition = scope.workflow.jobs.get(job.id.value);
    if (!definition)
      throw new Error(`job '${job.id.value}' has no mapping in ${scope.workflow.file}`);
    const outcome = await deps.runJob({
      job,
      definition,
      jobKey: job.id.value,
      displayName: leg.name,
      contexts: stepContexts,
      workspace,
      source: { repoDir: deps.repoDir, sha: run.sha },
      actionsRoot: deps.actionsRoot,
      token,
      apiUrl: deps.local.sandbox.apiUrl,
      serverUrl: LOCAL_SERVER_URL,
      ...(deps.local.artifacts
        ? {
            artifactEnv: deps.local.artifacts.env({
              workflowRunBackendId: run.artifactRunId,
              workflowJobRunBackendId: randomUUID(),
            }),
          }
        : {}),
      defaults,
      ...(timeout !== undefined ? { timeoutMinutes: timeout } : {}),
      ...(environment?.url ? { environmentUrl: environment.url } : {}),
      signal,
      masks: new Set([token, ...Object.values(secrets)].filter((s) => s !== "")),
      log: (line) => deps.emit({ type: "log", ...ref, line }),
      eventPath: run.eventPath,
      runnerTemp,
    });
    if (deploymentId !== undefined) {
      deps.gates.finishJobDeployment(
        deps.repository,
        deploymentId,
        deploymentState(outcome.result),
        outcome.environmentUrl ? { environmentUrl: outcome.environmentUrl } : {},
      );
    }
    const conclusion: JobConclusion = outcome.result;
    const result: JobResult = {
      id: leg.id,
      name: leg.name,
      conclusion,
      // "continue-on-error: Prevents a workflow run from failing when a job fails": later jobs
      // and the run see the job as passed, while the job itself still shows its failure.
      result: conclusion === "failure" && mayFail ? "success" : conclusion,
      outputs: outcome.outputs,
      ...(outcome.environmentUrl ? { environmentUrl: outcome.environmentUrl } : {}),
    };
    run.results.push(result);
    deps.emit({ type: "job-completed", ...ref, conclusion });
    return result;
  } catch (error) {
    if (deploymentId !== undefined)
      deps.gates.finishJobDeployment(deps.repository, deploymentId, "error");
    return engineVerdict(run, leg.id, leg.name, "failure", (error as Error).message);
  } finally {
    admission?.release();
    rmSync(workspace, { recursive: true, force: true });
    rmSync(runnerTemp, { recursive: true, force: true });
  }
}
