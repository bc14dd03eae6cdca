import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, relative } from "node:path";
import { REUSABLE, SELF_CONTAINED } from "./starter-templates.js";

/** What `fastdeploy init` writes into a repository, paths relative to its root. */
export interface InitFile {
  path: string;
  text: string;
}

export interface ConfigTemplateOptions {
  environments: string[];
  name?: string;
  buildCommand?: string;
  path: string[];
  deployCommand: string;
  /** Branch whose pushes deploy a prerelease to the first environment. */
  branch: string;
}

/** YAML scalars a reader would misread unquoted (numbers, booleans, null, `~`). */
const PLAIN = /^[A-Za-z_][A-Za-z0-9._/-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|y|n)$/i;
const scalar = (value: string) =>
  PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
const flowList = (values: string[]) => values.map(scalar).join(", ");

/**
 * The config file: environments in promotion order, each after the one before; the last is
 * production (release tags only, reviewed). The loader in packages/core reads it back.
 */
export function configTemplate(options: ConfigTemplateOptions): string {
  const lines = ["# FastDeploy configuration; every key is described in docs/configuration.md."];
  if (options.name) lines.push(`name: ${scalar(options.name)}`);
  lines.push("build:");
  if (options.buildCommand) lines.push(`  command: ${JSON.stringify(options.buildCommand)}`);
  lines.push(`  path: [${flowList(options.path)}]`);
  lines.push("deploy:");
  lines.push("  # Runs once per target in the extracted artifact, with FASTDEPLOY_* variables.");
  lines.push(`  command: ${JSON.stringify(options.deployCommand)}`);
  lines.push("environments:");
  const envs = options.environments;
  envs.forEach((name, i) => {
    lines.push(`  - name: ${scalar(name)}`);
    if (i === 0) lines.push(`    auto-deploy: { branches: [${scalar(options.branch)}] }`);
    else lines.push(`    after: [${scalar(envs[i - 1] ?? "")}]`);
    if (i === envs.length - 1 && envs.length > 1) {
      lines.push("    production: true");
      lines.push("    require-review: true");
    }
  });
  return `${lines.join("\n")}\n`;
}

/**
 * The three starter workflows with the promotion order filled in: self-contained (workflows/,
 * the default: environment secrets and the user's own login steps work) or the callers of the
 * reusable workflows (workflows/reusable/, `--reusable`).
 */
export function starterWorkflows(
  environments: string[],
  kind: "self-contained" | "reusable" = "self-contained",
): InitFile[] {
  const templates = kind === "reusable" ? REUSABLE : SELF_CONTAINED;
  const fill = (text: string) =>
    text
      .replaceAll("__LIST__", environments.join(", "))
      .replaceAll("__OPTIONS__", flowList(environments));
  return (["release", "promote", "rollback"] as const).map((name) => ({
    path: `.github/workflows/${name}.yml`,
    text: fill(templates[name]),
  }));
}

export type WriteOutcome = "created" | "updated" | "unchanged" | "kept";

/**
 * Writes `file` under `root`. An existing file with other content is kept unless `force`:
 * init never overwrites a team's edits silently.
 */
export async function writeInitFile(
  root: string,
  absolute: string,
  text: string,
  force: boolean,
): Promise<{ path: string; outcome: WriteOutcome }> {
  const path = relative(root, absolute) || absolute;
  let current: string | undefined;
  try {
    current = await readFile(absolute, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  if (current === text) return { path, outcome: "unchanged" };
  if (current !== undefined && !force) return { path, outcome: "kept" };
  await mkdir(dirname(absolute), { recursive: true });
  await writeFile(absolute, text);
  return { path, outcome: current === undefined ? "created" : "updated" };
}
