// Reading action.yml and turning a step's `with:` into the INPUT_ environment, as
// actions/runner does (ActionManifestManager.cs, ActionRunner.cs L206-237, Handler.cs L175-188).
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/**
 * The repository root: the nearest directory above this module with both action.yml and
 * actions/. Walking up (rather than a fixed "../../../..") keeps it right when this code is
 * bundled into dist/cli for the demo.
 */
export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "action.yml")) && existsSync(join(dir, "actions"))) return dir;
    if (dirname(dir) === dir) return resolve(start, "../../../..");
  }
}

export interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
  deprecationMessage?: string;
}

export interface ActionMetadata {
  /** Directory holding action.yml; `main`, `pre` and `post` resolve against it. */
  dir: string;
  file: string;
  name: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description?: string }>;
  runs: {
    using: string;
    main: string;
    pre?: string;
    preIf: string;
    post?: string;
    postIf: string;
  };
}

/**
 * `build` → actions/build, `fastdeploy` → the root action.yml, anything else is a path (to an
 * action directory, or to its action.yml) relative to the current directory.
 */
export function resolveActionDir(action: string): string {
  if (/^[a-z][a-z0-9-]*$/.test(action)) {
    if (action === "fastdeploy") return REPO_ROOT;
    const dir = join(REPO_ROOT, "actions", action);
    if (existsSync(dir)) return dir;
  }
  const path = isAbsolute(action) ? action : resolve(action);
  return /\.ya?ml$/.test(path) ? dirname(path) : path;
}

/** YAML scalars become strings as the runner's template tokens print them. */
function scalar(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return "";
  return String(value);
}

export function loadActionMetadata(action: string): ActionMetadata {
  const dir = resolveActionDir(action);
  const file = ["action.yml", "action.yaml"].map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`No action.yml or action.yaml in ${dir}`);
  const doc = parse(readFileSync(file, "utf8")) as Record<string, unknown> | null;
  const runs = (doc?.runs ?? {}) as Record<string, unknown>;
  if (typeof runs.using !== "string" || !/^node\d+$/.test(runs.using)) {
    throw new Error(`${file}: runs.using must be a node runtime, got ${String(runs.using)}`);
  }
  if (typeof runs.main !== "string") throw new Error(`${file}: runs.main is missing`);
  const inputs: Record<string, ActionInput> = {};
  for (const [name, spec] of Object.entries((doc?.inputs ?? {}) as Record<string, unknown>)) {
    const s = (spec ?? {}) as Record<string, unknown>;
    inputs[name] = {
      description: scalar(s.description),
      required: s.required === true || s.required === "true",
      default: scalar(s.default),
      deprecationMessage: scalar(s.deprecationMessage),
    };
  }
  return {
    dir,
    file,
    name: String(doc?.name ?? dir),
    inputs,
    outputs: (doc?.outputs ?? {}) as ActionMetadata["outputs"],
    runs: {
      using: runs.using,
      main: runs.main,
      pre: scalar(runs.pre),
      // Both conditions default to always() (ActionManifestManager.cs L464-483).
      preIf: scalar(runs["pre-if"]) ?? "always()",
      post: scalar(runs.post),
      postIf: scalar(runs["post-if"]) ?? "always()",
    },
  };
}

/** The expression contexts a default may read: `github.*` (with `event`), `runner.*`, `env.*`. */
export interface ExpressionContext {
  github: Record<string, unknown>;
  runner: Record<string, unknown>;
  env: Record<string, string>;
}

function lookup(context: ExpressionContext, path: string): unknown {
  const parts = path.split(".");
  let value: unknown = context;
  for (const part of parts) {
    if (value === null || typeof value !== "object") return undefined;
    // Context keys are case-insensitive in the runner.
    const record = value as Record<string, unknown>;
    const key = Object.keys(record).find((k) => k.toLowerCase() === part.toLowerCase());
    value = key === undefined ? undefined : record[key];
  }
  return value;
}

/**
 * Evaluates `${{ … }}` in a default. Only property paths (`github.token`,
 * `github.event.inputs.x`, `runner.temp`) are supported: the defaults in action.yml files use
 * nothing else, and an unsupported expression fails loudly rather than guessing.
 */
export function evaluateTemplate(template: string, context: ExpressionContext): string {
  return template.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    if (!/^(github|runner|env)(\.[A-Za-z_][A-Za-z0-9_-]*)+$/.test(expression)) {
      throw new Error(`Unsupported expression in an input default: \${{ ${expression} }}`);
    }
    const value = lookup(context, expression);
    if (value === undefined || value === null) return "";
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  });
}

/** `my input` → `INPUT_MY_INPUT`, `my-input` → `INPUT_MY-INPUT`: only spaces become `_`. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

export interface ResolvedInputs {
  env: Record<string, string>;
  /** The runner's warnings: unexpected inputs and deprecated inputs that were set. */
  warnings: string[];
}

/**
 * Every input of the step plus every declared input it did not set (with its evaluated
 * default, or ""), as INPUT_ variables. `required` is not enforced: the runner doesn't.
 */
export function resolveInputs(
  metadata: ActionMetadata,
  given: Record<string, string>,
  context: ExpressionContext,
): ResolvedInputs {
  const warnings: string[] = [];
  const declared = Object.keys(metadata.inputs);
  const byLower = new Map(declared.map((name) => [name.toLowerCase(), name]));
  // Input names are case-insensitive in the runner's dictionary.
  const values = new Map<string, string>();
  const unexpected: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    const known = byLower.get(name.toLowerCase());
    if (known === undefined) unexpected.push(name);
    const deprecated = known ? metadata.inputs[known]?.deprecationMessage : undefined;
    if (deprecated)
      warnings.push(`Input '${known}' has been deprecated with message: ${deprecated}`);
    values.set(known ?? name, value);
  }
  for (const name of declared) {
    if (values.has(name)) continue;
    const fallback = metadata.inputs[name]?.default;
    values.set(name, fallback === undefined ? "" : evaluateTemplate(fallback, context));
  }
  if (unexpected.length > 0) {
    warnings.push(
      `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${declared.join("', '")}']`,
    );
  }
  const env: Record<string, string> = {};
  for (const [name, value] of values) env[inputEnvName(name)] = value;
  return { env, warnings };
}
