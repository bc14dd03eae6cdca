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

export function resolveActionReference(
  uses: string,
  paths: { workspace: string; actionsRoot: string },
): ActionReference {
  if (uses.startsWith("./")) {
    const dir = resolve(paths.workspace, uses);
    if (!inside(paths.workspace, dir)) {
      throw refusal(uses, "the path leaves the workspace.");
    }
    if (!["action.yml", "action.yaml"].some((f) => existsSync(join(dir, f)))) {
      // The runner's own words for a local action that is not there.
      throw new UnsupportedActionError(
        `Can't find 'action.yml' or 'action.yaml' under '${dir}'. Did you forget to run actions/checkout before running your local action?`,
      );
    }
    return { kind: "node", dir, local: true, repository: "", ref: "" };
  }
  if (uses.startsWith("docker://")) throw refusal(uses, "container actions are not supported.");
  const at = uses.lastIndexOf("@");
  if (at <= 0 || at === uses.length - 1) {
    throw refusal(uses, "a remote action needs `{owner}/{repo}[/{path}]@{ref}`.");
  }
  const name = uses.slice(0, at);
  const ref = uses.slice(at + 1);
  const [owner = "", repo = "", ...rest] = name.split("/");
  const repository = `${owner}/${repo}`.toLowerCase();
  if (repository === "actions/checkout" && rest.length === 0) return { kind: "checkout", ref };
  if (repository === "actions/setup-node" && rest.length === 0) {
    return { kind: "setup-node", ref };
  }
  if (repository !== FASTDEPLOY_REPOSITORY) {
    throw refusal(uses, "it is neither this repository's action nor a built-in stand-in.");
  }
  const dir = resolve(paths.actionsRoot, ...rest);
  if (!inside(paths.actionsRoot, dir) || !existsSync(join(dir, "action.yml"))) {
    throw refusal(uses, `${FASTDEPLOY_REPOSITORY} has no action at '${rest.join("/") || "."}'.`);
  }
  return { kind: "node", dir, local: false, repository: `${owner}/${repo}`, ref };
}
