// Loading a workflow with GitHub's own parser: parseWorkflow (YAML + the workflow schema) and
// convertWorkflowTemplate, then every reusable workflow it calls, to any depth GitHub allows
// (four levels: https://docs.github.com/en/actions/reference/workflows-and-actions/reusable-workflows#nesting-reusable-workflows),
// through convertReferencedWorkflow, which fills the calling job's input, secret and output
// definitions and its nested jobs. Every error of every file is reported as
// `file:line:col: message` and the run is refused.

import { convertWorkflowTemplate, parseWorkflow } from "@actions/workflow-parser";
import { convertReferencedWorkflow } from "@actions/workflow-parser/model/converter/referencedWorkflow";
import type {
  ReusableWorkflowJob,
  WorkflowJob,
  WorkflowTemplate,
} from "@actions/workflow-parser/model/workflow-template";
import type { TemplateContext } from "@actions/workflow-parser/templates/template-context";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/mapping-token";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { isMapping, isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import { NoOperationTraceWriter } from "@actions/workflow-parser/templates/trace-writer";
import { FastDeployError } from "@fastdeploy/core";
import { readAtCommit, readWorkingTree } from "./workflow-files.js";

const MAX_DEPTH = 4;

/** A workflow the engine refuses to run; `problems` are `file:line:col: message` lines. */
export class WorkflowRefusedError extends FastDeployError {
  override name = "WorkflowRefusedError";
  constructor(
    readonly workflow: string,
    readonly problems: string[],
  ) {
    super(`${workflow} cannot run locally:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

/** Where workflow files come from: the user's repository at the run's commit, and this
 * FastDeploy checkout for `fastdeploy/fastdeploy/.github/workflows/x.yml@ref`. */
export interface WorkflowSources {
  repoDir: string;
  sha: string;
  actionsRoot: string;
}

export interface LoadedWorkflow {
  /** How messages name the file: a repository path, or the `uses:` reference. */
  file: string;
  /** Where the file lives: "repo" (the user's repository) or "actions" (this checkout). */
  origin: "repo" | "actions";
  /** Whether a job of another workflow called this one (`on: workflow_call`). */
  callee: boolean;
  template: WorkflowTemplate;
  /** The parsed root mapping: what the converter drops (permissions, defaults, run-name). */
  root: MappingToken;
  /** Raw `jobs.<id>` mappings by job id. */
  jobs: Map<string, MappingToken>;
  /** The called workflow of each reusable-workflow job, by job id. */
  called: Map<string, LoadedWorkflow>;
}

/** `fastdeploy/fastdeploy/.github/workflows/x.yml@ref` or `./.github/workflows/x.yml`. */
export function calledWorkflowPath(
  ref: string,
): { origin: "repo" | "actions"; path: string } | undefined {
  if (ref.startsWith("./")) return { origin: "repo", path: ref.slice(2).replace(/@.*$/, "") };
  const published = /^fastdeploy\/fastdeploy\/(\.github\/workflows\/[^@]+\.ya?ml)@[^@]+$/i.exec(
    ref,
  );
  return published ? { origin: "actions", path: published[1] as string } : undefined;
}

function formatErrors(context: TemplateContext): string[] {
  return context.errors.getErrors().map((error) => {
    // The parser's prefix is `file (Line: l, Col: c)`; the file is what messages name.
    const file = (error.prefix ?? "workflow").replace(/ \(Line: \d+, Col: \d+\)$/, "");
    const at = error.range ? `${file}:${error.range.start.line}:${error.range.start.column}` : file;
    return `${at}: ${error.rawMessage}`;
  });
}

function jobMappings(root: MappingToken): Map<string, MappingToken> {
  const jobs = new Map<string, MappingToken>();
  const token = root.find("jobs");
  if (!token || !isMapping(token)) return jobs;
  for (const pair of token) {
    if (isString(pair.key) && isMapping(pair.value)) jobs.set(pair.key.value, pair.value);
  }
  return jobs;
}

/** Parses and converts a workflow file and every workflow it calls; throws
 * WorkflowRefusedError with all parser and converter errors. */
export async function loadWorkflow(
  path: string,
  content: string,
  sources: WorkflowSources,
): Promise<LoadedWorkflow> {
  const parsed = parseWorkflow({ name: path, content }, new NoOperationTraceWriter());
  const context = parsed.context;
  if (!parsed.value) throw new WorkflowRefusedError(path, formatErrors(context));
  const template = await convertWorkflowTemplate(context, parsed.value);
  if (!isMapping(parsed.value)) throw new WorkflowRefusedError(path, formatErrors(context));
  const loaded: LoadedWorkflow = {
    file: path,
    origin: "repo",
    callee: false,
    template,
    root: parsed.value,
    jobs: jobMappings(parsed.value),
    called: new Map(),
  };
  const problems: string[] = [];
  if (context.errors.getErrors().length === 0) {
    loadCalled(context, loaded, template.jobs ?? [], sources, 1, problems);
  }
  problems.unshift(...formatErrors(context));
  if (problems.length > 0) throw new WorkflowRefusedError(path, problems);
  return loaded;
}

function loadCalled(
  context: TemplateContext,
  caller: LoadedWorkflow,
  jobs: WorkflowJob[],
  sources: WorkflowSources,
  depth: number,
  problems: string[],
): void {
  for (const job of jobs) {
    if (job.type !== "reusableWorkflowJob") continue;
    const at = `${caller.file}:${job.ref.line}:${job.ref.col}`;
    if (depth > MAX_DEPTH) {
      problems.push(`${at}: reusable workflows nest at most ${MAX_DEPTH} levels deep`);
      continue;
    }
    const target = calledWorkflowPath(job.ref.value);
    if (!target) {
      problems.push(
        `${at}: job '${job.id.value}' calls ${job.ref.value}; the local engine runs only reusable workflows of the repository (./.github/workflows/x.yml) and of FastDeploy (fastdeploy/fastdeploy/.github/workflows/x.yml@ref)`,
      );
      continue;
    }
    const content =
      target.origin === "repo"
        ? readAtCommit(sources.repoDir, sources.sha, target.path)
        : readWorkingTree(sources.actionsRoot, target.path);
    if (content === undefined) {
      problems.push(`${at}: ${job.ref.value} does not exist (looked for ${target.path})`);
      continue;
    }
    const file = target.origin === "repo" ? target.path : job.ref.value;
    const parsed = parseWorkflow({ name: file, content }, context);
    if (!parsed.value || !isMapping(parsed.value)) continue;
    convertReferencedWorkflow(context, parsed.value, job as ReusableWorkflowJob);
    // convertReferencedWorkflow converts only the callee's jobs (into the calling job); its
    // `env` and `concurrency` stay raw tokens, as the triggered workflow's do.
    const template: WorkflowTemplate = {
      events: {},
      jobs: job.jobs ?? [],
      concurrency: parsed.value.find("concurrency") as TemplateToken,
      env: parsed.value.find("env") as TemplateToken,
    };
    const callee: LoadedWorkflow = {
      file,
      origin: target.origin,
      callee: true,
      template,
      root: parsed.value,
      jobs: jobMappings(parsed.value),
      called: new Map(),
    };
    caller.called.set(job.id.value, callee);
    loadCalled(context, callee, job.jobs ?? [], sources, depth + 1, problems);
  }
}
