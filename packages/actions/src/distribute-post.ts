import * as core from "@actions/core";
import { readRunContext } from "./context.js";
import { DEPLOYMENT_STATE_KEY } from "./distribute-post-state.js";
import { repositoryInput } from "./inputs.js";
import { runAction } from "./run-action.js";
import { githubClient } from "./setup.js";

// post (post-if: always()): main clears the state once its deployment has a final status, so
// a deployment still named here was left open by a main that was killed before it could
// answer (SIGKILL after a cancel, a runner that lost the machine). It must not stay
// `in_progress` in the ledger: it gets `error`, unless it reached a final state after all.
const OPEN = new Set(["queued", "pending", "in_progress"]);

await runAction(async () => {
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
});
