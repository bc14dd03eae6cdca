import * as core from "@actions/core";
import {
  type DistributeResult,
  formatDuration,
  type TargetResult,
  type WaveResult,
} from "@fastdeploy/commands";
import type { PayloadApproval } from "@fastdeploy/core";

/** The job summary of a distribute run: what a person reads after the deploy. */

const HEADINGS: Record<DistributeResult["status"], (r: DistributeResult) => string> = {
  deployed: (r) => `Deployed ${r.version} to ${r.environment}`,
  already_deployed: (r) => `${r.environment} already runs ${r.version}`,
  failed: (r) => `${r.cancelled ? "Cancelled" : "Failed"}: ${r.version} to ${r.environment}`,
  rolled_back: (r) =>
    `${r.version} failed in ${r.environment}; rolled back to ${r.rollback?.version}`,
  undeployed: (r) => `Undeployed ${r.version} from ${r.environment}`,
};

const RESULT_LABELS: Record<TargetResult["status"], string> = {
  success: "✅ success",
  already_deployed: "✅ already healthy",
  failure: "❌ failure",
  timed_out: "⏱️ timed out",
  unhealthy: "❌ unhealthy",
  cancelled: "⛔ cancelled",
  skipped: "⏭️ skipped",
};

export async function writeDistributeSummary(
  result: DistributeResult,
  links: { runUrl: string; requests: number },
): Promise<void> {
  const summary = core.summary.addHeading(html(HEADINGS[result.status](result)), 2);
  const facts = [
    `status <code>${result.status}</code>`,
    result.deploymentId !== undefined ? `deployment ${result.deploymentId}` : "",
    result.previousVersion ? `previously ${html(result.previousVersion)}` : "nothing ran before",
    `digest <code>${result.digest}</code>`,
  ].filter(Boolean);
  summary.addRaw(`<p>${facts.join(" · ")}</p>`, true);
  if (result.failure) summary.addRaw(`<p><strong>${html(result.failure)}</strong></p>`, true);
  if (result.waves.length) {
    summary.addHeading(html(`Rollout in ${result.waves.length} waves`), 3);
    summary.addTable(waveTable(result.waves, result.targets));
  }
  if (result.targets.length) summary.addTable(targetTable(result.targets));
  if (result.rollback) {
    summary.addHeading(
      html(
        result.rollback.version
          ? `Automatic rollback to ${result.rollback.version}`
          : `Automatic undeploy of ${result.version}`,
      ),
      3,
    );
    summary.addRaw(
      `<p>${html(result.rollback.reason)} · outcome <code>${result.rollback.outcome}</code>` +
        `${result.rollback.deploymentId !== undefined ? ` · deployment ${result.rollback.deploymentId}` : ""}</p>`,
      true,
    );
    if (result.rollback.targets.length) summary.addTable(targetTable(result.rollback.targets));
  }
  if (result.overrides.length) {
    summary.addRaw(
      `<p>force overrode: ${result.overrides.map((o) => html(`${o.rule} (${o.detail})`)).join("; ")}</p>`,
      true,
    );
  }
  summary.addRaw(approvalHtml(result.approval), true);
  const list = [
    `<a href="${html(result.releaseUrl)}">release ${html(result.tag)}</a>`,
    links.runUrl ? `<a href="${html(links.runUrl)}">this run</a>` : "",
    result.environmentUrl
      ? `<a href="${html(result.environmentUrl)}">${html(result.environmentUrl)}</a>`
      : "",
    result.madeLatest ? `${html(result.tag)} is now the latest release` : "",
  ].filter(Boolean);
  summary.addRaw(`<p>${list.join(" · ")}</p>`, true);
  summary.addRaw(`<p>${links.requests} GitHub API requests.</p>`, true);
  await summary.write();
}

/** A run that stopped before any deployment: the reason, so the summary is never empty. */
export async function writeRefusalSummary(
  environment: string,
  version: string,
  message: string,
  requests: number,
): Promise<void> {
  await core.summary
    .addHeading(html(`Not deployed: ${version} to ${environment}`), 2)
    .addRaw(`<p>${html(message)}</p>`, true)
    .addRaw(
      `<p>Nothing ran and the ledger is unchanged. ${requests} GitHub API requests.</p>`,
      true,
    )
    .write();
}

function targetTable(targets: readonly TargetResult[]) {
  return [
    [
      { data: "Target", header: true },
      { data: "Result", header: true },
      { data: "Duration", header: true },
      { data: "Health", header: true },
    ],
    ...targets.map((t) => [
      html(t.target),
      `${RESULT_LABELS[t.status]}${t.detail ? `<br><sub>${html(t.detail)}</sub>` : ""}`,
      formatDuration(t.durationMs),
      t.health.replace("_", " "),
    ]),
  ];
}

const WAVE_LABELS: Record<WaveResult["status"], string> = {
  healthy: "✅ healthy",
  already_deployed: "✅ already healthy (skipped)",
  failed: "❌ failed",
  cancelled: "⛔ cancelled",
  not_started: "⏭️ not started",
};

/** One row per wave: its targets with each one's result, and how long it baked. */
function waveTable(waves: readonly WaveResult[], targets: readonly TargetResult[]) {
  const byName = new Map(targets.map((t) => [t.target, t]));
  const shown = 20;
  return [
    [
      { data: "Wave", header: true },
      { data: "Targets", header: true },
      { data: "Result", header: true },
      { data: "Baked", header: true },
    ],
    ...waves.map((w) => [
      String(w.wave),
      w.targets
        .slice(0, shown)
        .map((t) => `${html(t)} ${RESULT_LABELS[byName.get(t)?.status ?? "skipped"].split(" ")[0]}`)
        .join(", ") + (w.targets.length > shown ? ` and ${w.targets.length - shown} more` : ""),
      `${WAVE_LABELS[w.status]}${w.failedTarget ? `<br><sub>${html(`${w.failedTarget}: ${w.detail ?? ""}`)}</sub>` : ""}`,
      w.bakedMs ? formatDuration(w.bakedMs) : "–",
    ]),
  ];
}

function approvalHtml(approval: PayloadApproval | null): string {
  if (!approval || approval.approvers.length === 0) return "<p>No approval record was passed.</p>";
  const who = approval.approvers
    .map(
      (a) =>
        `<li><strong>${html(a.login)}</strong>${a.at ? ` at ${html(a.at)}` : ""}${a.comment ? `: “${html(a.comment)}”` : ""}</li>`,
    )
    .join("");
  const checks = approval.checks?.length
    ? `<p>Required checks passed: ${approval.checks.map((c) => `<code>${html(c)}</code>`).join(", ")}</p>`
    : "";
  return `<p>Approved by:</p><ul>${who}</ul>${checks}`;
}

function html(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
