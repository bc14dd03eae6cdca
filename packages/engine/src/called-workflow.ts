// A job that calls a reusable workflow (`jobs.<id>.uses`), as "Reuse workflows" and its
// reference describe it
// (https://docs.github.com/en/actions/reference/workflows-and-actions/reusable-workflows):
// - `with:` against `on.workflow_call.inputs` (types, defaults, required; the parser has
//   already checked names, types and required ones), typed in the callee's `inputs` context;
// - `secrets: inherit` passes the caller's secrets, explicit `secrets:` only those named;
//   `GITHUB_TOKEN` always;
// - the called workflow's jobs run inside the caller's run, named `<caller> / <job>`, under the
//   caller's grant ("The GITHUB_TOKEN permissions passed from the caller workflow can be only
//   downgraded (not elevated) by the called workflow");
// - "the github context is always associated with the caller workflow", except
//   `job_workflow_sha`, the commit of the called file;
// - `on.workflow_call.outputs.<name>.value` read from `jobs.<id>.outputs` after the jobs end.
import type { ReusableWorkflowJob } from "@actions/workflow-parser/model/workflow-template";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/mapping-token";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { isMapping, isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import { typedInput } from "@fastdeploy/sandbox";
import { enterConcurrency } from "./concurrency-settings.js";
import type { JobResult } from "./engine-events.js";
import { evaluateToken } from "./expressions.js";
import { legContexts } from "./job-contexts.js";
import { awaitJobTurn, conclusionOf, engineVerdict, type Leg, runJobGraph } from "./job-graph.js";
import { effectivePermissions, parsePermissions } from "./permissions.js";
import { runDefaults } from "./run-defaults.js";
import type { RunState, Scope } from "./run-state.js";

function entries(token: MappingToken | undefined): [string, TemplateToken][] {
  if (!token) return [];
  const result: [string, TemplateToken][] = [];
  for (const pair of token) if (isString(pair.key)) result.push([pair.key.value, pair.value]);
  return result;
}

function field(token: TemplateToken, key: string): TemplateToken | undefined {
  return isMapping(token) ? token.find(key) : undefined;
}

/** The callee's `inputs` context: given values typed, defaults for the rest. */
function calleeInputs(
  job: ReusableWorkflowJob,
  given: Record<string, unknown>,
  contexts: Record<string, unknown>,
): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  const refuse = (message: string) => new Error(`job '${job.id.value}': ${message}`);
  for (const [name, definition] of entries(job["input-definitions"])) {
    const typeToken = field(definition, "type");
    const type = typeToken && isString(typeToken) ? typeToken.value : "string";
    const defaultToken = field(definition, "default");
    let value = given[name];
    if (value === undefined && defaultToken) value = evaluateToken(defaultToken, contexts);
    if (value === undefined || value === null) {
      inputs[name] = type === "boolean" ? false : type === "number" ? 0 : "";
      continue;
    }
    inputs[name] =
      typeof value === "string" && type !== "string"
        ? typedInput(name, type, value, undefined, refuse)
        : value;
  }
  return inputs;
}

export async function runCalledWorkflow(leg: Leg, scope: Scope, run: RunState): Promise<JobResult> {
  const job = leg.job as ReusableWorkflowJob;
  const callee = scope.workflow.called.get(job.id.value);
  if (!callee)
    return engineVerdict(run, leg.id, leg.name, "failure", `${job.ref.value} was not loaded`);
  if (leg.signal.aborted)
    return engineVerdict(run, leg.id, leg.name, "cancelled", "cancelled before it started");
  const contexts = legContexts(run, scope, leg, job.id.value);
  let inputs: Record<string, unknown>;
  let secrets: Record<string, string>;
  let env: Record<string, string>;
  try {
    const given = job["input-values"]
      ? (evaluateToken(job["input-values"], contexts) as Record<string, unknown>)
      : {};
    inputs = calleeInputs(job, given, { github: run.github, inputs: given, vars: run.vars });
    secrets = job["inherit-secrets"]
      ? { ...scope.secrets }
      : Object.fromEntries(
          Object.entries(
            job["secret-values"]
              ? (evaluateToken(job["secret-values"], contexts) as Record<string, unknown>)
              : {},
          ).map(([k, v]) => [k, String(v ?? "")]),
        );
    const envToken = callee.root.find("env");
    env = envToken
      ? (evaluateToken(envToken, { github: run.github, inputs, vars: run.vars, secrets }) as Record<
          string,
          string
        >)
      : {};
  } catch (error) {
    return engineVerdict(run, leg.id, leg.name, "failure", (error as Error).message);
  }
  const grant = effectivePermissions(
    parsePermissions(scope.workflow.jobs.get(job.id.value)?.find("permissions")),
    scope.workflowPermissions,
    scope.inherited,
  );
  const nested: Scope = {
    workflow: callee,
    jobs: job.jobs ?? [],
    inputs,
    secrets,
    env,
    workflowPermissions: parsePermissions(callee.root.find("permissions")),
    inherited: grant,
    defaults: runDefaults(callee.root.find("defaults"), {
      github: run.github,
      inputs,
      vars: run.vars,
    }),
    idPrefix: `${leg.id}/`,
    namePrefix: `${leg.name} / `,
    jobWorkflowSha: callee.origin === "actions" ? run.deps.actionsSha : run.sha,
  };
  // `concurrency` on the calling job holds its group for all of the called workflow's jobs.
  const abort = new AbortController();
  let admission: ReturnType<typeof enterConcurrency>;
  try {
    admission = enterConcurrency(run.deps.groups, job.concurrency, contexts, () => abort.abort());
  } catch (error) {
    return engineVerdict(run, leg.id, leg.name, "failure", (error as Error).message);
  }
  let results: Map<string, JobResult>;
  try {
    const replaced = await awaitJobTurn(run, leg, admission);
    if (replaced) return replaced;
    const signal = AbortSignal.any([leg.signal, abort.signal]);
    results = await runJobGraph(nested, { ...run, signal });
  } finally {
    admission?.release();
  }
  const jobs = Object.fromEntries(
    [...results].map(([id, r]) => [id, { result: r.result, outputs: r.outputs }]),
  );
  const outputs: Record<string, string> = {};
  try {
    for (const [name, definition] of entries(job.outputs)) {
      const value = field(definition, "value");
      if (value) {
        outputs[name] = String(
          evaluateToken(value, { github: run.github, inputs, vars: run.vars, jobs }) ?? "",
        );
      }
    }
  } catch (error) {
    return engineVerdict(run, leg.id, leg.name, "failure", (error as Error).message);
  }
  const conclusion = conclusionOf([...results.values()]);
  return { id: leg.id, name: leg.name, conclusion, result: conclusion, outputs };
}
