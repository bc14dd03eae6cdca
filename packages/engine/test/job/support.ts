// Jobs for the executor's tests, built the way the orchestrator builds them: a workflow text
// parsed and converted by @actions/workflow-parser, its workflow-level env and defaults
// evaluated, a git repository to check out, and a log that keeps every line.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  convertWorkflowTemplate,
  isMapping,
  NoOperationTraceWriter,
  parseWorkflow,
} from "@actions/workflow-parser";
import type { Job } from "@actions/workflow-parser/model/workflow-template";
import type { MappingToken } from "@actions/workflow-parser/templates/tokens/mapping-token";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { evaluateToken } from "../../src/expressions.js";
import type { JobRun } from "../../src/job/index.js";

function find(mapping: MappingToken, key: string): TemplateToken | undefined {
  for (const pair of mapping) if (pair.key.toString() === key) return pair.value;
  return undefined;
}

function runDefaults(token: TemplateToken | undefined): {
  shell?: string;
  workingDirectory?: string;
} {
  const run = token && isMapping(token) ? find(token, "run") : undefined;
  if (!run || !isMapping(run)) return {};
  const shell = find(run, "shell")?.toString();
  const workingDirectory = find(run, "working-directory")?.toString();
  return { ...(shell ? { shell } : {}), ...(workingDirectory ? { workingDirectory } : {}) };
}

/** A one-job workflow (job `j`) around the given `steps:` items, indented by six spaces. */
export function oneJob(steps: string, job = ""): string {
  return `on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n${job}    steps:\n${steps}`;
}

export interface ParsedJob {
  job: Job;
  definition: MappingToken;
  workflowEnv: Record<string, unknown>;
  defaults: { shell?: string; workingDirectory?: string };
  timeoutMinutes?: number;
  environmentUrl?: TemplateToken;
}

/** Parses a workflow and returns one of its jobs as the orchestrator hands it over. */
export async function parseJob(yaml: string, jobKey?: string): Promise<ParsedJob> {
  const parsed = parseWorkflow({ name: "test.yml", content: yaml }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors();
  if (errors.length > 0 || !parsed.value) {
    throw new Error(`test workflow is invalid: ${errors.map((e) => e.message).join("; ")}`);
  }
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  const job = template.jobs.find((j) => jobKey === undefined || j.id.value === jobKey);
  if (job?.type !== "job") throw new Error(`no job ${jobKey ?? ""} in the test workflow`);
  const root = parsed.value as MappingToken;
  const jobs = find(root, "jobs") as MappingToken;
  const definition = find(jobs, job.id.value) as MappingToken;
  const workflowEnv = template.env
    ? (evaluateToken(template.env, {}) as Record<string, unknown>)
    : {};
  const timeout = find(definition, "timeout-minutes");
  const environment = job.environment;
  return {
    job,
    definition,
    workflowEnv,
    defaults: {
      ...runDefaults(find(root, "defaults")),
      ...runDefaults(find(definition, "defaults")),
    },
    ...(timeout ? { timeoutMinutes: Number(timeout.toString()) } : {}),
    ...(environment && isMapping(environment) ? { environmentUrl: find(environment, "url") } : {}),
  };
}

/** A git repository with the given files committed; returns its directory and commit. */
export function gitRepository(files: Record<string, string>): { repoDir: string; sha: string } {
  const repoDir = realpathSync(mkdtempSync(join(tmpdir(), "engine-source-")));
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: repoDir, encoding: "utf8" }).trim();
  git("init", "--quiet", "--initial-branch=main");
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repoDir, path)), { recursive: true });
    writeFileSync(join(repoDir, path), content);
  }
  git("add", "--all");
  git(
    "-c",
    "user.name=Test",
    "-c",
    "user.email=test@example.com",
    "commit",
    "--quiet",
    "-m",
    "app",
  );
  return { repoDir, sha: git("rev-parse", "HEAD") };
}

export interface TestRun extends JobRun {
  lines: string[];
  cancel(): void;
}

/** A JobRun for a parsed job; every option can be overridden. */
export function jobRun(parsed: ParsedJob, overrides: Partial<JobRun> = {}): TestRun {
  const lines: string[] = [];
  const controller = new AbortController();
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), "engine-workspace-")));
  const eventPath = join(realpathSync(mkdtempSync(join(tmpdir(), "engine-event-"))), "event.json");
  writeFileSync(eventPath, JSON.stringify({ ref: "refs/heads/main" }));
  const token = overrides.token ?? "ghs_jobTokenOfTheExecutorTests0001";
  const source = overrides.source ?? gitRepository({ "README.md": "hello\n" });
  return {
    job: parsed.job,
    definition: parsed.definition,
    jobKey: parsed.job.id.value,
    displayName: parsed.job.id.value,
    contexts: {
      github: {
        repository: "acme/shop",
        repository_owner: "acme",
        sha: source.sha,
        ref: "refs/heads/main",
        ref_name: "main",
        ref_type: "branch",
        event_name: "push",
        event: { ref: "refs/heads/main" },
        actor: "alice",
        run_id: "1",
        run_number: "1",
        run_attempt: "1",
        workflow: "Test",
      },
      env: parsed.workflowEnv,
      vars: {},
      secrets: {},
      inputs: {},
      needs: {},
      matrix: {},
      strategy: {},
      job: {},
    },
    workspace,
    source,
    actionsRoot: realpathSync(join(dirname(new URL(import.meta.url).pathname), "../../../..")),
    token,
    apiUrl: "http://127.0.0.1:9",
    serverUrl: "http://github.localhost",
    defaults: parsed.defaults,
    ...(parsed.timeoutMinutes !== undefined ? { timeoutMinutes: parsed.timeoutMinutes } : {}),
    ...(parsed.environmentUrl ? { environmentUrl: parsed.environmentUrl } : {}),
    signal: controller.signal,
    masks: new Set([token]),
    log: (line) => lines.push(line),
    eventPath,
    cancelTimeouts: { sigintMs: 300, sigtermMs: 300 },
    ...overrides,
    lines,
    cancel: () => controller.abort(),
  };
}
