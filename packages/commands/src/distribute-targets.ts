import type { Log } from "./ports.js";
import type { ShellOptions, ShellResult } from "./shell.js";
import {
  checkTargetHealth,
  type TargetHealthCheck,
  type TargetHealthContext,
} from "./target-health.js";
import { runPool } from "./target-pool.js";

/**
 * The fan-out: the deploy command once per target, at most `parallel` at a time, each with
 * its own timeout and, when a health URL is given, a health check before it counts as done.
 * The first target that fails stops new ones from starting (the rest are `skipped`): a bad
 * version should reach as few targets as possible before it is rolled back.
 */

export type TargetStatus =
  | "success"
  /** An earlier run of the same rollout deployed it and it baked healthy: skipped. */
  | "already_deployed"
  | "failure"
  | "timed_out"
  | "unhealthy"
  | "cancelled"
  | "skipped";
export type TargetHealth = "healthy" | "unhealthy" | "not_checked";

export interface TargetResult {
  target: string;
  status: TargetStatus;
  durationMs: number;
  health: TargetHealth;
  /** The command's exit code; null when it never ran or was stopped by a signal we sent. */
  exitCode: number | null;
  /** One line on what went wrong, for the summary and the deployment's description. */
  detail?: string;
}

/** The `results` output: one object per target, snake_case as every JSON output. */
export function targetResultsJson(results: readonly TargetResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      target: r.target,
      status: r.status,
      duration_ms: r.durationMs,
      health: r.health,
      exit_code: r.exitCode,
      ...(r.detail ? { detail: r.detail } : {}),
    })),
  );
}

export type RunShell = (command: string, options: ShellOptions) => Promise<ShellResult>;

export interface TargetRun {
  command: string;
  targets: readonly string[];
  parallel: number;
  /** The extracted artifact: every command's working directory. */
  cwd: string;
  /** The command's environment for one target (FASTDEPLOY_* included). */
  env: (target: string) => NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Checked once the command succeeds: the URL, then the health command. */
  health?: TargetHealthCheck;
  signal?: AbortSignal;
  /** Prefix log lines with the target; default: when there are several (a wave of one
   * target still shares the log with the waves around it). */
  prefixed?: boolean;
}

export async function deployTargets(
  run: TargetRun,
  ports: { log: Log; runShell: RunShell },
): Promise<TargetResult[]> {
  const { log } = ports;
  const prefixed = run.prefixed ?? run.targets.length > 1;
  let stopped = false;
  const results = await runPool(
    run.targets,
    async (target) => {
      const result = await deployTarget(target, run, ports, prefixed);
      if (result.status !== "success") stopped = true;
      const took = `${(result.durationMs / 1000).toFixed(1)} s`;
      const line = `${label(target, prefixed)}${result.status} in ${took}${result.detail ? `: ${result.detail}` : ""}`;
      if (result.status === "success") log.info(line);
      else log.warning(line);
      return result;
    },
    { limit: run.parallel, proceed: () => !stopped && !run.signal?.aborted },
  );
  return results.map(
    (r, i) =>
      r ?? {
        target: run.targets[i]!,
        status: run.signal?.aborted ? "cancelled" : "skipped",
        durationMs: 0,
        health: "not_checked",
        exitCode: null,
        detail: run.signal?.aborted
          ? "not started: cancelled"
          : "not started: another target failed",
      },
  );
}

export const label = (target: string, prefixed: boolean) => (prefixed ? `[${target}] ` : "");

async function deployTarget(
  target: string,
  run: TargetRun,
  ports: { log: Log; runShell: RunShell },
  prefixed: boolean,
): Promise<TargetResult> {
  const prefix = label(target, prefixed);
  const started = Date.now();
  let shell: ShellResult;
  try {
    shell = await ports.runShell(run.command, {
      cwd: run.cwd,
      env: run.env(target),
      timeoutMs: run.timeoutMs,
      ...(run.signal ? { signal: run.signal } : {}),
      onLine: (line) => ports.log.info(`${prefix}${line}`),
    });
  } catch (error) {
    // The shell itself could not start (a missing cwd, no bash): the target failed.
    return {
      target,
      status: "failure",
      durationMs: Date.now() - started,
      health: "not_checked",
      exitCode: null,
      detail: `the command did not start: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const base = { target, health: "not_checked" as TargetHealth };
  if (shell.stoppedBy === "cancelled") {
    return {
      ...base,
      status: "cancelled",
      durationMs: shell.durationMs,
      exitCode: null,
      detail: "cancelled",
    };
  }
  if (shell.stoppedBy === "timeout") {
    return {
      ...base,
      status: "timed_out",
      durationMs: shell.durationMs,
      exitCode: null,
      detail: `the command ran over ${formatDuration(run.timeoutMs)} and was stopped`,
    };
  }
  if (shell.exitCode !== 0) {
    return {
      ...base,
      status: "failure",
      durationMs: shell.durationMs,
      exitCode: shell.exitCode,
      detail: `the command exited with ${shell.exitCode}`,
    };
  }
  if (!run.health?.url && !run.health?.command) {
    return { ...base, status: "success", durationMs: Date.now() - started, exitCode: 0 };
  }
  const verdict = await checkTargetHealth(
    target,
    run.health,
    healthContext(run, ports, prefix),
    "after-deploy",
  );
  const durationMs = Date.now() - started;
  if (verdict.healthy) {
    return { target, status: "success", durationMs, health: "healthy", exitCode: 0 };
  }
  if (verdict.cancelled) {
    return {
      target,
      status: "cancelled",
      durationMs,
      health: "not_checked",
      exitCode: 0,
      detail: "cancelled",
    };
  }
  return {
    target,
    status: "unhealthy",
    durationMs,
    health: "unhealthy",
    exitCode: 0,
    detail: verdict.detail,
  };
}

/** What a health check of `run`'s targets needs: their directory, environment and log. */
export function healthContext(
  run: Pick<TargetRun, "cwd" | "env" | "signal">,
  ports: { log: Log; runShell: RunShell },
  prefix: string,
): TargetHealthContext {
  return {
    cwd: run.cwd,
    env: run.env,
    log: ports.log,
    runShell: ports.runShell,
    prefix,
    ...(run.signal ? { signal: run.signal } : {}),
  };
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}
