// What a step's `uses:` names, and where the local engine finds it. GitHub resolves
// `{owner}/{repo}[/{path}]@{ref}` to that repository at that ref, and `./path` to a directory
// of the workspace (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsuses;
// ActionManager.cs L697-718). The local engine provides only this repository's actions (from
// the FastDeploy checkout it runs from) and two stand-ins; anything else is refused by name.
import { existsSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";

/** The repository whose actions the local engine provides, as users name it in `uses:`. */
export const FASTDEPLOY_REPOSITORY = "fastdeploy/fastdeploy";

export type ActionReference =
  /** A node action: its directory; `local` for `./x` (the runner skips `pre` for those). */
  | { kind: "node"; dir: string; local: boolean; repository: string; ref: string }
  | { kind: "checkout"; ref: string }
  | { kind: "setup-node"; ref: string };

/** A `uses:` the local engine cannot run. */
export class UnsupportedActionError extends Error {
  override name = "UnsupportedActionError";
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function refusal(uses: string, why: string): UnsupportedActionError {
  return new UnsupportedActionError(
    `The local engine does not provide the action '${uses}': ${why} It runs this repository's actions (\`./actions/<name>\` after actions/checkout, \`${FASTDEPLOY_REPOSITORY}/actions/<name>@<ref>\`, \`${FASTDEPLOY_REPOSITORY}@<ref>\`) and stand-ins for actions/checkout and actions/setup-node.`,
  );
}

/**
 * Why the local engine cannot run `uses`, or undefined when it can (as far as the name goes:
 * a `./` action must still exist after checkout). The orchestrator asks this before a run
 * starts, so an unsupported action is refused by name before any job runs.
 */
export function unsupportedAction(uses: string): string | undefined {
  const parsed = parseUses(uses);
  return "refused" in parsed ? parsed.refused.message : undefined;
}

type ParsedUses =
  | { local: true }
  | { builtIn: "checkout" | "setup-node"; ref: string }
  | { path: string[]; repository: string; ref: string }
  | { refused: UnsupportedActionError };

function parseUses(uses: string): ParsedUses {
  if (uses.startsWith("./")) return { local: true };
  if (uses.startsWith("docker://"))
    return { refused: refusal(uses, "container actions are not supported.") };
  const at = uses.lastIndexOf("@");
  if (at <= 0 || at === uses.length - 1) {
    return { refused: refusal(uses, "a remote action needs `{owner}/{repo}[/{path}]@{ref}`.") };
  }
  const ref = uses.slice(at + 1);
  const [owner = "", repo = "", ...path] = uses.slice(0, at).split("/");
  const repository = `${owner}/${repo}`.toLowerCase();
  if (path.length === 0 && repository === "actions/checkout") return { builtIn: "checkout", ref };
  if (path.length === 0 && repository === "actions/setup-node") {
    return { builtIn: "setup-node", ref };
  }
  if (repository !== FASTDEPLOY_REPOSITORY) {
    return {
      refused: refusal(uses, "it is neither this repository's action nor a built-in stand-in."),
    };
  }
  return { path, repository: `${owner}/${repo}`, ref };
}

export function resolveActionReference(
  uses: string,
  paths: { workspace: string; actionsRoot: string },
): ActionReference {
  const parsed = parseUses(uses);
  if ("refused" in parsed) throw parsed.refused;
  if ("builtIn" in parsed) return { kind: parsed.builtIn, ref: parsed.ref };
  if ("local" in parsed) {
    const dir = resolve(paths.workspace, uses);
    if (!inside(paths.workspace, dir)) throw refusal(uses, "the path leaves the workspace.");
    if (!["action.yml", "action.yaml"].some((f) => existsSync(join(dir, f)))) {
      // The runner's own words for a local action that is not there.
      throw new UnsupportedActionError(
        `Can't find 'action.yml' or 'action.yaml' under '${dir}'. Did you forget to run actions/checkout before running your local action?`,
      );
    }
    return { kind: "node", dir, local: true, repository: "", ref: "" };
  }
  const dir = resolve(paths.actionsRoot, ...parsed.path);
  if (!inside(paths.actionsRoot, dir) || !existsSync(join(dir, "action.yml"))) {
    throw refusal(
      uses,
      `${FASTDEPLOY_REPOSITORY} has no action at '${parsed.path.join("/") || "."}'.`,
    );
  }
  return { kind: "node", dir, local: false, repository: parsed.repository, ref: parsed.ref };
}
