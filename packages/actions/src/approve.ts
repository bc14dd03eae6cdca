import * as core from "@actions/core";
import { approvalFailure, approve } from "@fastdeploy/commands";
import { booleanInput, InputError, listInput, requiredInput } from "./inputs.js";
import { runAction } from "./run-action.js";
import { actionLog, githubClient, setupAction } from "./setup.js";

await runAction(async () => {
  const { context, config, repo } = await setupAction();
  const environment = requiredInput("environment");
  const version = requiredInput("version");
  const configured = config.environments.find(
    (e) => e.name.toLowerCase() === environment.toLowerCase(),
  );
  if (!context.runId) {
    throw new InputError(
      "GITHUB_RUN_ID is not set: approve reads the reviews of the workflow run it runs in, so it must run in a workflow job.",
    );
  }
  core.setOutput("approved", "false");
  core.setOutput("approvers", "[]");

  const result = await approve(
    {
      repo,
      environment,
      version,
      tagPrefix: config.tagPrefix,
      after: listInput("after") ?? configured?.after ?? [],
      requireReview: booleanInput("require-review") ?? configured?.requireReview ?? false,
      requiredChecks: listInput("required-checks") ?? configured?.requiredChecks ?? [],
      run: {
        id: context.runId,
        url: context.runUrl,
        actor: context.actor,
        triggeringActor: context.triggeringActor,
      },
    },
    { github: githubClient(context), log: actionLog },
  );
  const { record } = result;

  core.setOutput("approvers", JSON.stringify(record.approvers));
  core.setOutput("record", JSON.stringify(record));
  if (result.approved) core.setOutput("approved", "true");

  const who = record.approvers.length
    ? record.approvers.map((a) => [a.login, a.state, a.comment ? escapeHtml(a.comment) : "", a.at])
    : [["nobody", "", "", record.read_at]];
  await core.summary
    .addHeading(
      `${result.approved ? "Approved" : "Not approved"}: ${version} for ${environment}`,
      2,
    )
    .addTable([
      [
        { data: "Reviewer", header: true },
        { data: "State", header: true },
        { data: "Comment", header: true },
        { data: "Read at", header: true },
      ],
      ...who,
    ])
    .addList([
      `Required checks passed: ${record.checks.join(", ") || "none required"}`,
      `Promotion order held in: ${record.after.join(", ") || "none required"}`,
      ...(record.commit ? [`Commit: <code>${record.commit}</code>`] : []),
      ...(record.digest ? [`Digest: <code>${record.digest}</code>`] : []),
      ...result.refusals.map((r) => `Refused: ${escapeHtml(r)}`),
    ])
    .addDetails("Approval record", `<pre>${escapeHtml(JSON.stringify(record, null, 2))}</pre>`)
    .write();

  if (!result.approved) throw approvalFailure(result);
});

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
