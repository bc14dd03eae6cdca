import { boardMermaid, boardText, promotionBoard, status } from "@fastdeploy/commands";
import { EXIT_OK, UsageError } from "../errors.js";
import { type Io, printJson, progressLog, wantsColour } from "../io.js";
import {
  connect,
  flag,
  integerOption,
  listOption,
  type ParsedArgs,
  readLocalConfig,
  stringOption,
} from "../options.js";

export const STATUS_OPTIONS = {
  environments: { type: "string" },
  window: { type: "string" },
  format: { type: "string" },
} as const;

const FORMATS = ["text", "mermaid", "json"] as const;

/**
 * `fastdeploy status`: what runs in each environment and its DORA metrics, from the status
 * engine (the same as actions/status). Environments: --environments, else the config's, else
 * every environment with FastDeploy deployments.
 */
export async function statusCommand(parsed: ParsedArgs, io: Io): Promise<number> {
  const format = stringOption(parsed, "format") ?? (flag(parsed, "json") ? "json" : "text");
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) {
    throw new UsageError(`--format must be ${FORMATS.join(", ")}; got "${format}"`, "status");
  }
  const windowDays = integerOption(parsed, "window", "status", { min: 1, max: 365 }) ?? 30;
  const { client, repo } = connect(parsed, io, "status");
  const config = await readLocalConfig(parsed, io.cwd);
  const names = listOption(parsed, "environments") ?? config?.environments.map((e) => e.name) ?? [];
  const report = await status(
    { repo, environments: names, windowDays },
    { github: client, log: progressLog(io, { verbose: flag(parsed, "verbose") }) },
  );
  if (format === "json") {
    printJson(io, { repository: `${repo.owner}/${repo.repo}`, ...report });
    return EXIT_OK;
  }
  const after = Object.fromEntries((config?.environments ?? []).map((e) => [e.name, e.after]));
  const board = promotionBoard(report, after);
  if (format === "mermaid") {
    io.stdout(boardMermaid(board));
    return EXIT_OK;
  }
  // A person at a terminal gets the board first; a pipe gets only the table, as before.
  if (io.isTTY || wantsColour(io)) io.stdout(`${boardText(board, { colour: wantsColour(io) })}\n`);
  const percent = (rate: number | null) => (rate === null ? "-" : `${Math.round(rate * 100)}%`);
  const rows = [
    ["ENVIRONMENT", "VERSION", "DEPLOYED AT", "APPROVED BY", "DEPLOYS/DAY", "FAILED", "NOTE"],
    ...Object.entries(report.environments).map(([name, e]) => [
      name,
      e.version ?? "-",
      e.deployed_at ?? "-",
      e.approved_by.join(", ") || "-",
      e.metrics.deploymentFrequency.toFixed(2),
      percent(e.metrics.changeFailureRate),
      e.rollback ? `rolled back from ${e.rollback.from}: ${e.rollback.reason}` : "",
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  for (const row of rows) {
    io.stdout(
      `${row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd()}\n`,
    );
  }
  io.stdout(`\nMetrics over the last ${report.window_days} days.\n`);
  return EXIT_OK;
}
