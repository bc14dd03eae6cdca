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
import { statusTable } from "./status-table.js";

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
  io.stdout(statusTable(report));
  return EXIT_OK;
}
