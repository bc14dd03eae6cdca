import * as core from "@actions/core";
import { formatDuration, rollback } from "@fastdeploy/commands";
import { FastDeployError } from "@fastdeploy/core";
import { deployPorts } from "./deploy-step.js";
import { booleanInput, integerInput, listInput, optionalInput, requiredInput } from "./inputs.js";
import { runAction } from "./run-action.js";
import { githubClient, setupAction } from "./setup.js";

/** The version rolled back to is not live: the step fails after outputs and summary. */
class RollbackFailedError extends FastDeployError {
  override name = "RollbackFailedError";
}

await runAction(async () => {
  core.setOutput("from-version", "");
  core.setOutput("to-version", "");
  core.setOutput("deployment-id", "");
  core.setOutput("status", "failed");
  core.setOutput("production", "false");
  core.setOutput("release-url", "");
  core.setOutput("tag", "");

  const { context, config, repo } = await setupAction();
  const environment = requiredInput("environment");
  // Unset parallel and health-timeout fall back to the config, then 4 and 60 s.
  const parallel = integerInput("parallel", { min: 1, max: 256 });
  const healthTimeout = integerInput("health-timeout", { min: 1, max: 3600 });
  const command = optionalInput("command");
  const targets = listInput("targets");
  const healthUrl = optionalInput("health-url");
  const reason = optionalInput("reason");
  const force = booleanInput("force") ?? false;
  const makeLatest = booleanInput("make-latest");
  const github = githubClient(context);

  const result = await rollback(
    {
      repo,
      config,
      environment,
      to: optionalInput("to") ?? "previous",
      ...(reason ? { reason } : {}),
      deploy: {
        ...(command ? { command } : {}),
        ...(force ? { force } : {}),
        ...(makeLatest !== undefined ? { makeLatest } : {}),
        ...(targets ? { targets } : {}),
        ...(parallel !== undefined ? { parallel } : {}),
        ...(healthUrl ? { healthUrl } : {}),
        ...(healthTimeout !== undefined ? { healthTimeoutSeconds: healthTimeout } : {}),
        ...(context.runUrl ? { logUrl: context.runUrl } : {}),
      },
    },
    deployPorts(context, github),
  );

  core.setOutput("from-version", result.from);
  core.setOutput("to-version", result.to);
  core.setOutput(
    "deployment-id",
    result.deploymentId === undefined ? "" : String(result.deploymentId),
  );
  core.setOutput("status", result.status);
  core.setOutput("production", String(result.distribute.production));
  core.setOutput("release-url", result.distribute.releaseUrl);
  core.setOutput("tag", result.distribute.tag);
  const d = result.distribute;
  core.info(
    `${result.status}: ${environment} ${result.from} → ${result.to} (${github.requestCount()} API requests)`,
  );

  await core.summary
    .addHeading(
      result.status === "rolled_back"
        ? `Rolled back ${environment} from ${result.from} to ${result.to}`
        : `Rollback of ${environment} from ${result.from} to ${result.to} failed`,
      2,
    )
    .addList(
      [
        `Reason: ${escapeHtml(result.reason)}`,
        `${result.from} is marked bad in ${environment}: a later distribute of it is refused without force.`,
        `Deployment: ${result.deploymentId ?? "none"} · digest <code>${d.digest}</code> · release <a href="${d.releaseUrl}">${d.tag}</a>`,
        d.madeLatest
          ? `The release ${d.tag} is latest again, so pull-based clients follow it.`
          : "",
        ...(d.failure ? [`<strong>${escapeHtml(d.failure)}</strong>`] : []),
        `${github.requestCount()} API requests`,
      ].filter(Boolean),
    )
    .addTable([
      [
        { data: "Target", header: true },
        { data: "Result", header: true },
        { data: "Duration", header: true },
        { data: "Health", header: true },
      ],
      ...d.targets.map((t) => [
        t.target,
        t.detail ? `${t.status}: ${escapeHtml(t.detail)}` : t.status,
        formatDuration(t.durationMs),
        String(t.health),
      ]),
    ])
    .write();

  if (result.status !== "rolled_back") {
    throw new RollbackFailedError(
      d.failure ?? `The rollback of ${environment} to ${result.to} did not complete.`,
    );
  }
});

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
