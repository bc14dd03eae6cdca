// What the engine checks before a run starts, so a run never begins with something it cannot
// finish: features the local engine does not provide (refused, naming the thing and where it
// is), and GitHub's own pre-start check that called jobs stay within their caller's grant.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { WorkflowJob } from "@actions/workflow-parser/model/workflow-template";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { FASTDEPLOY_REPOSITORY, unsupportedAction } from "./job/action-reference.js";
import type { LoadedWorkflow } from "./load-workflow.js";
import {
  capPermissions,
  ceilingViolation,
  effectivePermissions,
  type Permissions,
  parsePermissions,
} from "./permissions.js";
import { existsAtCommit } from "./workflow-files.js";

function at(workflow: LoadedWorkflow, token: TemplateToken | undefined): string {
  return token?.line === undefined ? workflow.file : `${workflow.file}:${token.line}:${token.col}`;
}

/**
 * Why a step's `uses:` cannot run locally, or undefined when the engine provides it: the job
 * executor's verdict on the name, then whether the action is really there (a `./` action in
 * the repository at the run's commit, a FastDeploy action in this checkout), so a missing one
 * is refused before the run rather than half way through it.
 */
export function unsupportedStepAction(
  uses: string,
  sources: { repoDir: string; sha: string; actionsRoot: string },
): string | undefined {
  const refused = unsupportedAction(uses);
  if (refused) return refused;
  if (uses.startsWith("./")) {
    const dir = uses.slice(2).replace(/\/$/, "");
    const found = ["action.yml", "action.yaml"].some((f) =>
      existsAtCommit(sources.repoDir, sources.sha, dir === "" || dir === "." ? f : `${dir}/${f}`),
    );
    return found
      ? undefined
      : `The action '${uses}' has no action.yml in the repository at ${sources.sha}.`;
  }
  const [name = ""] = uses.split("@");
  const [owner = "", repo = "", ...path] = name.split("/");
  if (`${owner}/${repo}`.toLowerCase() !== FASTDEPLOY_REPOSITORY) return undefined;
  return existsSync(join(sources.actionsRoot, ...path, "action.yml"))
    ? undefined
    : `The local engine does not provide the action '${uses}': ${FASTDEPLOY_REPOSITORY} has no action at '${path.join("/") || "."}'.`;
}

/** Every feature of a workflow (and the workflows it calls) that the engine does not run. */
export function unsupportedFeatures(
  workflow: LoadedWorkflow,
  jobs: WorkflowJob[],
  sources: { repoDir: string; sha: string; actionsRoot: string },
): string[] {
  const problems: string[] = [];
  const concurrency = workflow.root.find("concurrency");
  if (workflow.callee && concurrency) {
    problems.push(
      `${at(workflow, concurrency)}: concurrency at the top of a called workflow is not supported by the local engine; put it on the calling job or on the jobs`,
    );
  }
  for (const job of jobs) {
    const id = job.id.value;
    if (job.type === "reusableWorkflowJob") {
      const called = workflow.called.get(id);
      if (called) problems.push(...unsupportedFeatures(called, job.jobs ?? [], sources));
      continue;
    }
    if (job.container) {
      problems.push(
        `${at(workflow, job.container)}: job '${id}' uses container:, which the local engine does not support`,
      );
    }
    if (job.services) {
      problems.push(
        `${at(workflow, job.services)}: job '${id}' uses services:, which the local engine does not support`,
      );
    }
    for (const step of job.steps) {
      if (!("uses" in step)) continue;
      const why = unsupportedStepAction(step.uses.value, sources);
      if (why) problems.push(`${at(workflow, step.uses)}: job '${id}': ${why}`);
    }
  }
  return problems;
}

/**
 * GitHub's check before any job of a run starts: every job of a called workflow asks at most
 * what its caller grants, else the run fails with "The nested job '<job>' is requesting
 * '<scope>: <level>', but is only allowed '<scope>: <level>'."
 */
export function permissionViolations(
  workflow: LoadedWorkflow,
  jobs: WorkflowJob[],
  inherited: Permissions,
  ceiling: Permissions | undefined,
): string[] {
  const problems: string[] = [];
  const workflowPermissions = parsePermissions(workflow.root.find("permissions"));
  for (const job of jobs) {
    const raw = workflow.jobs.get(job.id.value);
    const own = parsePermissions(raw?.find("permissions"));
    const effective = effectivePermissions(own, workflowPermissions, inherited);
    if (ceiling) {
      const violation = ceilingViolation(job.id.value, effective, ceiling);
      if (violation) problems.push(violation);
    }
    if (job.type === "reusableWorkflowJob") {
      const called = workflow.called.get(job.id.value);
      if (called) {
        const grant = ceiling ? capPermissions(effective, ceiling) : effective;
        problems.push(...permissionViolations(called, job.jobs ?? [], grant, grant));
      }
    }
  }
  return problems;
}
