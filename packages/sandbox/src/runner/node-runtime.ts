// Which node starts a node action. The runner starts `externals/node24/bin/node` for
// `runs.using: node24` (NodeScriptActionHandler.cs; GITHUB-FACTS 1.5). Here that is the Node 24
// of the `node` npm package (a devDependency, installed as node_modules/node/bin/node), so the
// bundles run on the runtime their action.yml names; without it (an installed CLI, a trimmed
// checkout) the harness falls back to the node running it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./action-metadata.js";

const NODE24 = join(REPO_ROOT, "node_modules", "node", "bin", "node");

let chosen: string | undefined;

/** The node binary for a `runs.using` runtime: Node 24 when installed, else process.execPath. */
export function actionNode(): string {
  // Looked for once: it does not come or go while the harness runs.
  chosen ??= existsSync(NODE24) ? NODE24 : process.execPath;
  return chosen;
}
