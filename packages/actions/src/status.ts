import * as core from "@actions/core";
import { boardMermaid, promotionBoard, status } from "@fastdeploy/commands";
import { integerInput, listInput } from "./inputs.js";
import { runAction } from "./run-action.js";
import { actionLog, githubClient, setupAction } from "./setup.js";

await runAction(async () => {
  const { context, config, repo } = await setupAction();
  const environments = listInput("environments") ?? config.environments.map((e) => e.name);
  const windowDays = integerInput("window", { min: 1, max: 3650 }) ?? 30;

  const report = await status(
    { repo, environments, windowDays },
    { github: githubClient(context), log: actionLog },
  );
  core.setOutput("json", JSON.stringify(report));

  const hours = (h: number | null) => (h === null ? "–" : `${h.toFixed(1)} h`);
  const rows = Object.entries(report.environments).map(([name, s]) => [
    name,
    s.version
      ? `${s.version}${s.rollback ? ` (rolled back from ${s.rollback.from})` : ""}`
      : "nothing runs",
    s.deployed_at ?? "–",
    s.deployment_id === null ? "–" : String(s.deployment_id),
    s.approved_by.join(", ") || "–",
    s.metrics.deploymentFrequency.toFixed(2),
    hours(s.metrics.leadTime.median),
    s.metrics.changeFailureRate === null
      ? "–"
      : `${Math.round(s.metrics.changeFailureRate * 100)}%`,
    hours(s.metrics.timeToRestore.median),
  ]);
  const after = Object.fromEntries(config.environments.map((e) => [e.name, e.after]));
  const board = boardMermaid(promotionBoard(report, after));
  await core.summary
    .addHeading("FastDeploy status", 2)
    // GitHub renders a fenced mermaid block in a job summary as the picture.
    .addRaw(`\n\n\`\`\`mermaid\n${board}\`\`\`\n\n`, true)
    .addTable([
      [
        { data: "Environment", header: true },
        { data: "Version", header: true },
        { data: "Deployed at", header: true },
        { data: "Deployment", header: true },
        { data: "Approved by", header: true },
        { data: "Deploys / day", header: true },
        { data: "Lead time (median)", header: true },
        { data: "Change failure rate", header: true },
        { data: "Time to restore (median)", header: true },
      ],
      ...(rows.length
        ? rows
        : [["no environments with FastDeploy deployments", "", "", "", "", "", "", "", ""]]),
    ])
    .addRaw(
      `<p>Metrics over the last ${windowDays} days (${report.generated_at}), from the deployment ledger.</p>`,
      true,
    )
    .write();
});
