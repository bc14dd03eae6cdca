// The jobs of one workflow as a graph: each job starts when the jobs it `needs` have ended,
// its `if` decides whether it runs, and `strategy` fans it out into matrix legs.
// Docs: "Using jobs in a workflow" (https://docs.github.com/en/actions/how-tos/write-workflows/choose-what-workflows-do/use-jobs):
// "If a job fails or is skipped, all jobs that need it are skipped unless the jobs use a
// conditional expression that causes the job to continue"; status functions for jobs look at
// the jobs before them (`failure()`: "Returns true when any previous step or ancestor job
// fails"). `strategy.fail-fast` ("GitHub will cancel all in-progress and queued jobs in the
// matrix if any job in the matrix fails") and `max-parallel` follow
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstrategyfail-fast.
import type { WorkflowJob } from "@actions/workflow-parser/model/workflow-template";
import { runCalledWorkflow } from "./called-workflow.js";
import type { GroupAdmission } from "./concurrency-settings.js";
import type { JobConclusion, JobResult, RunConclusion } from "./engine-events.js";
import { evaluateCondition, evaluateToken } from "./expressions.js";
import { runJobLeg } from "./job-leg.js";
import { type Combination, expandMatrix, matrixJobName } from "./matrix.js";
import type { RunState, Scope } from "./run-state.js";

interface JobState {
  result: JobResult;
  /** Whether this job or any job before it failed: `failure()` for the jobs after it. */
  failedAncestry: boolean;
}

/** What a matrix leg runs with. */
export interface Leg {
  job: WorkflowJob;
  id: string;
  name: string;
  matrix: Combination;
  strategy: Record<string, unknown>;
  needs: Record<string, { result: string; outputs: Record<string, string> }>;
  signal: AbortSignal;
}

/** Runs every job of the scope; results by job id. */
export async function runJobGraph(scope: Scope, run: RunState): Promise<Map<string, JobResult>> {
  const states = new Map<string, Promise<JobState>>();
  const byId = new Map(scope.jobs.map((job) => [job.id.value, job]));
  const stateOf = (id: string): Promise<JobState> => {
    let state = states.get(id);
    if (!state) {
      const job = byId.get(id);
      if (!job) throw new Error(`no job '${id}' in ${scope.workflow.file}`);
      state = runNode(job, scope, run, stateOf);
      states.set(id, state);
    }
    return state;
  };
  const all = await Promise.all(scope.jobs.map((job) => stateOf(job.id.value)));
  return new Map(all.map((state, i) => [scope.jobs[i]?.id.value as string, state.result]));
}

function nameOf(job: WorkflowJob): string {
  const name = job.name;
  if (name && "value" in name && typeof name.value === "string") return name.value;
  return job.id.value;
}

async function runNode(
  job: WorkflowJob,
  scope: Scope,
  run: RunState,
  stateOf: (id: string) => Promise<JobState>,
): Promise<JobState> {
  const id = `${scope.idPrefix}${job.id.value}`;
  const needIds = (job.needs ?? []).map((n) => n.value);
  const needStates = await Promise.all(needIds.map(stateOf));
  const needs = Object.fromEntries(
    needIds.map((n, i) => {
      const r = (needStates[i] as JobState).result;
      return [n, { result: r.result, outputs: r.outputs }];
    }),
  );
  const failedAncestry = needStates.some((s) => s.failedAncestry);
  const cancelled = run.signal.aborted;
  const status = {
    success: !cancelled && needStates.every((s) => s.result.result === "success"),
    failure: failedAncestry,
    cancelled,
  };
  const contexts = {
    github: { ...run.github, job: job.id.value },
    needs,
    vars: run.vars,
    inputs: scope.inputs,
  };
  const finish = (result: JobResult): JobState => ({
    result,
    failedAncestry: failedAncestry || result.result === "failure",
  });
  const fallbackName = `${scope.namePrefix}${nameOf(job)}`;
  let runs: boolean;
  try {
    runs = evaluateCondition(job.if, contexts, status);
  } catch (error) {
    return finish(engineVerdict(run, id, fallbackName, "failure", (error as Error).message));
  }
  if (!runs) {
    const why = cancelled ? "cancelled" : "skipped";
    const unmet = needIds.filter((n) => needs[n]?.result !== "success");
    const reason =
      job.if.expression.trim() === "success()" && unmet.length > 0
        ? `a job it needs did not succeed: ${unmet.map((n) => `${n} (${needs[n]?.result})`).join(", ")}`
        : `if: ${job.if.expression} was false`;
    return finish(engineVerdict(run, id, fallbackName, why, reason));
  }

  let strategy: Record<string, unknown> = {};
  let legs: Combination[];
  try {
    strategy = job.strategy
      ? ((evaluateToken(job.strategy, contexts) ?? {}) as Record<string, unknown>)
      : {};
    legs = expandMatrix(strategy.matrix, job.id.value);
  } catch (error) {
    return finish(engineVerdict(run, id, fallbackName, "failure", (error as Error).message));
  }
  const failFast = strategy["fail-fast"] !== false;
  const maxParallel = Number(strategy["max-parallel"] ?? legs.length) || legs.length;
  const legResults = await runLegs(
    legs,
    maxParallel,
    failFast,
    run,
    (combination, index, signal) => {
      const strategyContext = {
        "fail-fast": failFast,
        "job-index": index,
        "job-total": legs.length,
        "max-parallel": maxParallel,
      };
      const legName = displayName(job, {
        ...contexts,
        matrix: combination,
        strategy: strategyContext,
      });
      const leg: Leg = {
        job,
        id,
        name: `${scope.namePrefix}${job.strategy && Object.keys(combination).length > 0 && !isExpressionName(job) ? matrixJobName(legName, combination) : legName}`,
        matrix: combination,
        strategy: strategyContext,
        needs,
        signal,
      };
      return job.type === "reusableWorkflowJob"
        ? runCalledWorkflow(leg, scope, run)
        : runJobLeg(leg, scope, run);
    },
  );
  return finish(combine(id, fallbackName, legResults));
}

function isExpressionName(job: WorkflowJob): boolean {
  return job.name?.isExpression === true;
}

function displayName(job: WorkflowJob, contexts: Record<string, unknown>): string {
  if (!job.name?.isExpression) return nameOf(job);
  try {
    return String(evaluateToken(job.name, contexts));
  } catch {
    return job.id.value;
  }
}

/** Legs under max-parallel; with fail-fast, a failed leg cancels the running and queued ones. */
async function runLegs(
  legs: Combination[],
  maxParallel: number,
  failFast: boolean,
  run: RunState,
  start: (combination: Combination, index: number, signal: AbortSignal) => Promise<JobResult>,
): Promise<JobResult[]> {
  const matrix = new AbortController();
  const results: JobResult[] = new Array(legs.length);
  let next = 0;
  const worker = async () => {
    while (next < legs.length) {
      const index = next++;
      const signal = AbortSignal.any([run.signal, matrix.signal]);
      const result = await start(legs[index] as Combination, index, signal);
      results[index] = result;
      if (failFast && result.result === "failure") matrix.abort();
    }
  };
  await Promise.all(Array.from({ length: Math.min(maxParallel, legs.length) }, worker));
  return results;
}

/** The job's result over its legs, as `needs.<id>` sees it. */
function combine(id: string, name: string, legs: JobResult[]): JobResult {
  if (legs.length === 1) return legs[0] as JobResult;
  const worst = (pick: (r: JobResult) => JobConclusion): JobConclusion =>
    legs.some((l) => pick(l) === "failure")
      ? "failure"
      : legs.some((l) => pick(l) === "cancelled")
        ? "cancelled"
        : legs.every((l) => pick(l) === "skipped")
          ? "skipped"
          : "success";
  // The docs do not say how the outputs of matrix legs combine; the engine keeps, for each
  // output, the value of the last leg (in matrix order) that set it.
  const outputs = Object.assign({}, ...legs.map((l) => l.outputs)) as Record<string, string>;
  return {
    id,
    name,
    conclusion: worst((l) => l.conclusion),
    result: worst((l) => l.result),
    outputs,
  };
}

/** A workflow's conclusion over its jobs' `needs` results: any failure fails it. */
export function conclusionOf(results: JobResult[], cancelled = false): RunConclusion {
  if (results.some((r) => r.result === "failure")) return "failure";
  if (cancelled || results.some((r) => r.result === "cancelled")) return "cancelled";
  return "success";
}

/**
 * A job's turn in its concurrency group: says it is pending while it waits, and answers the
 * job's cancelled result when a newer job took its place (undefined when it may run).
 */
export async function awaitJobTurn(
  run: RunState,
  leg: Leg,
  admission: GroupAdmission | undefined,
): Promise<JobResult | undefined> {
  if (!admission) return undefined;
  if (admission.pending) {
    run.deps.emit({
      type: "job-pending",
      runId: run.runId,
      workflow: run.workflowFile,
      job: leg.name,
      group: admission.group,
    });
  }
  if (await admission.ready) return undefined;
  return engineVerdict(
    run,
    leg.id,
    leg.name,
    "cancelled",
    `cancelled in concurrency group ${admission.group}: a newer job took its place`,
  );
}

/** A job the engine ends without running it: skipped by `if`, refused, cancelled. */
export function engineVerdict(
  run: RunState,
  id: string,
  name: string,
  conclusion: JobConclusion,
  reason: string,
): JobResult {
  const result: JobResult = { id, name, conclusion, result: conclusion, outputs: {}, reason };
  run.results.push(result);
  run.deps.emit({
    type: "job-completed",
    runId: run.runId,
    workflow: run.workflowFile,
    job: name,
    conclusion,
    reason,
  });
  return result;
}
