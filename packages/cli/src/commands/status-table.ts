import type { StatusReport } from "@fastdeploy/commands";
import { isAutomaticRollback } from "@fastdeploy/core";

/**
 * The table `fastdeploy status` prints: one row per environment with its version, when and by
 * whose approval it was deployed, and its metrics. `local run` and `demo` end with it too.
 */
export function statusTable(report: StatusReport): string {
  const percent = (rate: number | null) => (rate === null ? "-" : `${Math.round(rate * 100)}%`);
  const rows = [
    ["ENVIRONMENT", "VERSION", "DEPLOYED AT", "APPROVED BY", "DEPLOYS/DAY", "FAILED", "NOTE"],
    ...Object.entries(report.environments).map(([name, e]) => [
      name,
      e.version ?? "-",
      e.deployed_at ?? "-",
      // An automatic rollback is nobody's approval: say so rather than leave a blank.
      e.approved_by.join(", ") ||
        (e.rollback && isAutomaticRollback(e.rollback.reason) ? "automatic" : "-"),
      e.metrics.deploymentFrequency.toFixed(2),
      percent(e.metrics.changeFailureRate),
      e.rollback ? `rolled back from ${e.rollback.from}: ${e.rollback.reason}` : "",
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  const lines = rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
  return `${lines.join("\n")}\n\nMetrics over the last ${report.window_days} days.\n`;
}
