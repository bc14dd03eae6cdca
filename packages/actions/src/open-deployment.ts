import * as core from "@actions/core";
import { readRunContext } from "./context.js";
import { repositoryInput } from "./inputs.js";
import { githubClient } from "./setup.js";

/**
 * The state key main saves while a deployment is open (`in_progress`) and clears once it has
 * a final status; the post step reads it (STATE_<key>) to close what main could not.
 */
export const DEPLOYMENT_STATE_KEY = "open-deployment-id";

/** Main's hook: remember the open deployment, forget it once it has a final status. */
export const rememberOpenDeployment = (id: number, open: boolean) =>
  core.saveState(DEPLOYMENT_STATE_KEY, open ? String(id) : "");

const OPEN = new Set(["queued", "pending", "in_progress"]);

/**
 * The post step (post-if: always()) of distribute and rollback. A deployment still named in
 * the state was left open by a main that was killed before it could answer (SIGKILL after a
 * cancel, a runner that lost the machine). It must not stay `in_progress` in the ledger: it
 * gets `error`, unless it reached a final state after all.
 */
export async function closeOpenDeployment(): Promise<void> {
  const id = Number(core.getState(DEPLOYMENT_STATE_KEY));
  if (!id) return;
  const context = readRunContext();
  const repo = repositoryInput();
  const github = githubClient(context);
  const { data } = await github.rest.repos.listDeploymentStatuses({
    ...repo,
    deployment_id: id,
    per_page: 1,
  });
  const state = data[0]?.state;
  if (state !== undefined && !OPEN.has(state)) {
    core.info(`Deployment ${id} ended ${state}; nothing to close.`);
    return;
  }
  await github.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: id,
    state: "error",
    description: "the job ended before the deploy finished",
    ...(context.runUrl ? { log_url: context.runUrl } : {}),
  });
  core.warning(
    `Deployment ${id} was left ${state ?? "without a status"} by the deploy step; recorded it as error.`,
  );
}
