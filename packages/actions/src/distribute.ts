import * as core from "@actions/core";
import {
  distribute,
  parseApprovalRecord,
  resolveDistributeOptions,
  targetResultsJson,
} from "@fastdeploy/commands";
import { FastDeployError } from "@fastdeploy/core";
import { deployPorts } from "./deploy-step.js";
import { writeDistributeSummary, writeRefusalSummary } from "./distribute-summary.js";
import { booleanInput, integerInput, listInput, optionalInput, requiredInput } from "./inputs.js";
import { runAction } from "./run-action.js";
import { githubClient, setupAction } from "./setup.js";

/** The requested version is not live: the step fails, after outputs and summary are written. */
class DeployFailedError extends FastDeployError {
  override name = "DeployFailedError";
}

await runAction(async () => {
  // Defaults first: a step that fails early still has every output a later step may read.
  core.setOutput("deployment-id", "");
  core.setOutput("status", "failed");
  core.setOutput("previous-version", "");
  core.setOutput("results", "[]");
  core.setOutput("environment-url", "");

  const { context, config, repo } = await setupAction();
  const environment = requiredInput("environment");
  const version = requiredInput("version");
  // No action.yml default for these two: an empty input means "the config's, else ours".
  const parallel = integerInput("parallel", { min: 1, max: 256 });
  const healthTimeout = integerInput("health-timeout", { min: 1, max: 3600 });
  const approvalText = process.env.FASTDEPLOY_APPROVAL;
  const options = resolveDistributeOptions(repo, config, {
    environment,
    version,
    ...given("command", optionalInput("command")),
    ...given("targets", listInput("targets")),
    ...given("parallel", parallel),
    ...given("healthUrl", optionalInput("health-url")),
    ...given("healthTimeoutSeconds", healthTimeout),
    ...given("environmentUrl", optionalInput("environment-url")),
    ...given("production", booleanInput("production")),
    ...given("rollbackOnFailure", booleanInput("rollback-on-failure")),
    ...given("force", booleanInput("force")),
    ...given("allowDowngrade", booleanInput("allow-downgrade")),
    ...given("undeploy", booleanInput("undeploy")),
    ...given("reason", optionalInput("reason")),
    // The approve step's `record` output, passed as `env: FASTDEPLOY_APPROVAL: ${{ … }}`.
    ...(approvalText ? { approval: parseApprovalRecord(approvalText, "FASTDEPLOY_APPROVAL") } : {}),
    ...given("logUrl", context.runUrl || undefined),
  });

  const github = githubClient(context);
  let result: Awaited<ReturnType<typeof distribute>>;
  try {
    result = await distribute(options, deployPorts(context, github));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await writeRefusalSummary(environment, version, message, github.requestCount());
    throw error;
  }

  core.setOutput(
    "deployment-id",
    result.deploymentId !== undefined ? String(result.deploymentId) : "",
  );
  core.setOutput("status", result.status);
  core.setOutput("previous-version", result.previousVersion ?? "");
  core.setOutput("results", targetResultsJson(result.targets));
  core.setOutput("environment-url", result.environmentUrl ?? "");
  core.info(
    `${result.status}: ${result.version} in ${result.environment} (${github.requestCount()} API requests)`,
  );
  await writeDistributeSummary(result, { runUrl: context.runUrl, requests: github.requestCount() });
  if (result.failure) throw new DeployFailedError(result.failure);
});

function given<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
