import { status } from "@fastdeploy/commands";
import { EXIT_OK } from "../errors.js";
import { type Io, printJson, progressLog } from "../io.js";
import {
  connect,
  flag,
  integerOption,
  listOption,
  type ParsedArgs,
  readLocalConfig,
} from "../options.js";
import { statusTable } from "./status-table.js";

export const STATUS_OPTIONS = {
  environments: { type: "string" },
  window: { type: "string" },
} as const;

/**
 * `fastdeploy status`: what runs in each environment and its DORA metrics, from the status
 * engine (the same as actions/status). Environments: --environments, else the config's, else
 * every environment with FastDeploy deployments.
 */
export async function statusCommand(parsed: ParsedArgs, io: Io): Promise<number> {
  const windowDays = integerOption(parsed, "window", "status", { min: 1, max: 365 }) ?? 30;
  const { client, repo } = connect(parsed, io, "status");
  const config = await readLocalConfig(parsed, io.cwd);
  const names = listOption(parsed, "environments") ?? config?.environments.map((e) => e.name) ?? [];
  const report = await status(
    { repo, environments: names, windowDays },
    { github: client, log: progressLog(io, { verbose: flag(parsed, "verbose") }) },
  );
  if (flag(parsed, "json")) {
    printJson(io, { repository: `${repo.owner}/${repo.repo}`, ...report });
    return EXIT_OK;
  }
  io.stdout(statusTable(report));
  return EXIT_OK;
}
