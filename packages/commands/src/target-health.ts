import { checkHealth, type HealthCheckOptions, healthUrlFor } from "./health-check.js";
import type { Log } from "./ports.js";
import type { ShellOptions, ShellResult } from "./shell.js";

/**
 * A target's health, as the environment defines it: the health URL answers 2xx and the health
 * command exits 0. Right after a deploy the URL gets until `health-timeout` to come up; during
 * a bake every check is one look (one request, one run of the command), because the target
 * was healthy already and any lapse is what the bake is there to catch.
 */

export interface TargetHealthCheck {
  /** `{target}` is substituted; any 2xx is healthy. */
  url?: string;
  /** Runs in the artifact with the deploy command's environment; exit 0 = healthy. */
  command?: string;
  timeoutMs: number;
  initialDelayMs?: number;
  fetch?: HealthCheckOptions["fetch"];
}

export interface TargetHealthContext {
  cwd: string;
  env: (target: string) => NodeJS.ProcessEnv;
  signal?: AbortSignal;
  log: Log;
  runShell: (command: string, options: ShellOptions) => Promise<ShellResult>;
  /** Log prefix, `[target] ` when several targets share the log. */
  prefix: string;
}

export type HealthVerdict =
  | { healthy: true }
  | { healthy: false; cancelled: boolean; detail: string };

export async function checkTargetHealth(
  target: string,
  check: TargetHealthCheck,
  context: TargetHealthContext,
  mode: "after-deploy" | "bake",
): Promise<HealthVerdict> {
  if (check.url) {
    const url = healthUrlFor(check.url, target);
    const health = await checkHealth(url, {
      timeoutMs: check.timeoutMs,
      // A bake check is a single look: a lapse is what the bake is there to catch.
      ...(mode === "bake" ? { maxAttempts: 1 } : {}),
      ...(check.initialDelayMs !== undefined ? { initialDelayMs: check.initialDelayMs } : {}),
      ...(check.fetch ? { fetch: check.fetch } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    if (health.cancelled) return { healthy: false, cancelled: true, detail: "cancelled" };
    if (!health.healthy) {
      const attempts = `${health.attempts} attempt${health.attempts === 1 ? "" : "s"}`;
      return {
        healthy: false,
        cancelled: false,
        detail:
          mode === "bake"
            ? `health check ${url} failed during the bake (${health.detail})`
            : `health check ${url} failed after ${attempts} (${health.detail})`,
      };
    }
  }
  if (check.command) {
    const during = mode === "bake" ? " during the bake" : "";
    let shell: ShellResult;
    try {
      shell = await context.runShell(check.command, {
        cwd: context.cwd,
        env: context.env(target),
        timeoutMs: check.timeoutMs,
        ...(context.signal ? { signal: context.signal } : {}),
        onLine: (line) => context.log.info(`${context.prefix}health: ${line}`),
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return {
        healthy: false,
        cancelled: false,
        detail: `the health command did not start: ${why}`,
      };
    }
    if (shell.stoppedBy === "cancelled")
      return { healthy: false, cancelled: true, detail: "cancelled" };
    if (shell.stoppedBy === "timeout") {
      return {
        healthy: false,
        cancelled: false,
        detail: `the health command ran over ${Math.round(check.timeoutMs / 1000)} s${during} and was stopped`,
      };
    }
    if (shell.exitCode !== 0) {
      return {
        healthy: false,
        cancelled: false,
        detail: `the health command exited with ${shell.exitCode}${during}`,
      };
    }
  }
  return { healthy: true };
}
