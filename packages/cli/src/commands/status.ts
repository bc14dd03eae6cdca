import { EnvironmentLedger } from "@fastdeploy/github";
import { EXIT_OK } from "../errors.js";
import { type Io, printJson } from "../io.js";
import { connect, flag, listOption, type ParsedArgs, readLocalConfig } from "../options.js";

export const STATUS_OPTIONS = {
  environments: { type: "string" },
} as const;

interface EnvironmentRow {
  version: string | null;
  deployed_at: string | null;
  deployment_id: number | null;
  digest: string | null;
  approved_by: string[];
  rollback?: { from: string; reason: string };
}

/**
 * `fastdeploy status`: what runs in each environment, read from the deployment ledger. The
 * environments are --environments, else the config's, else every environment of the repository.
 */
export async function statusCommand(parsed: ParsedArgs, io: Io): Promise<number> {
  const { client, repo } = connect(parsed, io, "status");
  const config = await readLocalConfig(parsed, io.cwd);
  let names = listOption(parsed, "environments") ?? config?.environments.map((e) => e.name) ?? [];
  if (names.length === 0) {
    const { data } = await client.rest.repos.getAllEnvironments({ ...repo, per_page: 100 });
    names = (data.environments ?? []).map((e) => e.name);
  }
  const environments: Record<string, EnvironmentRow> = {};
  for (const name of names) {
    io.stderr(`Reading the ledger of ${name}…\n`);
    const live = await new EnvironmentLedger(client, repo, name).live();
    environments[name] = {
      version: live?.version ?? null,
      deployed_at: live ? (live.finishedAt ?? live.updatedAt ?? live.createdAt) : null,
      deployment_id: live?.deploymentId ?? null,
      digest: live?.digest ?? null,
      approved_by: (live?.payload.approval?.approvers ?? []).map((a) => a.login),
      ...(live?.payload.rollback ? { rollback: live.payload.rollback } : {}),
    };
  }
  if (flag(parsed, "json")) {
    printJson(io, { repository: `${repo.owner}/${repo.repo}`, environments });
    return EXIT_OK;
  }
  const rows = [
    ["ENVIRONMENT", "VERSION", "DEPLOYED AT", "APPROVED BY", "NOTE"],
    ...Object.entries(environments).map(([name, e]) => [
      name,
      e.version ?? "-",
      e.deployed_at ?? "-",
      e.approved_by.join(", ") || "-",
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
  return EXIT_OK;
}
