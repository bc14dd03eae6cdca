import type { EngineEvent, RunResult } from "@fastdeploy/engine";

/**
 * How a local run reads in a terminal: one line per change of a job (queued, waiting for
 * review, approved, started, ended), each log line prefixed by its job, and at the end every
 * job's conclusion. `local run` and `demo` print the same.
 */

const MARK: Record<string, string> = {
  success: "✔",
  failure: "✘",
  cancelled: "⊘",
  skipped: "↷",
};

export interface RunReportOptions {
  /** Print each job's log lines (the demo leaves them out, keeping one line per change). */
  logs: boolean;
}

/** The line for one engine event, or undefined when the event prints nothing. */
export function eventLine(event: EngineEvent, options: RunReportOptions): string | undefined {
  const file = event.workflow.split("/").pop();
  switch (event.type) {
    case "run-queued":
      return `▶ ${file} #${event.runNumber} (${event.name}) queued as run ${event.runId}`;
    case "run-pending":
      return `⏳ ${file} run ${event.runId} pending behind concurrency group ${event.group}`;
    case "run-started":
      return undefined;
    case "run-completed":
      return `${MARK[event.conclusion] ?? "•"} ${file} run ${event.runId}: ${event.conclusion}${
        event.errors.length ? ` — ${event.errors.join("; ")}` : ""
      }`;
    case "job-queued":
      return `[${event.job}] queued`;
    case "job-pending":
      return `[${event.job}] pending behind concurrency group ${event.group}`;
    case "job-waiting": {
      const timer = event.waitTimerMinutes ? `, wait timer ${event.waitTimerMinutes} min` : "";
      const who = event.reviewers.length ? ` by ${event.reviewers.join(", ")}` : "";
      return `[${event.job}] ⏸ waiting for review of ${event.environment}${who}${timer}`;
    }
    case "job-approved":
      return `[${event.job}] ✔ ${event.environment} approved by ${event.by}`;
    case "job-rejected":
      return `[${event.job}] ✘ ${event.environment} rejected by ${event.by}`;
    case "job-started":
      return `[${event.job}] started`;
    case "job-completed":
      return `[${event.job}] ${MARK[event.conclusion] ?? "•"} ${event.conclusion}${
        event.reason ? `: ${event.reason}` : ""
      }`;
    case "log": {
      const line = options.logs ? readableLogLine(event.line) : undefined;
      return line === undefined ? undefined : `[${event.job}] ${line}`;
    }
  }
}

const COMMAND = /^\s*::([a-z-]+)(?: [^:]*)?::(.*)$/;
const LEVELS: Record<string, string> = { error: "Error", warning: "Warning", notice: "Notice" };

/**
 * A log line as GitHub's log view shows it: workflow commands are not printed as such (debug
 * lines only with step debug on, masks never), groups and annotations read as text.
 */
export function readableLogLine(line: string): string | undefined {
  const command = COMMAND.exec(line);
  if (!command) return line;
  const [, name = "", message = ""] = command;
  const text = message.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
  if (name === "group") return `▸ ${text}`;
  const level = LEVELS[name];
  if (level) return `${level}: ${text}`;
  // debug, add-mask, endgroup, stop-commands, save-state, set-output, echo.
  return undefined;
}

/** Every job's conclusion, one run after the other. */
export function conclusions(results: RunResult[]): string {
  const lines: string[] = [];
  for (const run of results) {
    lines.push(`${run.workflow} (run ${run.runId}): ${run.conclusion}`);
    for (const error of run.errors) lines.push(`  ${error}`);
    const width = Math.max(0, ...run.jobs.map((j) => j.name.length));
    for (const job of run.jobs) {
      const reason = job.reason ? `: ${job.reason}` : "";
      lines.push(
        `  ${MARK[job.conclusion] ?? "•"} ${job.name.padEnd(width)}  ${job.conclusion}${reason}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
