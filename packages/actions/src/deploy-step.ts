import * as core from "@actions/core";
import { type DistributePorts, runShell } from "@fastdeploy/commands";
import type { GitHubClient } from "@fastdeploy/github";
import type { RunContext } from "./context.js";
import { rememberOpenDeployment } from "./open-deployment.js";
import { actionLog } from "./setup.js";

// What distribute and rollback share as steps. A cancelled run gets SIGINT, then SIGTERM
// 7.5 s later: both stop the deploy commands with their process trees, and the engine
// records `error` ("cancelled") on the deployment.
const cancel = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (!cancel.signal.aborted)
      core.warning(`${signal}: the run was cancelled; stopping the deploy.`);
    cancel.abort();
  });
}

/** The deploy engine's ports for a workflow step. */
export function deployPorts(context: RunContext, github: GitHubClient): DistributePorts {
  return {
    github,
    log: actionLog,
    now: () => new Date(),
    runShell,
    tempDir: context.runnerTemp,
    signal: cancel.signal,
    // The post step finds a deployment this step left open (a kill it could not answer).
    onDeployment: rememberOpenDeployment,
  };
}
