// Built-in stand-ins for the two marketplace actions FastDeploy's workflows use. They do
// locally what the real ones do on a hosted runner, and refuse inputs they would not honour,
// so a workflow never silently runs differently here.
// - actions/checkout (https://github.com/actions/checkout#usage): the run's commit of the
//   repository into `path` under GITHUB_WORKSPACE, with history (a local clone), HEAD detached
//   at the commit.
// - actions/setup-node (https://github.com/actions/setup-node#usage): a node of this machine
//   that satisfies `node-version`, first on PATH; output `node-version`. `cache` (npm, yarn or
//   pnpm) is accepted and says so: there is no cache service locally, so nothing is restored
//   or saved and `cache-hit` is false, which changes what a step takes, not what it does.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { findOnPath } from "@fastdeploy/commands";
import { actionNode } from "@fastdeploy/sandbox";
import semver from "semver";
import { emptyStepRun, failedStepRun, type StepRun } from "./job-state.js";

const CHECKOUT_INPUTS = new Set(["path", "persist-credentials", "fetch-depth"]);
const SETUP_NODE_INPUTS = new Set(["node-version", "cache", "cache-dependency-path"]);
// The package managers setup-node caches for (its `cache` input).
const CACHED_MANAGERS = new Set(["npm", "yarn", "pnpm"]);

function unsupportedInputs(
  action: string,
  inputs: Record<string, string>,
  allowed: Set<string>,
): string | undefined {
  const extra = Object.keys(inputs).filter((name) => !allowed.has(name.toLowerCase()));
  if (extra.length === 0) return undefined;
  return `The local stand-in for ${action} does not support the input(s) '${extra.join("', '")}'; it accepts only '${[...allowed].join("', '")}'. Remove them, or run this workflow on GitHub.`;
}

function git(args: string[], cwd?: string): string {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`git ${args.join(" ")} failed: ${(result.stderr || result.stdout).trim()}`);
  }
  return result.stdout;
}

/** actions/checkout: the source repository at `sha`, cloned into `path` (default the workspace). */
export function checkout(
  inputs: Record<string, string>,
  workspace: string,
  source: { repoDir: string; sha: string },
  log: (line: string) => void,
): StepRun {
  const refused = unsupportedInputs("actions/checkout", inputs, CHECKOUT_INPUTS);
  if (refused) return failedStepRun(refused);
  const dest = resolve(workspace, inputs.path ?? "");
  const rel = relative(workspace, dest);
  if (rel.startsWith("..") || isAbsolute(rel)) {
    // actions/checkout's own check (input-helper.ts).
    return failedStepRun(`Repository path '${dest}' is not under '${workspace}'`);
  }
  try {
    mkdirSync(dest, { recursive: true });
    // A fresh runner's workspace is empty; actions/checkout cleans what a previous job left.
    for (const entry of readdirSync(dest)) rmSync(resolve(dest, entry), { recursive: true });
    log(`Cloning ${source.repoDir} at ${source.sha} into ${dest}`);
    git(["clone", "--quiet", "--no-checkout", source.repoDir, dest]);
    git(["-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", source.sha], dest);
  } catch (error) {
    return failedStepRun(`actions/checkout (local stand-in): ${(error as Error).message}`);
  }
  return emptyStepRun(true);
}

interface NodeCandidate {
  file: string;
  version: string;
}

function nodeVersion(file: string): string | undefined {
  const result = spawnSync(file, ["--version"], { encoding: "utf8" });
  return result.status === 0 ? (semver.clean(result.stdout.trim()) ?? undefined) : undefined;
}

/** The nodes this machine has: the `node` npm package's Node 24, the running node, PATH's. */
function availableNodes(path: string): NodeCandidate[] {
  const files = [actionNode(), process.execPath, findOnPath("node", path)].filter(
    (f): f is string => f !== undefined,
  );
  const found = new Map<string, NodeCandidate>();
  for (const file of new Set(files)) {
    const version = nodeVersion(file);
    if (version && !found.has(version)) found.set(version, { file, version });
  }
  return [...found.values()].sort((a, b) => semver.rcompare(a.version, b.version));
}

// setup-node's aliases for the newest release (installer-factory / base-distribution).
const NEWEST = new Set(["latest", "current", "node", "lts/*"]);

/** actions/setup-node: the newest node here that satisfies `node-version`, first on PATH. */
export function setupNode(inputs: Record<string, string>, path: string): StepRun {
  const refused = unsupportedInputs("actions/setup-node", inputs, SETUP_NODE_INPUTS);
  if (refused) return failedStepRun(refused);
  const cache = (inputs.cache ?? "").trim();
  if (cache !== "" && !CACHED_MANAGERS.has(cache)) {
    return failedStepRun(
      `actions/setup-node: Caching for '${cache}' is not supported; use npm, yarn or pnpm.`,
    );
  }
  const wanted = (inputs["node-version"] ?? "").trim();
  const nodes = availableNodes(path);
  const listing = nodes.map((n) => `${n.version} (${n.file})`).join(", ");
  if (wanted === "") {
    return failedStepRun(
      `actions/setup-node (local stand-in) needs \`node-version\`; this machine has ${listing}.`,
    );
  }
  const range = wanted.replace(/^v/, "");
  if (!NEWEST.has(wanted) && semver.validRange(range) === null) {
    return failedStepRun(
      `actions/setup-node (local stand-in): '${wanted}' is not a version or range it understands (use e.g. 24, 24.x, >=20 or lts/*); this machine has ${listing}.`,
    );
  }
  const chosen = NEWEST.has(wanted)
    ? nodes[0]
    : nodes.find((n) => semver.satisfies(n.version, range));
  if (!chosen) {
    return failedStepRun(
      `actions/setup-node (local stand-in): no node on this machine satisfies node-version '${wanted}'. Available: ${listing}. Use one of these versions, or install a matching node.`,
    );
  }
  return {
    ...emptyStepRun(true),
    outputs: { "node-version": `v${chosen.version}`, ...(cache ? { "cache-hit": "false" } : {}) },
    path: [dirname(chosen.file)],
    annotations: cache
      ? [
          {
            level: "notice",
            message: `actions/setup-node (local stand-in): no dependency cache here; the ${cache} cache is neither restored nor saved.`,
            source: "runner",
          },
        ]
      : [],
  };
}
