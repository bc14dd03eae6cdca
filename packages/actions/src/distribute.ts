import * as core from "@actions/core";
import {
  confirmApproval,
  distribute,
  parseApprovalRecord,
  resolveDistributeOptions,
  targetResultsJson,
  waveResultsJson,
} from "@fastdeploy/commands";
import { FastDeployError, parseDuration, parseWaves } from "@fastdeploy/core";
import { deployPorts } from "./deploy-step.js";
import { writeDistributeSummary, writeRefusalSummary } from "./distribute-summary.js";
import {
  booleanInput,
  InputError,
  integerInput,
  listInput,
  optionalInput,
  requiredInput,
} from "./inputs.js";
import { runAction } from "./run-action.js";
import { actionLog, githubClient, setupAction } from "./setup.js";

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
  core.setOutput("waves", "[]");
  core.setOutput("environment-url", "");
  core.setOutput("release-url", "");
  core.setOutput("tag", "");
  core.setOutput("production", "false");

  const { context, config, repo } = await setupAction();
  const environment = requiredInput("environment");
  const version = requiredInput("version");
  // No action.yml default for these two: an empty input means "the config's, else ours".
  const parallel = integerInput("parallel", { min: 1, max: 256 });
  const healthTimeout = integerInput("health-timeout", { min: 1, max: 3600 });
  const github = githubClient(context);
  // The approve step's `record` output, passed as `env: FASTDEPLOY_APPROVAL: ${{ … }}`: parsed
  // here with the inputs, confirmed against GitHub's reviews (a request) once they all hold.
  const approvalText = process.env.FASTDEPLOY_APPROVAL;
  const claimed = approvalText
    ? parseApprovalRecord(approvalText, "FASTDEPLOY_APPROVAL")
    : undefined;
  const wavesText = optionalInput("waves");
  const bakeText = optionalInput("bake");
  const bakeMs = bakeText === undefined ? undefined : parseDuration(bakeText);
  if (typeof bakeMs === "string") throw new InputError(`Input "bake": ${bakeMs}.`);
  const options = resolveDistributeOptions(repo, config, {
    environment,
    version,
    ...given("command", optionalInput("command")),
    ...given("targets", listInput("targets")),
    ...given("parallel", parallel),
    ...given("healthUrl", optionalInput("health-url")),
    ...given("healthTimeoutSeconds", healthTimeout),
    ...given("healthCommand", optionalInput("health-command")),
    ...given("waves", wavesText === undefined ? undefined : wavesInput(wavesText)),
    ...given("bakeMs", bakeMs),
    ...given("environmentUrl", optionalInput("environment-url")),
    ...given("production", booleanInput("production")),
    ...given("makeLatest", booleanInput("make-latest")),
    ...given("rollbackOnFailure", booleanInput("rollback-on-failure")),
    ...given("force", booleanInput("force")),
    ...given("allowDowngrade", booleanInput("allow-downgrade")),
    ...given("undeploy", booleanInput("undeploy")),
    ...given("reason", optionalInput("reason")),
    ...given("logUrl", context.runUrl || undefined),
  });

  // Its approvers reach the ledger only as far as GitHub's own reviews of this run confirm
  // them. That read goes out beside the release's: distribute awaits it before any rule.
  const approval = claimed
    ? confirmApproval(claimed, {
        github,
        repo,
        runId: context.runId,
        environment,
        log: actionLog,
      })
    : undefined;

  let result: Awaited<ReturnType<typeof distribute>>;
  try {
    result = await distribute(options, {
      ...deployPorts(context, github),
      ...(approval ? { approval } : {}),
    });
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
  core.setOutput("waves", waveResultsJson(result.waves));
  core.setOutput("environment-url", result.environmentUrl ?? "");
  core.setOutput("release-url", result.releaseUrl);
  core.setOutput("tag", result.tag);
  core.setOutput("production", String(result.production));
  core.info(
    `${result.status}: ${result.version} in ${result.environment} (${github.requestCount()} API requests)`,
  );
  await writeDistributeSummary(result, { runUrl: context.runUrl, requests: github.requestCount() });
  if (result.failure) throw new DeployFailedError(result.failure);
});

function wavesInput(text: string) {
  try {
    return parseWaves(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(`Input "waves": ${message}`);
  }
}

function given<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
